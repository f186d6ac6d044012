package dev.strata.image;

import dev.strata.digest.DiffId;
import dev.strata.json.JsonObject;
import dev.strata.json.JsonOut;
import dev.strata.json.JsonWritable;
import java.util.List;

public record RootFs(String type, List<String> diffIds) implements JsonWritable {

    @Override
    public void writeJson(JsonOut out) {
        out.beginObject().field("type", type).field("diff_ids", diffIds).endObject();
    }

    public static RootFs fromJson(JsonObject o) {
        return new RootFs(o.string("type"), o.strings("diff_ids"));
    }

    public static RootFs layers(List<DiffId> diffIds) {
        return new RootFs("layers", diffIds.stream().map(DiffId::toString).toList());
    }

    public List<DiffId> parsedDiffIds() {
        return diffIds == null ? List.of() : diffIds.stream().map(DiffId::parse).toList();
    }
}
