package dev.strata.image;

import dev.strata.digest.DiffId;
import dev.strata.digest.Digest;
import dev.strata.digest.InvalidDigestException;
import dev.strata.json.Json;
import dev.strata.json.JsonException;
import java.util.Arrays;
import java.util.List;

/**
 * An image's identity and configuration: its ID (the digest of the config bytes), those bytes exactly as
 * received, and their parsed form. Two images are equal when their bytes are: the ID says the same, and
 * the parsed form follows from the bytes.
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
        } catch (InvalidDigestException e) {
            throw new InvalidImageException("image config lists a malformed diff ID: " + e.getMessage());
        }
        if (parsed == null || parsed.rootfs() == null) {
            throw new InvalidImageException("image config has no rootfs");
        }
        if (parsed.rootfs().type() != null && !"layers".equals(parsed.rootfs().type())) {
            throw new InvalidImageException("image config rootfs type is \"" + parsed.rootfs().type() + "\", expected \"layers\"");
        }
        return new Image(Digest.sha256(rawConfig), rawConfig, parsed);
    }

    /** The image a config makes, written as Strata writes every config it makes. */
    public static Image of(ImageConfig config) {
        return fromConfig(Json.write(config));
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

    @Override
    public boolean equals(Object other) {
        return other instanceof Image image && id.equals(image.id) && Arrays.equals(rawConfig, image.rawConfig);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "Image[" + id + ", " + rawConfig.length + " bytes of config]";
    }
}
