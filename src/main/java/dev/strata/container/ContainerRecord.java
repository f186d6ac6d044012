package dev.strata.container;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.strata.image.ContainerConfig;
import java.util.List;

/**
 * What the store keeps of a container, {@code ROOT/containers/ID/config.v2.json}, named as Docker's own
 * record is. The file is only ever replaced whole (write a temporary, rename), so a reader sees the old or
 * the new record and never half of one.
 *
 * @param image the image ID ({@code sha256:...}); {@code config.Image} keeps the name the user gave
 * @param name  with Docker's leading slash
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"ID", "Created", "Path", "Args", "State", "Image", "Name", "Driver", "RestartCount", "Config",
        "HostConfig"})
public record ContainerRecord(
        @JsonProperty("ID") String id,
        @JsonProperty("Created") String created,
        @JsonProperty("Path") String path,
        @JsonProperty("Args") List<String> args,
        @JsonProperty("State") ContainerState state,
        @JsonProperty("Image") String image,
        @JsonProperty("Name") String name,
        @JsonProperty("Driver") String driver,
        @JsonProperty("RestartCount") int restartCount,
        @JsonProperty("Config") ContainerConfig config,
        @JsonProperty("HostConfig") HostConfig hostConfig) {

    public ContainerRecord {
        args = args == null ? List.of() : List.copyOf(args);
    }

    public ContainerRecord withState(ContainerState newState) {
        return new ContainerRecord(id, created, path, args, newState, image, name, driver, restartCount, config,
                hostConfig);
    }

    /** The name without Docker's leading slash. */
    @JsonIgnore
    public String plainName() {
        return name.startsWith("/") ? name.substring(1) : name;
    }

    @JsonIgnore
    public String shortId() {
        return id.substring(0, 12);
    }

    /** The command line as {@code ps} shows it: arguments holding a space are single-quoted, as Docker does. */
    @JsonIgnore
    public String command() {
        StringBuilder out = new StringBuilder(path);
        for (String arg : args) {
            out.append(' ').append(arg.contains(" ") ? "'" + arg + "'" : arg);
        }
        return out.toString();
    }
}
