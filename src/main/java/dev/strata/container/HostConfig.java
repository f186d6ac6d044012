package dev.strata.container;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
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
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"Binds", "NetworkMode", "AutoRemove", "ReadonlyRootfs", "Memory", "MemorySwap", "NanoCpus",
        "PidsLimit", "ShmSize", "Runtime"})
public record HostConfig(
        @JsonProperty("Binds") List<String> binds,
        @JsonProperty("NetworkMode") String networkMode,
        @JsonProperty("AutoRemove") boolean autoRemove,
        @JsonProperty("ReadonlyRootfs") boolean readonlyRootfs,
        @JsonProperty("Memory") long memory,
        @JsonProperty("MemorySwap") long memorySwap,
        @JsonProperty("NanoCpus") long nanoCpus,
        @JsonProperty("PidsLimit") Long pidsLimit,
        @JsonProperty("ShmSize") long shmSize,
        @JsonProperty("Runtime") String runtime) {

    /** Docker's /dev/shm size: 64 MiB. */
    public static final long DEFAULT_SHM_SIZE = 64L << 20;

    public HostConfig {
        binds = binds == null || binds.isEmpty() ? null : List.copyOf(binds);
        networkMode = networkMode == null || networkMode.isEmpty() ? "default" : networkMode;
        shmSize = shmSize <= 0 ? DEFAULT_SHM_SIZE : shmSize;
        runtime = runtime == null || runtime.isEmpty() ? "runc" : runtime;
    }

    public boolean hostNetwork() {
        return "host".equals(networkMode);
    }

    public List<String> bindsOrEmpty() {
        return binds == null ? List.of() : binds;
    }
}
