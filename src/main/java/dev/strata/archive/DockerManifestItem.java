package dev.strata.archive;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.strata.image.Descriptor;
import java.util.List;
import java.util.Map;

/**
 * One image of a {@code docker save} archive's manifest.json, in Docker's field order. RepoTags is
 * written even when null, as Go writes a nil slice; Parent and LayerSources only when set.
 * LayerSources (descriptors of foreign layers, a Windows matter) is read and kept but not acted on.
 */
@JsonInclude(Include.ALWAYS)
@JsonPropertyOrder({"Config", "RepoTags", "Layers", "Parent", "LayerSources"})
record DockerManifestItem(
        @JsonProperty("Config") String config,
        @JsonProperty("RepoTags") List<String> repoTags,
        @JsonProperty("Layers") List<String> layers,
        @JsonProperty("Parent") @JsonInclude(Include.NON_EMPTY) String parent,
        @JsonProperty("LayerSources") @JsonInclude(Include.NON_EMPTY) Map<String, Descriptor> layerSources) {
}
