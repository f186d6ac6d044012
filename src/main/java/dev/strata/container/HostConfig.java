package dev.strata.container;

import dev.strata.json.JsonObject;
import dev.strata.json.JsonOut;
import dev.strata.json.JsonWritable;
import dev.strata.network.port.PortBinding;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The host-side settings of a container that Strata honours, with Docker's field names. Docker's
 * HostConfig has some sixty more fields; {@link ContainerJson} prints them with their defaults so
 * {@code inspect} keeps Docker's shape, but only these are stored.
 *
 * @param binds       {@code -v HOST:CTR[:ro]} as given
 * @param networkMode {@code default} (the {@code bridge} network), {@code bridge}, {@code none}, {@code host},
 *                    {@code container:NAME} or a user-defined network's name, as given
 * @param memory      bytes, 0 for no limit
 * @param memorySwap  memory + swap in bytes (Docker's default is twice the memory), 0 for no limit
 * @param nanoCpus    CPUs in billionths ({@code --cpus 1.5} is 1500000000), 0 for no limit
 * @param pidsLimit   null for no limit
 * @param runtime     the OCI runtime binary's name ({@code runc}, {@code crun})
 * @param portBindings {@code -p}: container port ({@code 80/tcp}) to bindings, HostIp and HostPort as given
 *                    (empty for any address, an ephemeral port)
 * @param publishAllPorts {@code -P}: every exposed port without a binding gets an ephemeral one at start
 * @param extraHosts  {@code --add-host} values as given
 * @param volumesFrom {@code --volumes-from} values as given (the mounts they bring are in the record's MountPoints)
 * @param tmpfs       {@code --tmpfs}: destination to options as given
 * @param restartPolicy {@code --restart}
 * @param init        {@code --init}: a small init runs as the container's PID 1, null when not asked (Docker's *bool)
 */
public record HostConfig(
        List<String> binds,
        String networkMode,
        boolean autoRemove,
        boolean readonlyRootfs,
        long memory,
        long memorySwap,
        long nanoCpus,
        Long pidsLimit,
        long shmSize,
        String runtime,
        Map<String, List<PortBinding>> portBindings,
        boolean publishAllPorts,
        List<String> dns,
        List<String> dnsOptions,
        List<String> dnsSearch,
        List<String> extraHosts,
        List<String> volumesFrom,
        Map<String, String> tmpfs,
        RestartPolicy restartPolicy,
        Boolean init) implements JsonWritable {

    /** Docker's /dev/shm size: 64 MiB. */
    public static final long DEFAULT_SHM_SIZE = 64L << 20;

    public HostConfig {
        binds = binds == null || binds.isEmpty() ? null : List.copyOf(binds);
        networkMode = networkMode == null || networkMode.isEmpty() ? "default" : networkMode;
        shmSize = shmSize <= 0 ? DEFAULT_SHM_SIZE : shmSize;
        runtime = runtime == null || runtime.isEmpty() ? "runc" : runtime;
        portBindings = portBindings == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(portBindings));
        dns = dns == null ? List.of() : List.copyOf(dns);
        dnsOptions = dnsOptions == null ? List.of() : List.copyOf(dnsOptions);
        dnsSearch = dnsSearch == null ? List.of() : List.copyOf(dnsSearch);
        extraHosts = extraHosts == null || extraHosts.isEmpty() ? null : List.copyOf(extraHosts);
        volumesFrom = volumesFrom == null || volumesFrom.isEmpty() ? null : List.copyOf(volumesFrom);
        tmpfs = tmpfs == null || tmpfs.isEmpty() ? null : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(tmpfs));
        restartPolicy = restartPolicy == null ? RestartPolicy.NO : restartPolicy;
    }

    /**
     * The settings of a container that takes no volumes from another, mounts no --tmpfs, is never
     * restarted and has no init of Strata's.
     */
    public HostConfig(List<String> binds, String networkMode, boolean autoRemove, boolean readonlyRootfs, long memory,
                      long memorySwap, long nanoCpus, Long pidsLimit, long shmSize, String runtime,
                      Map<String, List<PortBinding>> portBindings, boolean publishAllPorts, List<String> dns,
                      List<String> dnsOptions, List<String> dnsSearch, List<String> extraHosts) {
        this(binds, networkMode, autoRemove, readonlyRootfs, memory, memorySwap, nanoCpus, pidsLimit, shmSize, runtime,
                portBindings, publishAllPorts, dns, dnsOptions, dnsSearch, extraHosts, null, null, RestartPolicy.NO, null);
    }

    /** The settings of a container that publishes nothing and keeps the host's resolvers. */
    public HostConfig(List<String> binds, String networkMode, boolean autoRemove, boolean readonlyRootfs, long memory,
                      long memorySwap, long nanoCpus, Long pidsLimit, long shmSize, String runtime) {
        this(binds, networkMode, autoRemove, readonlyRootfs, memory, memorySwap, nanoCpus, pidsLimit, shmSize, runtime,
                Map.of(), false, List.of(), List.of(), List.of(), null);
    }

    @Override
    public void writeJson(JsonOut out) {
        out.beginObject()
                .field("Binds", binds)
                .field("NetworkMode", networkMode)
                .field("AutoRemove", autoRemove)
                .field("ReadonlyRootfs", readonlyRootfs)
                .field("Memory", memory)
                .field("MemorySwap", memorySwap)
                .field("NanoCpus", nanoCpus)
                .field("PidsLimit", pidsLimit)
                .field("ShmSize", shmSize)
                .field("Runtime", runtime)
                // left out when unset, so records of containers that publish nothing read as they always did
                .fieldOmitEmpty("PortBindings", portBindings)
                .fieldOmitNull("PublishAllPorts", publishAllPorts ? Boolean.TRUE : null)
                .fieldOmitEmpty("Dns", dns)
                .fieldOmitEmpty("DnsOptions", dnsOptions)
                .fieldOmitEmpty("DnsSearch", dnsSearch)
                .fieldOmitEmpty("ExtraHosts", extraHosts)
                .fieldOmitEmpty("VolumesFrom", volumesFrom)
                .fieldOmitEmpty("Tmpfs", tmpfs)
                .fieldOmitNull("RestartPolicy", restartPolicy.none() ? null : restartPolicy)
                .fieldOmitNull("Init", init)
                .endObject();
    }

    public static HostConfig fromJson(JsonObject o) {
        Map<String, List<PortBinding>> ports = PortBinding.mapFromJson(o.object("PortBindings"));
        return new HostConfig(o.strings("Binds"), o.string("NetworkMode"), o.bool("AutoRemove"),
                o.bool("ReadonlyRootfs"), o.longValue("Memory"), o.longValue("MemorySwap"), o.longValue("NanoCpus"),
                o.longOrNull("PidsLimit"), o.longValue("ShmSize"), o.string("Runtime"), ports, o.bool("PublishAllPorts"),
                o.strings("Dns"), o.strings("DnsOptions"), o.strings("DnsSearch"), o.strings("ExtraHosts"),
                o.strings("VolumesFrom"), o.stringMap("Tmpfs"),
                o.object("RestartPolicy", RestartPolicy::fromJson), o.members().get("Init") instanceof Boolean b ? b : null);
    }

    /** The same settings with {@code update --restart}'s policy. */
    public HostConfig withRestartPolicy(RestartPolicy policy) {
        return new HostConfig(binds, networkMode, autoRemove, readonlyRootfs, memory, memorySwap, nanoCpus, pidsLimit,
                shmSize, runtime, portBindings, publishAllPorts, dns, dnsOptions, dnsSearch, extraHosts, volumesFrom,
                tmpfs, policy, init);
    }

    public boolean initProcess() {
        return Boolean.TRUE.equals(init);
    }

    public boolean hostNetwork() {
        return "host".equals(networkMode);
    }

    public boolean noNetwork() {
        return "none".equals(networkMode);
    }

    /** The container whose namespace {@code --network container:NAME} joins, or null. */
    public String networkContainer() {
        return networkMode.startsWith("container:") ? networkMode.substring("container:".length()) : null;
    }

    /** Whether the container gets a namespace of its own on Strata's networks (not host, none, or another's). */
    public boolean bridged() {
        return !hostNetwork() && !noNetwork() && networkContainer() == null;
    }

    /** The network the mode names: {@code bridge} for the default. */
    public String networkName() {
        return networkMode.equals("default") ? "bridge" : networkMode;
    }

    public List<String> bindsOrEmpty() {
        return binds == null ? List.of() : binds;
    }
}
