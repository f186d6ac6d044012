package dev.strata.image;

import dev.strata.digest.DiffId;
import dev.strata.json.JsonObject;
import dev.strata.json.JsonOut;
import dev.strata.json.JsonWritable;
import java.util.List;

/**
 * The config's {@code rootfs}: its type (always {@code layers} for an image Strata takes) and the diff
 * IDs of its layers, base first. Reading a config with a malformed diff ID fails with
 * {@link dev.strata.digest.InvalidDigestException}.
 */
public record RootFs(String type, List<DiffId> diffIds) implements JsonWritable {
    public RootFs {
        diffIds = diffIds == null ? null : List.copyOf(diffIds);
    }

    @Override
    public void writeJson(JsonOut out) {
        out.beginObject().field("type", type).field("diff_ids", diffIds == null ? null
                : diffIds.stream().map(DiffId::toString).toList()).endObject();
    }

    public static RootFs fromJson(JsonObject o) {
        List<String> ids = o.strings("diff_ids");
        return new RootFs(o.string("type"), ids == null ? null : ids.stream().map(DiffId::parse).toList());
    }

    public static RootFs layers(List<DiffId> diffIds) {
        return new RootFs("layers", diffIds);
    }

    public List<DiffId> diffIdsOrEmpty() {
        return diffIds == null ? List.of() : diffIds;
    }
}
