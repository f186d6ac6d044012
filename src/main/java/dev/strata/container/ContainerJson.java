package dev.strata.container;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.strata.image.ContainerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A container as {@code docker container inspect} prints it: Docker's fields in Docker's order. Fields for
 * features Strata lacks (ports, DNS options, ulimits...) carry Docker's defaults, so tools reading the
 * JSON find every key where they expect it. The network shown is {@code none} (or {@code host}).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"Id", "Created", "Path", "Args", "State", "Image", "ResolvConfPath", "HostnamePath", "HostsPath",
        "LogPath", "Name", "RestartCount", "Driver", "Platform", "MountLabel", "ProcessLabel", "AppArmorProfile",
        "ExecIDs", "HostConfig", "GraphDriver", "Mounts", "Config", "NetworkSettings"})
public record ContainerJson(
        @JsonProperty("Id") String id,
        @JsonProperty("Created") String created,
        @JsonProperty("Path") String path,
        @JsonProperty("Args") List<String> args,
        @JsonProperty("State") State state,
        @JsonProperty("Image") String image,
        @JsonProperty("ResolvConfPath") String resolvConfPath,
        @JsonProperty("HostnamePath") String hostnamePath,
        @JsonProperty("HostsPath") String hostsPath,
        @JsonProperty("LogPath") String logPath,
        @JsonProperty("Name") String name,
        @JsonProperty("RestartCount") int restartCount,
        @JsonProperty("Driver") String driver,
        @JsonProperty("Platform") String platform,
        @JsonProperty("MountLabel") String mountLabel,
        @JsonProperty("ProcessLabel") String processLabel,
        @JsonProperty("AppArmorProfile") String appArmorProfile,
        @JsonProperty("ExecIDs") List<String> execIds,
        @JsonProperty("HostConfig") Map<String, Object> hostConfig,
        @JsonProperty("GraphDriver") GraphDriver graphDriver,
        @JsonProperty("Mounts") List<MountJson> mounts,
        @JsonProperty("Config") ContainerConfig config,
        @JsonProperty("NetworkSettings") Map<String, Object> networkSettings) {

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"Status", "Running", "Paused", "Restarting", "OOMKilled", "Dead", "Pid", "ExitCode", "Error",
            "StartedAt", "FinishedAt"})
    public record State(
            @JsonProperty("Status") String status,
            @JsonProperty("Running") boolean running,
            @JsonProperty("Paused") boolean paused,
            @JsonProperty("Restarting") boolean restarting,
            @JsonProperty("OOMKilled") boolean oomKilled,
            @JsonProperty("Dead") boolean dead,
            @JsonProperty("Pid") int pid,
            @JsonProperty("ExitCode") int exitCode,
            @JsonProperty("Error") String error,
            @JsonProperty("StartedAt") String startedAt,
            @JsonProperty("FinishedAt") String finishedAt) {
        static State of(ContainerState s) {
            return new State(s.status().word(), s.running(), s.paused(), s.restarting(), s.oomKilled(), s.dead(),
                    s.pid(), s.exitCode(), s.error(), s.startedAt(), s.finishedAt());
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"Data", "Name"})
    public record GraphDriver(@JsonProperty("Data") Map<String, String> data, @JsonProperty("Name") String name) {
    }

    @JsonPropertyOrder({"Type", "Source", "Destination", "Mode", "RW", "Propagation"})
    public record MountJson(
            @JsonProperty("Type") String type,
            @JsonProperty("Source") String source,
            @JsonProperty("Destination") String destination,
            @JsonProperty("Mode") String mode,
            @JsonProperty("RW") boolean rw,
            @JsonProperty("Propagation") String propagation) {
    }

    static ContainerJson of(ContainerRecord record, Path dir, Path logPath, String driver,
                            Map<String, String> graphDriverData) {
        List<MountJson> mounts = new ArrayList<>();
        for (String spec : record.hostConfig().bindsOrEmpty()) {
            try {
                ContainerConfigs.Bind bind = ContainerConfigs.Bind.parse(spec);
                mounts.add(new MountJson("bind", bind.source(), bind.destination(), bind.mode(), !bind.readOnly(),
                        "rprivate"));
            } catch (ContainerException e) {
                throw new IllegalStateException("stored bind is invalid: " + spec, e);
            }
        }
        return new ContainerJson(record.id(), record.created(), record.path(), record.args(),
                State.of(record.state()), record.image(),
                dir.resolve("resolv.conf").toString(), dir.resolve("hostname").toString(),
                dir.resolve("hosts").toString(), logPath.toString(), record.name(), record.restartCount(), driver,
                "linux", "", "", "", null, hostConfig(record.hostConfig()),
                new GraphDriver(graphDriverData == null || graphDriverData.isEmpty() ? null : graphDriverData, driver),
                mounts, record.config(), networkSettings(record.hostConfig()));
    }

    /** Docker's HostConfig, every field in its order, Strata's values where it has them. */
    static Map<String, Object> hostConfig(HostConfig host) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Binds", host.binds());
        out.put("ContainerIDFile", "");
        out.put("LogConfig", ordered("Type", "json-file", "Config", Map.of()));
        out.put("NetworkMode", host.networkMode());
        out.put("PortBindings", Map.of());
        out.put("RestartPolicy", ordered("Name", "no", "MaximumRetryCount", 0));
        out.put("AutoRemove", host.autoRemove());
        out.put("VolumeDriver", "");
        out.put("VolumesFrom", null);
        out.put("CapAdd", null);
        out.put("CapDrop", null);
        out.put("CgroupnsMode", "host");
        out.put("Dns", List.of());
        out.put("DnsOptions", List.of());
        out.put("DnsSearch", List.of());
        out.put("ExtraHosts", null);
        out.put("GroupAdd", null);
        out.put("IpcMode", "private");
        out.put("Cgroup", "");
        out.put("Links", null);
        out.put("OomScoreAdj", 0);
        out.put("PidMode", "");
        out.put("Privileged", false);
        out.put("PublishAllPorts", false);
        out.put("ReadonlyRootfs", host.readonlyRootfs());
        out.put("SecurityOpt", null);
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
