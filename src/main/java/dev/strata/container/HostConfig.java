package dev.strata.container;

import dev.strata.json.JsonObject;
import dev.strata.json.JsonOut;
import dev.strata.json.JsonWritable;
import java.util.List;

/**
 * The host-side settings of a container that Strata honours, with Docker's field names. Docker's
 * HostConfig has some sixty more fields; {@link ContainerJson} prints them with their defaults so
 * {@code inspect} keeps Docker's shape, but only these are stored.
 *
 * @param binds       {@code -v HOST:CTR[:ro]} as given
 * @param networkMode {@code default}, {@code none} or {@code host}; {@code default} is a private network
 *                    namespace with only loopback, as {@code none} (Strata has no bridge network yet)
 * @param memory      bytes, 0 for no limit
 * @param memorySwap  memory + swap in bytes (Docker's default is twice the memory), 0 for no limit
 * @param nanoCpus    CPUs in billionths ({@code --cpus 1.5} is 1500000000), 0 for no limit
 * @param pidsLimit   null for no limit
 * @param runtime     the OCI runtime binary's name ({@code runc}, {@code crun})
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
        String runtime) implements JsonWritable {

    /** Docker's /dev/shm size: 64 MiB. */
    public static final long DEFAULT_SHM_SIZE = 64L << 20;

    public HostConfig {
        binds = binds == null || binds.isEmpty() ? null : List.copyOf(binds);
        networkMode = networkMode == null || networkMode.isEmpty() ? "default" : networkMode;
        shmSize = shmSize <= 0 ? DEFAULT_SHM_SIZE : shmSize;
        runtime = runtime == null || runtime.isEmpty() ? "runc" : runtime;
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
                .endObject();
    }

    public static HostConfig fromJson(JsonObject o) {
        return new HostConfig(o.strings("Binds"), o.string("NetworkMode"), o.bool("AutoRemove"),
                o.bool("ReadonlyRootfs"), o.longValue("Memory"), o.longValue("MemorySwap"), o.longValue("NanoCpus"),
                o.longOrNull("PidsLimit"), o.longValue("ShmSize"), o.string("Runtime"));
    }

    public boolean hostNetwork() {
        return "host".equals(networkMode);
    }

    public List<String> bindsOrEmpty() {
        return binds == null ? List.of() : binds;
    }
}
