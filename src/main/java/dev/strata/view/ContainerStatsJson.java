package dev.strata.view;

import dev.strata.container.ContainerStats;
import dev.strata.image.Timestamps;
import dev.strata.json.JsonOut;
import dev.strata.json.JsonWritable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One frame of {@code GET /containers/{id}/stats}: Docker's StatsJSON on cgroup v1, its members in the
 * order dockerd 20.10 writes them, {@code omitempty} where Docker's has it. {@code stats} is null for a
 * container that does not run (Docker's empty frame: its name and ID, zero times, null lists);
 * {@code previous} is null for a first frame, whose precpu_stats are zeros, as Docker's are. The docker
 * CLI computes CPU % from cpu_stats against precpu_stats, and memory from usage less
 * {@code stats.total_inactive_file}.
 *
 * @param name the container's name with its leading slash, as Docker's frame carries it
 */
public record ContainerStatsJson(String id, String name, ContainerStats stats, Instant read,
                                 ContainerStats previous, Instant preread) implements JsonWritable {
    private static final List<String> OTHER_BLKIO = List.of("io_queue_recursive", "io_service_time_recursive",
            "io_wait_time_recursive", "io_merged_recursive", "io_time_recursive", "sectors_recursive");

    @Override
    public void writeJson(JsonOut out) {
        out.beginObject()
                .field("read", stats == null ? Timestamps.ZERO : Timestamps.format(read))
                .field("preread", previous == null ? Timestamps.ZERO : Timestamps.format(preread));
        out.name("pids_stats").beginObject();
        if (stats != null && stats.pids() > 0) {
            out.field("current", stats.pids());
        }
        if (stats != null && stats.readings().pidsLimit() > 0) {
            out.field("limit", stats.readings().pidsLimit());
        }
        out.endObject();
        out.name("blkio_stats").beginObject();
        writeBlock(out, "io_service_bytes_recursive", stats == null ? null : stats.readings().serviceBytes());
        writeBlock(out, "io_serviced_recursive", stats == null ? null : stats.readings().serviced());
        for (String other : OTHER_BLKIO) {
            writeBlock(out, other, stats == null ? null : List.of());
        }
        out.endObject();
        out.field("num_procs", 0);
        out.name("storage_stats").beginObject().endObject();
        out.name("cpu_stats");
        writeCpu(out, stats);
        out.name("precpu_stats");
        writeCpu(out, previous);
        out.name("memory_stats").beginObject();
        if (stats != null) {
            out.field("usage", stats.readings().memoryUsed())
                    .field("max_usage", stats.readings().memoryMaxUsage())
                    .field("stats", new TreeMap<>(stats.readings().memoryStat()))
                    .field("limit", stats.memoryLimit());
        }
        out.endObject();
        out.field("name", name).field("id", id);
        if (stats != null && !stats.readings().networks().isEmpty()) {
            out.name("networks").beginObject();
            for (Map.Entry<String, ContainerStats.Interface> entry : stats.readings().networks().entrySet()) {
                ContainerStats.Interface i = entry.getValue();
                out.name(entry.getKey()).beginObject()
                        .field("rx_bytes", i.rxBytes()).field("rx_packets", i.rxPackets())
                        .field("rx_errors", i.rxErrors()).field("rx_dropped", i.rxDropped())
                        .field("tx_bytes", i.txBytes()).field("tx_packets", i.txPackets())
                        .field("tx_errors", i.txErrors()).field("tx_dropped", i.txDropped())
                        .endObject();
            }
            out.endObject();
        }
        out.endObject();
    }

    private static void writeBlock(JsonOut out, String name, List<ContainerStats.BlockEntry> entries) {
        out.name(name);
        if (entries == null) {
            out.nullValue();
            return;
        }
        out.beginArray();
        for (ContainerStats.BlockEntry entry : entries) {
            out.beginObject().field("major", entry.major()).field("minor", entry.minor()).field("op", entry.op())
                    .field("value", entry.value()).endObject();
        }
        out.endArray();
    }

    /** Docker's CPUStats; for no sample, the zeros its omitempty leaves. */
    private static void writeCpu(JsonOut out, ContainerStats sample) {
        out.beginObject().name("cpu_usage").beginObject()
                .field("total_usage", sample == null ? 0 : sample.cpuNanos());
        if (sample != null && !sample.readings().perCpuNanos().isEmpty()) {
            out.field("percpu_usage", sample.readings().perCpuNanos());
        }
        out.field("usage_in_kernelmode", sample == null ? 0 : sample.readings().kernelNanos())
                .field("usage_in_usermode", sample == null ? 0 : sample.readings().userNanos())
                .endObject();
        if (sample != null) {
            out.field("system_cpu_usage", sample.systemNanos()).field("online_cpus", sample.onlineCpus());
        }
        out.name("throttling_data").beginObject()
                .field("periods", sample == null ? 0 : sample.readings().throttlingPeriods())
                .field("throttled_periods", sample == null ? 0 : sample.readings().throttledPeriods())
                .field("throttled_time", sample == null ? 0 : sample.readings().throttledNanos())
                .endObject().endObject();
    }
}
