package dev.strata.view;

import dev.strata.engine.HistoryRow;
import dev.strata.json.JsonOut;
import dev.strata.json.JsonWritable;

/** One entry of {@code GET /images/{name}/history}, newest first: Docker's HistoryResponseItem. */
public record HistoryItem(HistoryRow row) implements JsonWritable {
    @Override
    public void writeJson(JsonOut out) {
        out.beginObject()
                .field("Comment", row.comment())
                .field("Created", row.created() == null ? 0L : row.created().getEpochSecond())
                .field("CreatedBy", row.createdBy())
                .field("Id", row.id())
                .field("Size", row.size())
                .field("Tags", row.tags().isEmpty() ? null : row.tags())
                .endObject();
    }
}
