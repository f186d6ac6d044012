package dev.strata.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What {@code stats} reads of a running container, from its own cgroup (v1: memory, cpuacct, blkio,
 * pids under {@code /sys/fs/cgroup/CONTROLLER/strata/ID}) and its init's network namespace
 * ({@code /proc/PID/net/dev}, loopback left out as Docker counts only the container's endpoints).
 *
 * @param cpuNanos       the container's CPU time so far
 * @param systemNanos    the host's CPU time so far, every CPU (/proc/stat), as Docker's system_cpu_usage
 * @param onlineCpus     CPUs online
 * @param memoryUsage    bytes in use without the inactive page cache (the docker CLI's figure on cgroup v1)
 * @param memoryLimit    the limit, or the host's memory when the container has none
 */
public record ContainerStats(String id, String name, long cpuNanos, long systemNanos, int onlineCpus,
                             long memoryUsage, long memoryLimit, long netRx, long netTx, long blockRead,
                             long blockWrite, long pids) {
    private static final Path CGROUP = Path.of("/sys/fs/cgroup");
    /** USER_HZ: /proc/stat counts in these ticks. */
    private static final long TICKS_PER_SECOND = 100;

    static ContainerStats read(ContainerRecord record) throws IOException {
        String group = OciSpecs.CGROUP_PARENT.substring(1) + "/" + record.id();
        long usage = number(CGROUP.resolve("memory").resolve(group).resolve("memory.usage_in_bytes"));
        long inactive = statValue(CGROUP.resolve("memory").resolve(group).resolve("memory.stat"), "total_inactive_file");
        long limit = number(CGROUP.resolve("memory").resolve(group).resolve("memory.limit_in_bytes"));
        long host = hostMemory();
        long[] net = network(record.state().pid());
        long[] block = blockIo(CGROUP.resolve("blkio").resolve(group).resolve("blkio.throttle.io_service_bytes_recursive"));
        return new ContainerStats(record.id(), record.plainName(),
                number(CGROUP.resolve("cpuacct").resolve(group).resolve("cpuacct.usage")), hostCpuNanos(),
                Runtime.getRuntime().availableProcessors(), inactive < usage ? usage - inactive : usage,
                limit <= 0 || limit > host ? host : limit, net[0], net[1], block[0], block[1],
                number(CGROUP.resolve("pids").resolve(group).resolve("pids.current")));
    }

    /** Docker's CPU %: the container's share of the host's CPU time since {@code before}, times the CPUs. */
    public double cpuPercent(ContainerStats before) {
        if (before == null) {
            return 0;
        }
        double cpu = cpuNanos - before.cpuNanos;
        double system = systemNanos - before.systemNanos;
        return system > 0 && cpu > 0 ? cpu / system * onlineCpus * 100.0 : 0;
    }

    public double memoryPercent() {
        return memoryLimit > 0 ? (double) memoryUsage / memoryLimit * 100.0 : 0;
    }

    /** The docker CLI's row: its {@code --format} fields, formatted as it formats them. */
    public java.util.Map<String, Object> row(String asGiven, ContainerStats before, boolean truncate) {
        java.util.Map<String, Object> row = new java.util.LinkedHashMap<>();
        row.put("BlockIO", dev.strata.go.Units.humanSize(blockRead) + " / " + dev.strata.go.Units.humanSize(blockWrite));
        row.put("CPUPerc", String.format(Locale.ROOT, "%.2f%%", cpuPercent(before)));
        row.put("Container", asGiven);
        row.put("ID", truncate ? id.substring(0, 12) : id);
        row.put("MemPerc", String.format(Locale.ROOT, "%.2f%%", memoryPercent()));
        row.put("MemUsage", dev.strata.go.Units.bytesSize(memoryUsage) + " / " + dev.strata.go.Units.bytesSize(memoryLimit));
        row.put("Name", name);
        row.put("NetIO", dev.strata.go.Units.humanSize(netRx) + " / " + dev.strata.go.Units.humanSize(netTx));
        row.put("PIDs", Long.toString(pids));
        return row;
    }

    private static long number(Path file) throws IOException {
        try {
            return Long.parseLong(Files.readString(file).strip());
        } catch (NoSuchFileException gone) {
            return 0;
        } catch (NumberFormatException e) {
            throw new IOException("unexpected content in " + file, e);
        }
    }

    private static long statValue(Path file, String key) throws IOException {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(key + " ")) {
                    return Long.parseLong(line.substring(key.length() + 1).strip());
                }
            }
        } catch (NoSuchFileException gone) {
            // no such controller here
        }
        return 0;
    }

    private static long hostMemory() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return 0;
    }

    private static long hostCpuNanos() throws IOException {
        String first = Files.readAllLines(Path.of("/proc/stat")).getFirst();
        long ticks = 0;
        String[] fields = first.trim().split("\\s+");
        // user nice system idle iowait irq softirq steal, as Docker sums them
        for (int i = 1; i < Math.min(fields.length, 9); i++) {
            ticks += Long.parseLong(fields[i]);
        }
        return ticks * (1_000_000_000L / TICKS_PER_SECOND);
    }

    private static long[] network(int pid) throws IOException {
        long rx = 0;
        long tx = 0;
        if (pid <= 0) {
            return new long[] {0, 0};
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Integer.toString(pid), "net", "dev"))) {
                int colon = line.indexOf(':');
                if (colon < 0 || line.substring(0, colon).strip().equals("lo")) {
                    continue;
                }
                String[] values = line.substring(colon + 1).trim().split("\\s+");
                rx += Long.parseLong(values[0]);
                tx += Long.parseLong(values[8]);
            }
        } catch (NoSuchFileException exited) {
            // the process is gone: nothing to count
        }
        return new long[] {rx, tx};
    }

    private static long[] blockIo(Path file) throws IOException {
        long read = 0;
        long write = 0;
        try {
            for (String line : Files.readAllLines(file)) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length == 3 && fields[1].equalsIgnoreCase("read")) {
                    read += Long.parseLong(fields[2]);
                } else if (fields.length == 3 && fields[1].equalsIgnoreCase("write")) {
                    write += Long.parseLong(fields[2]);
                }
            }
        } catch (NoSuchFileException gone) {
            // no such controller here
        }
        return new long[] {read, write};
    }
}
