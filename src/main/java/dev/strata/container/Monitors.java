package dev.strata.container;

import java.util.Optional;

/** Whether the process that watches a container is still the one that started watching it. */
final class Monitors {
    private Monitors() {
    }

    /** The process's start time in epoch milliseconds, 0 if it does not exist. */
    static long startTime(int pid) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        return handle.flatMap(h -> h.info().startInstant()).map(java.time.Instant::toEpochMilli).orElse(0L);
    }

    /** True if pid {@code pid} is alive and started at {@code startedAt} (not a later process given the same pid). */
    static boolean alive(int pid, long startedAt) {
        return new dev.strata.network.Owner(pid, startedAt).alive();
    }
}
