package dev.strata.image;

import dev.strata.digest.DiffId;
import dev.strata.digest.Digest;
import dev.strata.json.Json;
import dev.strata.json.JsonException;
import java.util.List;

/**
 * An image as the store holds it: its ID (the digest of the config bytes), those bytes exactly as
 * received, and their parsed form.
 */
public record Image(Digest id, byte[] rawConfig, ImageConfig config) {

    /** Parses config bytes, failing with a clear message on malformed JSON. */
    public static Image fromConfig(byte[] rawConfig) {
        ImageConfig parsed;
        try {
            var object = Json.object(rawConfig);
            parsed = object == null ? null : ImageConfig.fromJson(object);
        } catch (JsonException e) {
            throw new InvalidImageException("image config is not valid JSON: " + firstLine(e.getMessage()));
        }
        if (parsed == null || parsed.rootfs() == null) {
            throw new InvalidImageException("image config has no rootfs");
        }
        if (parsed.rootfs().type() != null && !"layers".equals(parsed.rootfs().type())) {
            throw new InvalidImageException("image config rootfs type is \"" + parsed.rootfs().type() + "\", expected \"layers\"");
        }
        try {
            parsed.diffIds();
        } catch (dev.strata.digest.InvalidDigestException e) {
            throw new InvalidImageException("image config lists a malformed diff ID: " + e.getMessage());
        }
        return new Image(Digest.sha256(rawConfig), rawConfig, parsed);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    public List<DiffId> diffIds() {
        return config.diffIds();
    }
}
