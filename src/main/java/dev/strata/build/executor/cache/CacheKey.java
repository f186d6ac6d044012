package dev.strata.build.executor.cache;

import dev.strata.digest.Digest;
import java.util.Map;
import java.util.TreeMap;

/**
 * The key of one build step in the cache: sha256 over everything its result depends on, each part
 * named, in a fixed order. A step is found again when its parent image, its instruction as expanded,
 * the build arguments it sees (RUN), the checksums of what it copies (COPY, ADD, RUN's bind mounts), the
 * run's network and mounts, and the {@code SOURCE_DATE_EPOCH} its times are clamped to, are all what
 * they were. Times and the files' modification times are not part of it; a secret's content is not
 * either (only its id and where it is mounted), so that no record depends on, or reveals, a secret.
 */
public final class CacheKey {
    /** Bumped whenever the way a step is executed changes what it produces. */
    static final String VERSION = "strata-build-step v1";

    private final TreeMap<String, String> parts = new TreeMap<>();

    private CacheKey() {
    }

    /** A key for a step on {@code parent} (null for a stage from scratch). */
    public static CacheKey on(Digest parent) {
        CacheKey key = new CacheKey();
        key.parts.put("parent", parent == null ? "scratch" : parent.toString());
        return key;
    }

    /** Adds a part; a second part of the same name replaces the first. */
    public CacheKey with(String name, String value) {
        parts.put(name, value == null ? "" : value);
        return this;
    }

    public CacheKey with(String name, Map<String, String> values) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(values).forEach((k, v) -> text.append(k.length()).append(':').append(k)
                .append(v.length()).append(':').append(v));
        return with(name, text.toString());
    }

    /** The text the digest is taken over: each part as {@code NAME LENGTH:VALUE}, one a line. */
    String canonical() {
        StringBuilder text = new StringBuilder(VERSION).append('\n');
        parts.forEach((k, v) -> text.append(k).append(' ').append(v.length()).append(':').append(v).append('\n'));
        return text.toString();
    }

    /** The key's hex digest: the name of the step's record. */
    public String hex() {
        return Digest.sha256(canonical()).encoded();
    }

    @Override
    public String toString() {
        return canonical();
    }
}
