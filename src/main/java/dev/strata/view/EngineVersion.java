package dev.strata.view;

import dev.strata.json.JsonOut;
import dev.strata.json.JsonWritable;

/**
 * {@code GET /version}: Docker's version object, with Strata as the one component, so {@code docker
 * version} prints a Server section; {@code GoVersion} holds the Java version that runs the engine.
 */
public record EngineVersion(String version, String apiVersion, String minApiVersion, String os, String arch,
                            String kernelVersion, String javaVersion, String buildTime) implements JsonWritable {
    @Override
    public void writeJson(JsonOut out) {
        out.beginObject()
                .name("Platform").beginObject().field("Name", "Strata").endObject()
                .name("Components").beginArray().beginObject()
                .field("Name", "Engine")
                .field("Version", version)
                .name("Details").beginObject()
                .field("ApiVersion", apiVersion)
                .field("Arch", arch)
                .field("BuildTime", buildTime)
                .field("Experimental", "false")
                .field("GitCommit", "")
                .field("GoVersion", javaVersion)
                .field("KernelVersion", kernelVersion)
                .field("MinAPIVersion", minApiVersion)
                .field("Os", os)
                .endObject()
                .endObject().endArray()
                .field("Version", version)
                .field("ApiVersion", apiVersion)
                .field("MinAPIVersion", minApiVersion)
                .field("GitCommit", "")
                .field("GoVersion", javaVersion)
                .field("Os", os)
                .field("Arch", arch)
                .field("KernelVersion", kernelVersion)
                .field("BuildTime", buildTime)
                .endObject();
    }
}
