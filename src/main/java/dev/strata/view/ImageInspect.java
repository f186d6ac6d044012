package dev.strata.view;

import dev.strata.digest.DiffId;
import dev.strata.engine.ImageDetails;
import dev.strata.image.ContainerConfig;
import dev.strata.image.ImageConfig;
import dev.strata.image.Timestamps;
import dev.strata.json.JsonOut;
import dev.strata.json.JsonWritable;

/**
 * Docker's image inspect object ({@code docker image inspect}, and the Engine API's
 * {@code GET /images/{name}/json}), field for field and in Docker's order, for one image's details.
 * Empty strings stand where the config has nothing, as in Docker's; {@code Variant} and
 * {@code OsVersion} only when set.
 */
public record ImageInspect(ImageDetails details) implements JsonWritable {

    @Override
    public void writeJson(JsonOut out) {
        ImageConfig config = details.image().config();
        out.beginObject()
                .field("Id", details.id().toString())
                .field("RepoTags", details.repoTags())
                .field("RepoDigests", details.repoDigests())
                .field("Parent", details.parent() == null ? "" : details.parent().toString())
                .field("Comment", orEmpty(config.comment()))
                .field("Created", config.createdInstant().map(Timestamps::format).orElse(Timestamps.ZERO))
                .field("Container", orEmpty(config.container()))
                .field("ContainerConfig", config.containerConfig() == null ? ContainerConfig.empty()
                        : config.containerConfig())
                .field("DockerVersion", orEmpty(config.dockerVersion()))
                .field("Author", orEmpty(config.author()))
                .field("Config", config.config())
                .field("Architecture", orEmpty(config.architecture()));
        if (config.variant() != null && !config.variant().isEmpty()) {
            out.field("Variant", config.variant());
        }
        out.field("Os", orEmpty(config.os()));
        if (config.osVersion() != null && !config.osVersion().isEmpty()) {
            out.field("OsVersion", config.osVersion());
        }
        out.field("Size", details.size())
                .field("VirtualSize", details.size());
        out.name("GraphDriver").beginObject()
                .field("Data", details.graphDriverData())
                .field("Name", details.graphDriver())
                .endObject();
        out.name("RootFS").beginObject()
                .field("Type", "layers")
                .field("Layers", details.image().diffIds().stream().map(DiffId::toString).toList())
                .endObject();
        out.name("Metadata").beginObject()
                .field("LastTagTime", details.lastTagTime() == null ? Timestamps.ZERO : details.lastTagTime())
                .endObject();
        out.endObject();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
