package dev.strata.network;

import java.util.Optional;

/**
 * The process that holds an attachment: a pid and its start time, so that a pid the kernel gave to a
 * later process is not taken for the holder.
 */
public record Owner(long pid, long startedAt) {
    public static Owner current() {
        ProcessHandle self = ProcessHandle.current();
        return new Owner(self.pid(), self.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L));
    }

    public boolean alive() {
        if (pid <= 0) {
            return false;
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return false;
        }
        long now = handle.get().info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
        return startedAt == 0 || now == 0 || Math.abs(now - startedAt) < 1_000;
    }

    boolean isCurrent() {
        return pid == ProcessHandle.current().pid();
    }
}
