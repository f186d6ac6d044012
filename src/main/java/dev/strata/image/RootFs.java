package dev.strata.image;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.strata.digest.DiffId;
import java.util.List;

@JsonPropertyOrder({"type", "diff_ids"})
public record RootFs(String type, @JsonProperty("diff_ids") List<String> diffIds) {

    public static RootFs layers(List<DiffId> diffIds) {
        return new RootFs("layers", diffIds.stream().map(DiffId::toString).toList());
    }

    public List<DiffId> parsedDiffIds() {
        return diffIds == null ? List.of() : diffIds.stream().map(DiffId::parse).toList();
    }
}
