package dev.strata.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code stats} reads of a running container, from its own cgroup (v1: memory, cpuacct, blkio,
 * pids under {@code /sys/fs/cgroup/CONTROLLER/strata/ID}) and its init's network namespace
 * ({@code /proc/PID/net/dev}, loopback left out as Docker counts only the container's endpoints).
 * The columns of the CLI's {@code stats} are the sums; {@link Readings} keeps the same sample's finer
 * parts, which the Engine API's stats object carries.
 *
 * @param cpuNanos       the container's CPU time so far
 * @param systemNanos    the host's CPU time so far, every CPU (/proc/stat), as Docker's system_cpu_usage
 * @param onlineCpus     CPUs online
 * @param memoryUsage    bytes in use without the inactive page cache (the docker CLI's figure on cgroup v1)
 * @param memoryLimit    the limit, or the host's memory when the container has none
 */
public record ContainerStats(String id, String name, long cpuNanos, long systemNanos, int onlineCpus,
                             long memoryUsage, long memoryLimit, long netRx, long netTx, long blockRead,
                             long blockWrite, long pids, Readings readings) {
    private static final Path CGROUP = Path.of("/sys/fs/cgroup");
    /** USER_HZ: /proc/stat and cpuacct.stat count in these ticks. */
    private static final long TICKS_PER_SECOND = 100;
    private static final long NANOS_PER_TICK = 1_000_000_000L / TICKS_PER_SECOND;

    /**
     * The finer readings of one sample, as the cgroup gives them.
     *
     * @param memoryUsed   memory.usage_in_bytes, the page cache included
     * @param memoryStat   memory.stat, every counter by its name
     * @param perCpuNanos  cpuacct.usage_percpu
     * @param pidsLimit    pids.max, 0 for none
     * @param serviceBytes blkio's bytes per device and operation
     * @param serviced     blkio's operations per device and operation
     * @param networks     each interface's counters but loopback's, by name
     */
    public record Readings(long memoryUsed, long memoryMaxUsage, Map<String, Long> memoryStat, List<Long> perCpuNanos,
                           long kernelNanos, long userNanos, long throttlingPeriods, long throttledPeriods,
                           long throttledNanos, long pidsLimit, List<BlockEntry> serviceBytes,
                           List<BlockEntry> serviced, Map<String, Interface> networks) {
    }

    /** One line of a blkio file: {@code 8:0 Read 4096}. */
    public record BlockEntry(long major, long minor, String op, long value) {
    }

    /** One interface's line of /proc/net/dev. */
    public record Interface(long rxBytes, long rxPackets, long rxErrors, long rxDropped, long txBytes, long txPackets,
                            long txErrors, long txDropped) {
    }

    static ContainerStats read(ContainerRecord record) throws IOException {
        String group = OciSpecs.CGROUP_PARENT.substring(1) + "/" + record.id();
        Path memory = CGROUP.resolve("memory").resolve(group);
        Path cpuacct = CGROUP.resolve("cpuacct").resolve(group);
        Map<String, Long> memoryStat = keyedValues(memory.resolve("memory.stat"));
        Map<String, Long> cpuTicks = keyedValues(cpuacct.resolve("cpuacct.stat"));
        Map<String, Long> throttling = keyedValues(CGROUP.resolve("cpu").resolve(group).resolve("cpu.stat"));
        Path blkio = CGROUP.resolve("blkio").resolve(group);
        Readings readings = new Readings(number(memory.resolve("memory.usage_in_bytes")),
                number(memory.resolve("memory.max_usage_in_bytes")), memoryStat,
                numbers(cpuacct.resolve("cpuacct.usage_percpu")),
                cpuTicks.getOrDefault("system", 0L) * NANOS_PER_TICK, cpuTicks.getOrDefault("user", 0L) * NANOS_PER_TICK,
                throttling.getOrDefault("nr_periods", 0L), throttling.getOrDefault("nr_throttled", 0L),
                throttling.getOrDefault("throttled_time", 0L),
                number(CGROUP.resolve("pids").resolve(group).resolve("pids.max")),
                blockEntries(blkio.resolve("blkio.throttle.io_service_bytes_recursive")),
                blockEntries(blkio.resolve("blkio.throttle.io_serviced_recursive")), network(record.state().pid()));
        long usage = readings.memoryUsed();
        long inactive = memoryStat.getOrDefault("total_inactive_file", 0L);
        long limit = number(memory.resolve("memory.limit_in_bytes"));
        long host = hostMemory();
        long rx = 0;
        long tx = 0;
        for (Interface counters : readings.networks().values()) {
            rx += counters.rxBytes();
            tx += counters.txBytes();
        }
        return new ContainerStats(record.id(), record.plainName(), number(cpuacct.resolve("cpuacct.usage")),
                hostCpuNanos(), Runtime.getRuntime().availableProcessors(), inactive < usage ? usage - inactive : usage,
                limit <= 0 || limit > host ? host : limit, rx, tx, blockBytes(readings.serviceBytes(), "read"),
                blockBytes(readings.serviceBytes(), "write"),
                number(CGROUP.resolve("pids").resolve(group).resolve("pids.current")), readings);
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

    /** The number a cgroup file holds; 0 when it is absent or says {@code max}. */
    private static long number(Path file) throws IOException {
        try {
            String text = Files.readString(file).strip();
            return text.equals("max") ? 0 : Long.parseLong(text);
        } catch (NoSuchFileException gone) {
            return 0;
        } catch (NumberFormatException e) {
            throw new IOException("unexpected content in " + file, e);
        }
    }

    private static List<Long> numbers(Path file) throws IOException {
        List<Long> out = new ArrayList<>();
        try {
            for (String value : Files.readString(file).trim().split("\\s+")) {
                if (!value.isEmpty()) {
                    out.add(Long.parseLong(value));
                }
            }
        } catch (NoSuchFileException gone) {
            // no such controller here
        } catch (NumberFormatException e) {
            throw new IOException("unexpected content in " + file, e);
        }
        return out;
    }

    /** A file of {@code key value} lines (memory.stat, cpuacct.stat, cpu.stat), in its order. */
    private static Map<String, Long> keyedValues(Path file) throws IOException {
        Map<String, Long> out = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length == 2) {
                    out.put(fields[0], Long.parseLong(fields[1]));
                }
            }
        } catch (NoSuchFileException gone) {
            // no such controller here
        } catch (NumberFormatException e) {
            throw new IOException("unexpected content in " + file, e);
        }
        return out;
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

    private static Map<String, Interface> network(int pid) throws IOException {
        Map<String, Interface> out = new LinkedHashMap<>();
        if (pid <= 0) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Integer.toString(pid), "net", "dev"))) {
                int colon = line.indexOf(':');
                String name = colon < 0 ? "" : line.substring(0, colon).strip();
                if (colon < 0 || name.equals("lo")) {
                    continue;
                }
                String[] v = line.substring(colon + 1).trim().split("\\s+");
                out.put(name, new Interface(Long.parseLong(v[0]), Long.parseLong(v[1]), Long.parseLong(v[2]),
                        Long.parseLong(v[3]), Long.parseLong(v[8]), Long.parseLong(v[9]), Long.parseLong(v[10]),
                        Long.parseLong(v[11])));
            }
        } catch (NoSuchFileException exited) {
            // the process is gone: nothing to count
        }
        return out;
    }

    /** A blkio file's {@code MAJOR:MINOR OP VALUE} lines; its closing {@code Total N} is not one. */
    private static List<BlockEntry> blockEntries(Path file) throws IOException {
        List<BlockEntry> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String[] fields = line.trim().split("\\s+");
                int colon = fields[0].indexOf(':');
                if (fields.length == 3 && colon > 0) {
                    out.add(new BlockEntry(Long.parseLong(fields[0].substring(0, colon)),
                            Long.parseLong(fields[0].substring(colon + 1)), fields[1], Long.parseLong(fields[2])));
                }
            }
        } catch (NoSuchFileException gone) {
            // no such controller here
        }
        return out;
    }

    /** The docker CLI's sum over a blkio file: every entry of the operation, whatever its case. */
    private static long blockBytes(List<BlockEntry> entries, String op) {
        long total = 0;
        for (BlockEntry entry : entries) {
            if (entry.op().equalsIgnoreCase(op)) {
                total += entry.value();
            }
        }
        return total;
    }
}
