package dev.strata.archive;

import dev.strata.image.Descriptor;
import dev.strata.json.JsonObject;
import dev.strata.json.JsonOut;
import dev.strata.json.JsonWritable;
import java.util.List;
import java.util.Map;

/**
 * One image of a {@code docker save} archive's manifest.json, in Docker's field order. RepoTags is
 * written even when null, as Go writes a nil slice; Parent and LayerSources only when set.
 * LayerSources (descriptors of foreign layers, a Windows matter) is read and kept but not acted on.
 */
record DockerManifestItem(
        String config,
        List<String> repoTags,
        List<String> layers,
        String parent,
        Map<String, Descriptor> layerSources) implements JsonWritable {

    @Override
    public void writeJson(JsonOut out) {
        out.beginObject()
                .field("Config", config)
                .field("RepoTags", repoTags)
                .field("Layers", layers)
                .fieldOmitEmpty("Parent", parent)
                .fieldOmitEmpty("LayerSources", layerSources)
                .endObject();
    }

    static DockerManifestItem fromJson(JsonObject o) {
        return new DockerManifestItem(o.string("Config"), o.strings("RepoTags"), o.strings("Layers"),
                o.string("Parent"), o.map("LayerSources", Descriptor::fromJson));
    }
}
