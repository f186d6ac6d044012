package dev.strata.container;

import dev.strata.image.ContainerConfig;
import dev.strata.json.JsonObject;
import dev.strata.json.JsonOut;
import dev.strata.json.JsonWritable;
import java.util.List;

/**
 * What the store keeps of a container, {@code ROOT/containers/ID/config.v2.json}, named as Docker's own
 * record is. The file is only ever replaced whole (write a temporary, rename), so a reader sees the old or
 * the new record and never half of one.
 *
 * @param image the image ID ({@code sha256:...}); {@code config.Image} keeps the name the user gave
 * @param name  with Docker's leading slash
 * @param hasBeenManuallyStopped stopped, killed or removed by hand since its last start: its monitor does
 *              not restart it (see {@link RestartPolicy})
 */
public record ContainerRecord(
        String id,
        String created,
        String path,
        List<String> args,
        ContainerState state,
        String image,
        String name,
        String driver,
        int restartCount,
        ContainerConfig config,
        HostConfig hostConfig,
        List<MountPoint> mountPoints,
        boolean hasBeenManuallyStopped) implements JsonWritable {

    public ContainerRecord {
        args = args == null ? List.of() : List.copyOf(args);
        mountPoints = mountPoints == null ? MountPoint.ofBinds(hostConfig.bindsOrEmpty()) : List.copyOf(mountPoints);
    }

    /** A record whose mounts are its binds alone, as records written before volumes were, never stopped by hand. */
    public ContainerRecord(String id, String created, String path, List<String> args, ContainerState state, String image,
                           String name, String driver, int restartCount, ContainerConfig config, HostConfig hostConfig) {
        this(id, created, path, args, state, image, name, driver, restartCount, config, hostConfig, null, false);
    }

    /** A record of a container never stopped by hand. */
    public ContainerRecord(String id, String created, String path, List<String> args, ContainerState state,
                           String image, String name, String driver, int restartCount, ContainerConfig config,
                           HostConfig hostConfig, List<MountPoint> mountPoints) {
        this(id, created, path, args, state, image, name, driver, restartCount, config, hostConfig, mountPoints, false);
    }

    @Override
    public void writeJson(JsonOut out) {
        out.beginObject()
                .field("ID", id)
                .field("Created", created)
                .field("Path", path)
                .field("Args", args)
                .field("State", state)
                .field("Image", image)
                .field("Name", name)
                .field("Driver", driver)
                .field("RestartCount", restartCount)
                .field("Config", config)
                .field("HostConfig", hostConfig)
                .field("MountPoints", mountPoints)
                .fieldOmitNull("HasBeenManuallyStopped", hasBeenManuallyStopped ? Boolean.TRUE : null)
                .endObject();
    }

    public static ContainerRecord fromJson(JsonObject o) {
        return new ContainerRecord(o.string("ID"), o.string("Created"), o.string("Path"), o.strings("Args"),
                o.object("State", ContainerState::fromJson), o.string("Image"), o.string("Name"), o.string("Driver"),
                o.intValue("RestartCount"), o.object("Config", ContainerConfig::fromJson),
                o.object("HostConfig", HostConfig::fromJson), o.list("MountPoints", MountPoint::fromJson),
                o.bool("HasBeenManuallyStopped"));
    }

    public ContainerRecord withState(ContainerState newState) {
        return new ContainerRecord(id, created, path, args, newState, image, name, driver, restartCount, config,
                hostConfig, mountPoints, hasBeenManuallyStopped);
    }

    public ContainerRecord withName(String newName) {
        return new ContainerRecord(id, created, path, args, state, image, newName, driver, restartCount, config,
                hostConfig, mountPoints, hasBeenManuallyStopped);
    }

    /** The volumes the container mounts, by name. */
    public List<String> volumeNames() {
        return mountPoints.stream().filter(MountPoint::isVolume).map(MountPoint::name).toList();
    }

    /** Marked as stopped by hand ({@code stop}, {@code kill}, {@code rm -f}), or cleared by a start. */
    public ContainerRecord stoppedByHand(boolean stopped) {
        return new ContainerRecord(id, created, path, args, state, image, name, driver, restartCount, config,
                hostConfig, mountPoints, stopped);
    }

    public ContainerRecord withRestartCount(int count) {
        return new ContainerRecord(id, created, path, args, state, image, name, driver, count, config, hostConfig,
                mountPoints, hasBeenManuallyStopped);
    }

    public ContainerRecord withHostConfig(HostConfig newHostConfig) {
        return new ContainerRecord(id, created, path, args, state, image, name, driver, restartCount, config,
                newHostConfig, mountPoints, hasBeenManuallyStopped);
    }

    /** The name without Docker's leading slash. */
    public String plainName() {
        return name.startsWith("/") ? name.substring(1) : name;
    }

    public String shortId() {
        return id.substring(0, 12);
    }

    /** The command line as {@code ps} shows it: arguments holding a space are single-quoted, as Docker does. */
    public String command() {
        StringBuilder out = new StringBuilder(path);
        for (String arg : args) {
            out.append(' ').append(arg.contains(" ") ? "'" + arg + "'" : arg);
        }
        return out.toString();
    }
}
