package dev.strata.image;

import dev.strata.json.JsonObject;
import dev.strata.json.JsonOut;
import dev.strata.json.JsonWritable;
import java.util.List;

/** The platform of an index entry; empty members are left out. */
public record Platform(
        String architecture,
        String os,
        String osVersion,
        List<String> osFeatures,
        String variant) implements JsonWritable {

    @Override
    public void writeJson(JsonOut out) {
        out.beginObject()
                .fieldOmitEmpty("architecture", architecture)
                .fieldOmitEmpty("os", os)
                .fieldOmitEmpty("os.version", osVersion)
                .fieldOmitEmpty("os.features", osFeatures)
                .fieldOmitEmpty("variant", variant)
                .endObject();
    }

    public static Platform fromJson(JsonObject o) {
        return new Platform(o.string("architecture"), o.string("os"), o.string("os.version"), o.strings("os.features"),
                o.string("variant"));
    }

    public static Platform of(String os, String architecture) {
        return new Platform(architecture, os, null, null, null);
    }

    /** The platform this engine runs containers for. */
    public static Platform host() {
        String arch = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case String other -> other;
        };
        return of("linux", arch);
    }

    @Override
    public String toString() {
        return os + "/" + architecture + (variant == null || variant.isEmpty() ? "" : "/" + variant);
    }
}
