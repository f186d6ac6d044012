package dev.strata.view;

import dev.strata.json.JsonOut;
import dev.strata.json.JsonWritable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /version}: Docker's version object, with Strata as the one component, so {@code docker
 * version} prints a Server section; {@code GoVersion} holds the Java version that runs the engine.
 */
public record EngineVersion(String version, String apiVersion, String minApiVersion, String os, String arch,
                            String kernelVersion, String javaVersion, String buildTime) implements JsonWritable {
    @Override
    public void writeJson(JsonOut out) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("ApiVersion", apiVersion);
        details.put("Arch", arch);
        details.put("BuildTime", buildTime);
        details.put("Experimental", "false");
        details.put("GitCommit", "");
        details.put("GoVersion", javaVersion);
        details.put("KernelVersion", kernelVersion);
        details.put("MinAPIVersion", minApiVersion);
        details.put("Os", os);
        Map<String, Object> engine = new LinkedHashMap<>();
        engine.put("Name", "Engine");
        engine.put("Version", version);
        engine.put("Details", details);
        out.beginObject()
                .name("Platform").beginObject().field("Name", "Strata").endObject()
                .field("Components", List.of(engine))
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
