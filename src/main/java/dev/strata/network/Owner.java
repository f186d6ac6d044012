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
        if (handle.isEmpty() || !handle.get().isAlive() || zombie(pid)) {
            return false;
        }
        long now = handle.get().info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
        return startedAt == 0 || now == 0 || Math.abs(now - startedAt) < 1_000;
    }

    /**
     * Whether the process has exited and waits to be reaped: it still has a pid and a start time, so it
     * reads as alive. It happens when it was orphaned under a subreaper that does not reap it (a JVM
     * that started a terminal container, say).
     */
    private static boolean zombie(long pid) {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
            int end = stat.lastIndexOf(')'); // the command name may hold spaces and parentheses
            return end > 0 && end + 2 < stat.length() && stat.charAt(end + 2) == 'Z';
        } catch (java.io.IOException | RuntimeException e) {
            return false; // gone, or no /proc: isAlive has said what it can
        }
    }

    boolean isCurrent() {
        return pid == ProcessHandle.current().pid();
    }
}
