package dev.strata.image;

import dev.strata.digest.Digest;
import dev.strata.json.Json;
import dev.strata.json.JsonObject;
import dev.strata.json.JsonOut;
import dev.strata.json.JsonWritable;
import java.util.List;

/**
 * What the store keeps about an image beside its config: the parent image (for images made by
 * commit or build; null otherwise), when it was last tagged, its total layer size and creation time
 * copied from the config (so listing images needs no config parsing), and the manifests it was
 * received with (null when none).
 */
public record ImageRecord(
        Digest id,
        Digest parent,
        String created,
        long size,
        String lastTagTime,
        List<Digest> manifests) implements JsonWritable {

    public ImageRecord {
        manifests = manifests == null ? null : List.copyOf(manifests);
    }

    /** A record with no tag time and no manifests yet. */
    public static ImageRecord of(Digest id, Digest parent, String created, long size) {
        return new ImageRecord(id, parent, created, size, null, null);
    }

    /** Null members are left out. */
    @Override
    public void writeJson(JsonOut out) {
        out.beginObject()
                .field("id", id.toString())
                .fieldOmitNull("parent", parent == null ? null : parent.toString())
                .fieldOmitNull("created", created)
                .field("size", size)
                .fieldOmitNull("lastTagTime", lastTagTime)
                .fieldOmitNull("manifests", manifests == null ? null : manifests.stream().map(Digest::toString).toList())
                .endObject();
    }

    /** Reads a record as the store wrote it. */
    public static ImageRecord fromJson(byte[] json) {
        JsonObject o = Json.requireObject(json);
        List<String> manifests = o.strings("manifests");
        return new ImageRecord(Digest.parse(o.string("id")), o.string("parent") == null ? null
                : Digest.parse(o.string("parent")), o.string("created"), o.longValue("size"),
                o.string("lastTagTime"), manifests == null ? null : manifests.stream().map(Digest::parse).toList());
    }

    public ImageRecord withLastTagTime(String time) {
        return new ImageRecord(id, parent, created, size, time, manifests);
    }
}
