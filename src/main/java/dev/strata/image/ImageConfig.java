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
        return rootfs == null ? List.of() : rootfs.diffIdsOrEmpty();
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
        return toBuilder().config(newConfig).build();
    }

    /** A builder holding this config's members, to change some of them. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A builder for a config with no members set. */
    public static Builder builder() {
        return new Builder(new ImageConfig(null, null, null, null, null, null, null, null, null, null, null, null,
                null, null));
    }

    /** Sets members by name instead of position; {@link #build} makes the record. */
    public static final class Builder {
        private String architecture;
        private String author;
        private String comment;
        private ContainerConfig config;
        private String container;
        private ContainerConfig containerConfig;
        private String created;
        private String dockerVersion;
        private List<History> history;
        private String os;
        private List<String> osFeatures;
        private String osVersion;
        private RootFs rootfs;
        private String variant;

        private Builder(ImageConfig from) {
            architecture = from.architecture;
            author = from.author;
            comment = from.comment;
            config = from.config;
            container = from.container;
            containerConfig = from.containerConfig;
            created = from.created;
            dockerVersion = from.dockerVersion;
            history = from.history;
            os = from.os;
            osFeatures = from.osFeatures;
            osVersion = from.osVersion;
            rootfs = from.rootfs;
            variant = from.variant;
        }

        public Builder architecture(String value) {
            architecture = value;
            return this;
        }

        public Builder author(String value) {
            author = value;
            return this;
        }

        public Builder comment(String value) {
            comment = value;
            return this;
        }

        public Builder config(ContainerConfig value) {
            config = value;
            return this;
        }

        public Builder container(String value) {
            container = value;
            return this;
        }

        public Builder containerConfig(ContainerConfig value) {
            containerConfig = value;
            return this;
        }

        public Builder created(String value) {
            created = value;
            return this;
        }

        public Builder dockerVersion(String value) {
            dockerVersion = value;
            return this;
        }

        public Builder history(List<History> value) {
            history = value;
            return this;
        }

        public Builder os(String value) {
            os = value;
            return this;
        }

        public Builder osFeatures(List<String> value) {
            osFeatures = value;
            return this;
        }

        public Builder osVersion(String value) {
            osVersion = value;
            return this;
        }

        public Builder rootfs(RootFs value) {
            rootfs = value;
            return this;
        }

        public Builder variant(String value) {
            variant = value;
            return this;
        }

        /** Sets architecture, OS, OS version and features, and variant from {@code platform}. */
        public Builder platform(Platform platform) {
            return architecture(platform.architecture()).os(platform.os()).osVersion(platform.osVersion())
                    .osFeatures(platform.osFeatures()).variant(platform.variant());
        }

        public ImageConfig build() {
            return new ImageConfig(architecture, author, comment, config, container, containerConfig, created,
                    dockerVersion, history, os, osFeatures, osVersion, rootfs, variant);
        }
    }
}
