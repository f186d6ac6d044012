package dev.strata.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.strata.digest.DiffId;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * An image configuration (OCI image config / Docker image JSON). Fields are written in alphabetical
 * order because Docker writes them so; but an image ID is the digest of the bytes as received, so a
 * config read from elsewhere is never re-serialised (see {@link Image#rawConfig()}).
 */
@JsonInclude(Include.NON_EMPTY)
@JsonPropertyOrder(alphabetic = true)
public record ImageConfig(
        String architecture,
        String author,
        String comment,
        ContainerConfig config,
        String container,
        @JsonProperty("container_config") ContainerConfig containerConfig,
        @JsonInclude(Include.NON_NULL) String created,
        @JsonProperty("docker_version") String dockerVersion,
        List<History> history,
        String os,
        @JsonProperty("os.features") List<String> osFeatures,
        @JsonProperty("os.version") String osVersion,
        RootFs rootfs,
        String variant) {

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
            return Optional.of(Instant.parse(text));
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
