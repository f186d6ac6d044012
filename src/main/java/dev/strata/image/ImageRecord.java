package dev.strata.image;

import dev.strata.json.Json;
import dev.strata.json.JsonOut;
import dev.strata.json.JsonWritable;
import java.util.List;

/**
 * What the store keeps about an image beside its config: the parent image (for images made by
 * commit or build), when it was last tagged, its total layer size and creation time copied from the
 * config (so listing images needs no config parsing), and the manifests it was received with.
 */
public record ImageRecord(
        String id,
        String parent,
        String created,
        long size,
        String lastTagTime,
        List<String> manifests) implements JsonWritable {

    /** Null members are left out. */
    @Override
    public void writeJson(JsonOut out) {
        out.beginObject()
                .fieldOmitNull("id", id)
                .fieldOmitNull("parent", parent)
                .fieldOmitNull("created", created)
                .field("size", size)
                .fieldOmitNull("lastTagTime", lastTagTime)
                .fieldOmitNull("manifests", manifests)
                .endObject();
    }

    /** Reads a record as the store wrote it. */
    public static ImageRecord fromJson(byte[] json) {
        var o = Json.requireObject(json);
        return new ImageRecord(o.string("id"), o.string("parent"), o.string("created"), o.longValue("size"),
                o.string("lastTagTime"), o.strings("manifests"));
    }

    public ImageRecord withLastTagTime(String time) {
        return new ImageRecord(id, parent, created, size, time, manifests);
    }
}
