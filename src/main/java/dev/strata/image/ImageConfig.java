package dev.strata.image;

import dev.strata.digest.DiffId;
import dev.strata.json.JsonObject;
import dev.strata.json.JsonOut;
import dev.strata.json.JsonWritable;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * An image configuration (OCI image config / Docker image JSON). Fields are written in alphabetical
 * order because Docker writes them so; but an image ID is the digest of the bytes as received, so a
 * config read from elsewhere is never re-serialised (see {@link Image#rawConfig()}).
 */
public record ImageConfig(
        String architecture,
        String author,
        String comment,
        ContainerConfig config,
        String container,
        ContainerConfig containerConfig,
        String created,
        String dockerVersion,
        List<History> history,
        String os,
        List<String> osFeatures,
        String osVersion,
        RootFs rootfs,
        String variant) implements JsonWritable {

    /** Empty members are left out, except {@code created}, which only null leaves out. */
    @Override
    public void writeJson(JsonOut out) {
        out.beginObject()
                .fieldOmitEmpty("architecture", architecture)
                .fieldOmitEmpty("author", author)
                .fieldOmitEmpty("comment", comment)
                .fieldOmitNull("config", config)
                .fieldOmitEmpty("container", container)
                .fieldOmitNull("container_config", containerConfig)
                .fieldOmitNull("created", created)
                .fieldOmitEmpty("docker_version", dockerVersion)
                .fieldOmitEmpty("history", history)
                .fieldOmitEmpty("os", os)
                .fieldOmitEmpty("os.features", osFeatures)
                .fieldOmitEmpty("os.version", osVersion)
                .fieldOmitNull("rootfs", rootfs)
                .fieldOmitEmpty("variant", variant)
                .endObject();
    }

    public static ImageConfig fromJson(JsonObject o) {
        return new ImageConfig(o.string("architecture"), o.string("author"), o.string("comment"),
                o.object("config", ContainerConfig::fromJson), o.string("container"),
                o.object("container_config", ContainerConfig::fromJson), o.string("created"),
                o.string("docker_version"), o.list("history", History::fromJson), o.string("os"),
                o.strings("os.features"), o.string("os.version"), o.object("rootfs", RootFs::fromJson),
                o.string("variant"));
    }

    public List<DiffId> diffIds() {
        return rootfs == null ? List.of() : rootfs.parsedDiffIds();
    }

    public List<History> historyOrEmpty() {
        return history == null ? List.of() : history;
    }

    public ContainerConfig configOrEmpty() {
        return config == null ? ContainerConfig.empty() : config;
    }

    /** The creation time, when present and well formed. */
    public Optional<Instant> createdInstant() {
        return parseTime(created);
    }

    public static Optional<Instant> parseTime(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Timestamps.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public Platform platform() {
        return new Platform(architecture, os, osVersion, osFeatures, variant);
    }

    public ImageConfig withConfig(ContainerConfig newConfig) {
        return new ImageConfig(architecture, author, comment, newConfig, container, containerConfig, created,
                dockerVersion, history, os, osFeatures, osVersion, rootfs, variant);
    }
}
