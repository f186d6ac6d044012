package dev.strata.container;

import dev.strata.image.ContainerConfig;
import dev.strata.json.JsonOut;
import dev.strata.json.JsonWritable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A container as {@code docker container inspect} prints it: Docker's fields in Docker's order. Fields for
 * features Strata lacks (ports, DNS options, ulimits...) carry Docker's defaults, so tools reading the
 * JSON find every key where they expect it. NetworkSettings come from {@link ContainerNetwork#settings}.
 */
public record ContainerJson(
        String id,
        String created,
        String path,
        List<String> args,
        State state,
        String image,
        String resolvConfPath,
        String hostnamePath,
        String hostsPath,
        String logPath,
        String name,
        int restartCount,
        String driver,
        String platform,
        String mountLabel,
        String processLabel,
        String appArmorProfile,
        List<String> execIds,
        Map<String, Object> hostConfig,
        GraphDriver graphDriver,
        ContainerSize size,
        List<MountJson> mounts,
        ContainerConfig config,
        Map<String, Object> networkSettings) implements JsonWritable {

    @Override
    public void writeJson(JsonOut out) {
        out.beginObject()
                .field("Id", id)
                .field("Created", created)
                .field("Path", path)
                .field("Args", args)
                .field("State", state)
                .field("Image", image)
                .field("ResolvConfPath", resolvConfPath)
                .field("HostnamePath", hostnamePath)
                .field("HostsPath", hostsPath)
                .field("LogPath", logPath)
                .field("Name", name)
                .field("RestartCount", restartCount)
                .field("Driver", driver)
                .field("Platform", platform)
                .field("MountLabel", mountLabel)
                .field("ProcessLabel", processLabel)
                .field("AppArmorProfile", appArmorProfile)
                .field("ExecIDs", execIds)
                .field("HostConfig", hostConfig)
                .field("GraphDriver", graphDriver);
        if (size != null) {
            out.field("SizeRw", size.rw()).field("SizeRootFs", size.rootFs());
        }
        out.field("Mounts", mounts)
                .field("Config", config)
                .field("NetworkSettings", networkSettings)
                .endObject();
    }

    /** The same, with SizeRw and SizeRootFs ({@code inspect --size}). */
    public ContainerJson withSize(ContainerSize measured) {
        return new ContainerJson(id, created, path, args, state, image, resolvConfPath, hostnamePath, hostsPath, logPath,
                name, restartCount, driver, platform, mountLabel, processLabel, appArmorProfile, execIds, hostConfig,
                graphDriver, measured, mounts, config, networkSettings);
    }

    /** Docker's State: the record's state (without the monitor's fields), with Health when there is a health check. */
    public record State(ContainerState current, ContainerHealth health) implements JsonWritable {
        /** Docker's status word: {@code running}, {@code exited}... */
        public String status() {
            return current.status() == null ? null : current.status().word();
        }

        @Override
        public void writeJson(JsonOut out) {
            out.beginObject();
            current.writeDockerMembers(out);
            out.fieldOmitNull("Health", health).endObject();
        }
    }

    public record GraphDriver(Map<String, String> data, String name) implements JsonWritable {
        @Override
        public void writeJson(JsonOut out) {
            out.beginObject().field("Data", data).field("Name", name).endObject();
        }
    }

    /** One of inspect's Mounts: Docker's fields of a MountPoint. */
    public record MountJson(MountPoint point) implements JsonWritable {
        @Override
        public void writeJson(JsonOut out) {
            point.writeShown(out);
        }
    }

    /**
     * The mounts inspect and ps show: every one but {@code --tmpfs}'s, by destination (Docker's come from a Go
     * map, in no fixed order).
     */
    public static List<MountPoint> shownMounts(ContainerRecord record) {
        return record.mountPoints().stream().filter(MountPoint::listed)
                .sorted(java.util.Comparator.comparing(MountPoint::destination)).toList();
    }

    static ContainerJson of(ContainerRecord record, Path dir, Path logPath, String driver,
                            Map<String, String> graphDriverData) {
        return of(record, dir, logPath, driver, graphDriverData, networkSettings(record.hostConfig()));
    }

    /** @param networkSettings Docker's NetworkSettings, as {@link ContainerNetwork#settings} makes them */
    static ContainerJson of(ContainerRecord record, Path dir, Path logPath, String driver,
                            Map<String, String> graphDriverData, Map<String, Object> networkSettings) {
        List<MountJson> mounts = new ArrayList<>();
        for (MountPoint point : shownMounts(record)) {
            mounts.add(new MountJson(point));
        }
        return new ContainerJson(record.id(), record.created(), record.path(), record.args(),
                new State(record.state(), HealthProbe.command(record.config().healthcheck()) == null ? null
                        : ContainerHealth.read(dir).orElse(null)), record.image(),
                dir.resolve("resolv.conf").toString(), dir.resolve("hostname").toString(),
                dir.resolve("hosts").toString(), logPath.toString(), record.name(), record.restartCount(), driver,
                "linux", "", "", "", null, hostConfig(record.hostConfig()),
                new GraphDriver(graphDriverData == null || graphDriverData.isEmpty() ? null : graphDriverData, driver),
                null, mounts, record.config(), networkSettings);
    }

    /** Docker's HostConfig, every field in its order, Strata's values where it has them. */
    static Map<String, Object> hostConfig(HostConfig host) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Binds", host.binds());
        out.put("ContainerIDFile", "");
        out.put("LogConfig", ordered("Type", "json-file", "Config", Map.of()));
        out.put("NetworkMode", host.networkMode());
        out.put("PortBindings", host.portBindings());
        out.put("RestartPolicy", ordered("Name", host.restartPolicy().name(), "MaximumRetryCount", host.restartPolicy().maximumRetryCount()));
        out.put("AutoRemove", host.autoRemove());
        out.put("VolumeDriver", "");
        out.put("VolumesFrom", host.volumesFrom());
        out.put("CapAdd", null);
        out.put("CapDrop", null);
        out.put("CgroupnsMode", "host");
        out.put("Dns", host.dns());
        out.put("DnsOptions", host.dnsOptions());
        out.put("DnsSearch", host.dnsSearch());
        out.put("ExtraHosts", host.extraHosts());
        out.put("GroupAdd", null);
        out.put("IpcMode", "private");
        out.put("Cgroup", "");
        out.put("Links", null);
        out.put("OomScoreAdj", 0);
        out.put("PidMode", "");
        out.put("Privileged", false);
        out.put("PublishAllPorts", host.publishAllPorts());
        out.put("ReadonlyRootfs", host.readonlyRootfs());
        out.put("SecurityOpt", null);
        if (host.tmpfs() != null) {
            out.put("Tmpfs", host.tmpfs());
        }
        out.put("UTSMode", "");
        out.put("UsernsMode", "");
        out.put("ShmSize", host.shmSize());
        out.put("Runtime", host.runtime());
        out.put("ConsoleSize", List.of(0, 0));
        out.put("Isolation", "");
        out.put("CpuShares", 0);
        out.put("Memory", host.memory());
        out.put("NanoCpus", host.nanoCpus());
        out.put("CgroupParent", "");
        out.put("BlkioWeight", 0);
        for (String key : List.of("BlkioWeightDevice", "BlkioDeviceReadBps", "BlkioDeviceWriteBps",
                "BlkioDeviceReadIOps", "BlkioDeviceWriteIOps")) {
            out.put(key, List.of());
        }
        out.put("CpuPeriod", 0);
        out.put("CpuQuota", 0);
        out.put("CpuRealtimePeriod", 0);
        out.put("CpuRealtimeRuntime", 0);
        out.put("CpusetCpus", "");
        out.put("CpusetMems", "");
        out.put("Devices", List.of());
        out.put("DeviceCgroupRules", null);
        out.put("DeviceRequests", null);
        out.put("KernelMemory", 0);
        out.put("KernelMemoryTCP", 0);
        out.put("MemoryReservation", 0);
        out.put("MemorySwap", host.memorySwap());
        out.put("MemorySwappiness", null);
        out.put("OomKillDisable", false);
        out.put("PidsLimit", host.pidsLimit());
        out.put("Ulimits", List.of());
        out.put("CpuCount", 0);
        out.put("CpuPercent", 0);
        out.put("IOMaximumIOps", 0);
        out.put("IOMaximumBandwidth", 0);
        out.put("MaskedPaths", OciSpecs.MASKED_PATHS);
        out.put("ReadonlyPaths", OciSpecs.READONLY_PATHS);
        if (host.init() != null) {
            out.put("Init", host.init()); // omitted when not asked, as Docker's *bool with omitempty
        }
        return out;
    }

    static Map<String, Object> networkSettings(HostConfig host) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Bridge", "");
        out.put("SandboxID", "");
        out.put("HairpinMode", false);
        out.put("LinkLocalIPv6Address", "");
        out.put("LinkLocalIPv6PrefixLen", 0);
        out.put("Ports", Map.of());
        out.put("SandboxKey", "");
        out.put("SecondaryIPAddresses", null);
        out.put("SecondaryIPv6Addresses", null);
        out.put("EndpointID", "");
        out.put("Gateway", "");
        out.put("GlobalIPv6Address", "");
        out.put("GlobalIPv6PrefixLen", 0);
        out.put("IPAddress", "");
        out.put("IPPrefixLen", 0);
        out.put("IPv6Gateway", "");
        out.put("MacAddress", "");
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("IPAMConfig", null);
        endpoint.put("Links", null);
        endpoint.put("Aliases", null);
        endpoint.put("NetworkID", "");
        endpoint.put("EndpointID", "");
        endpoint.put("Gateway", "");
        endpoint.put("IPAddress", "");
        endpoint.put("IPPrefixLen", 0);
        endpoint.put("IPv6Gateway", "");
        endpoint.put("GlobalIPv6Address", "");
        endpoint.put("GlobalIPv6PrefixLen", 0);
        endpoint.put("MacAddress", "");
        endpoint.put("DriverOpts", null);
        out.put("Networks", Map.of(ContainerSummary.networkName(host), endpoint));
        return out;
    }

    private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(k1, v1);
        out.put(k2, v2);
        return out;
    }
}
