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

    /**
     * Whether an image for this platform runs on {@code wanted}: the same OS and architecture, and the
     * same variant when {@code wanted} names one.
     */
    public boolean serves(Platform wanted) {
        if (os == null || architecture == null || !wanted.os().equals(os) || !wanted.architecture().equals(architecture)) {
            return false;
        }
        return wanted.variant() == null || wanted.variant().isEmpty() || wanted.variant().equals(variant);
    }

    /** Whether {@code text} ({@code os} alone, or {@code os/arch}) names this host's platform. */
    public static boolean isHost(String text) {
        Platform host = host();
        return text.equals(host.os() + "/" + host.architecture()) || text.equals(host.os());
    }

    /**
     * {@code os/arch[/variant]}, as {@code --platform} takes it.
     *
     * @throws InvalidImageException naming what was expected
     */
    public static Platform parse(String text) {
        String[] parts = text.split("/");
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new InvalidImageException("invalid platform \"" + text + "\": expected os/arch[/variant]");
        }
        return new Platform(parts[1], parts[0], null, null, parts.length == 3 ? parts[2] : null);
    }

    @Override
    public String toString() {
        return os + "/" + architecture + (variant == null || variant.isEmpty() ? "" : "/" + variant);
    }
}
