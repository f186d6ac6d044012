package dev.strata.build.executor.cache;

import dev.strata.digest.Digest;
import dev.strata.json.JsonObject;
import dev.strata.json.JsonOut;
import dev.strata.json.JsonWritable;

/**
 * A step the cache holds: the image it made, on what, for what instruction, the bytes its own layer
 * takes (0 for a config-only step), and when it was made and last used.
 *
 * @param key the hex of its {@link CacheKey}; its first 25 characters are the ID {@code builder prune}
 *     prints, the first 12 what {@code system df -v} shows
 */
public record CacheRecord(String key, Digest image, Digest parent, String description, long size,
                          String created, String lastUsed, long usageCount) implements JsonWritable {

    public String id() {
        return key.substring(0, 25);
    }

    public CacheRecord used(String now) {
        return new CacheRecord(key, image, parent, description, size, created, now, usageCount + 1);
    }

    @Override
    public void writeJson(JsonOut out) {
        out.beginObject()
                .field("Key", key)
                .field("Image", image.toString())
                .field("Parent", parent == null ? null : parent.toString())
                .field("Description", description)
                .field("Size", size)
                .field("Created", created)
                .field("LastUsed", lastUsed)
                .field("UsageCount", usageCount)
                .endObject();
    }

    public static CacheRecord fromJson(JsonObject o) {
        String parent = o.string("Parent");
        return new CacheRecord(o.string("Key"), Digest.parse(o.string("Image")),
                parent == null || parent.isEmpty() ? null : Digest.parse(parent), o.string("Description"),
                o.longValue("Size"), o.string("Created"), o.string("LastUsed"), o.longValue("UsageCount"));
    }
}
