package dev.strata.container;

/**
 * {@code update}: what to change of a container's limits and restart policy; null members stay as they are.
 *
 * @param memory     bytes (0 for no limit)
 * @param memorySwap memory + swap in bytes (-1 for unlimited swap)
 * @param nanoCpus   CPUs × 10⁹ (0 for no limit)
 * @param pidsLimit  0 or less for no limit
 */
public record ResourceUpdate(Long memory, Long memorySwap, Long nanoCpus, Long pidsLimit, RestartPolicy restartPolicy) {
    public boolean empty() {
        return memory == null && memorySwap == null && nanoCpus == null && pidsLimit == null && restartPolicy == null;
    }

    /**
     * {@code host} with the changes, checked with the words of Docker 20.10's daemon ({@code id} names the
     * container in them).
     */
    HostConfig applyTo(HostConfig host, String id) {
        if (memory != null && memory != 0 && memory < ContainerConfigs.MINIMUM_MEMORY) {
            throw new dev.strata.error.InvalidInputException("Minimum memory limit allowed is 6MB");
        }
        long newMemory = memory != null ? memory : host.memory();
        long newSwap = memorySwap != null ? memorySwap : host.memorySwap();
        if (memory != null && memorySwap == null && host.memorySwap() >= 0 && memory > host.memorySwap()) {
            throw new dev.strata.error.InvalidInputException("Cannot update container " + id + ": Memory limit should be "
                    + "smaller than already set memoryswap limit, update the memoryswap at the same time");
        }
        if (newSwap > 0 && newMemory > newSwap) {
            throw new dev.strata.error.InvalidInputException("Cannot update container " + id
                    + ": Minimum memoryswap limit should be larger than memory limit, see usage");
        }
        RestartPolicy policy = host.restartPolicy();
        if (restartPolicy != null) {
            if (host.autoRemove() && !restartPolicy.none()) {
                throw new dev.strata.error.InvalidInputException("Cannot update container " + id
                        + ": Restart policy cannot be updated because AutoRemove is enabled for the container");
            }
            policy = restartPolicy.validate();
        }
        Long pids = pidsLimit == null ? host.pidsLimit() : pidsLimit > 0 ? pidsLimit : null;
        return new HostConfig(host.binds(), host.networkMode(), host.autoRemove(), host.readonlyRootfs(), newMemory,
                newSwap, nanoCpus != null ? nanoCpus : host.nanoCpus(), pids, host.shmSize(), host.runtime(),
                host.portBindings(), host.publishAllPorts(), host.dns(), host.dnsOptions(), host.dnsSearch(),
                host.extraHosts(), host.volumesFrom(), host.tmpfs(), policy, host.init());
    }
}
