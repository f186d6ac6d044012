package dev.strata.image;

import dev.strata.json.JsonObject;
import dev.strata.json.JsonOut;
import dev.strata.json.JsonWritable;

/** One step of an image's history; {@code emptyLayer} steps changed only the config. Empty members are left out. */
public record History(
        String created,
        String createdBy,
        String author,
        String comment,
        boolean emptyLayer) implements JsonWritable {

    @Override
    public void writeJson(JsonOut out) {
        out.beginObject()
                .fieldOmitEmpty("created", created)
                .fieldOmitEmpty("created_by", createdBy)
                .fieldOmitEmpty("author", author)
                .fieldOmitEmpty("comment", comment);
        if (emptyLayer) {
            out.field("empty_layer", true);
        }
        out.endObject();
    }

    public static History fromJson(JsonObject o) {
        return new History(o.string("created"), o.string("created_by"), o.string("author"), o.string("comment"),
                o.bool("empty_layer"));
    }
}
