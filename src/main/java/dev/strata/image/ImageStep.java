package dev.strata.image;

import dev.strata.digest.DiffId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One step from a base image (or from nothing) to a new image, by Docker's rules: the one place that
 * says how a child's config follows from its base's. {@code import}, {@code commit} and every step of a
 * build describe their step with one of these; the store adds the layer (or none) and records the
 * result. Pure: {@link #apply} only computes.
 *
 * <p>The child keeps its base's platform (a base-less image takes {@link #platform}), history and
 * layers, and gains one history entry, marked {@code empty_layer} when the step added no layer. Its
 * {@code config}, {@code author}, {@code comment}, {@code container}, {@code container_config} and
 * {@code created} are the step's; {@code docker_version} is left out, as Strata is not Docker.
 *
 * @param config          the new image's container config ({@code config})
 * @param createdBy       the history entry's {@code created_by}, or null
 * @param author          the config's and the history entry's {@code author}, or null
 * @param historyComment  the history entry's {@code comment}, or null
 * @param comment         the config's own {@code comment} (import writes one, commit does not), or null
 * @param container       the ID of the container the step ran in, or null
 * @param containerConfig that container's config, or null
 * @param created         the time of the step, RFC 3339 as Docker writes it
 * @param platform        the platform of an image made from nothing; ignored when there is a base
 */
public record ImageStep(
        ContainerConfig config,
        String createdBy,
        String author,
        String historyComment,
        String comment,
        String container,
        ContainerConfig containerConfig,
        String created,
        Platform platform) {

    /** The config of the image this step makes on {@code base} (null: none), with {@code layer} added if present. */
    public ImageConfig apply(ImageConfig base, Optional<DiffId> layer) {
        List<History> history = new ArrayList<>(base == null ? List.of() : base.historyOrEmpty());
        history.add(new History(created, emptyToNull(createdBy), emptyToNull(author), emptyToNull(historyComment),
                layer.isEmpty()));
        List<DiffId> diffIds = new ArrayList<>(base == null ? List.of() : base.diffIds());
        layer.ifPresent(diffIds::add);
        ImageConfig.Builder child = ImageConfig.builder();
        if (base == null) {
            child.platform(platform == null ? Platform.host() : platform);
        } else {
            child.architecture(base.architecture()).os(base.os() == null ? "linux" : base.os())
                    .osFeatures(base.osFeatures()).osVersion(base.osVersion()).variant(base.variant());
        }
        return child.author(emptyToNull(author)).comment(emptyToNull(comment)).config(config)
                .container(emptyToNull(container)).containerConfig(containerConfig).created(created)
                .history(history).rootfs(RootFs.layers(diffIds)).build();
    }

    /**
     * Docker's merge of a committed config over the container's: fields the changes left empty are
     * filled from the container's, except that an Entrypoint the changes set keeps a Cmd they cleared
     * cleared; labels are never absent.
     */
    public static ContainerConfig mergeOver(ContainerConfig changed, ContainerConfig container) {
        ContainerConfig.Builder merged = changed.with();
        if (changed.user().isEmpty()) {
            merged.user(container.user());
        }
        if (changed.env() == null || changed.env().isEmpty()) {
            merged.env(container.env());
        }
        if (changed.entrypoint() == null || changed.entrypoint().isEmpty()) {
            if (changed.cmd() == null || changed.cmd().isEmpty()) {
                merged.cmd(container.cmd());
            }
            if (changed.entrypoint() == null) {
                merged.entrypoint(container.entrypoint());
            }
        }
        if (changed.workingDir().isEmpty()) {
            merged.workingDir(container.workingDir());
        }
        if (changed.stopSignal().isEmpty()) {
            merged.stopSignal(container.stopSignal());
        }
        if (changed.labels() == null) {
            merged.labels(Map.of());
        }
        return merged.build();
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Members by name; unset ones are null. */
    public static final class Builder {
        private ContainerConfig config;
        private String createdBy;
        private String author;
        private String historyComment;
        private String comment;
        private String container;
        private ContainerConfig containerConfig;
        private String created;
        private Platform platform;

        private Builder() {
        }

        public Builder config(ContainerConfig value) {
            config = value;
            return this;
        }

        public Builder createdBy(String value) {
            createdBy = value;
            return this;
        }

        public Builder author(String value) {
            author = value;
            return this;
        }

        public Builder historyComment(String value) {
            historyComment = value;
            return this;
        }

        public Builder comment(String value) {
            comment = value;
            return this;
        }

        /** The container the step ran in: its ID and its config. */
        public Builder container(String id, ContainerConfig value) {
            container = id;
            containerConfig = value;
            return this;
        }

        public Builder created(String value) {
            created = value;
            return this;
        }

        public Builder platform(Platform value) {
            platform = value;
            return this;
        }

        public ImageStep build() {
            if (config == null) {
                throw new IllegalStateException("an image step needs the new image's config");
            }
            if (created == null) {
                created = Timestamps.now();
            }
            return new ImageStep(config, createdBy, author, historyComment, comment, container, containerConfig,
                    created, platform);
        }
    }
}
