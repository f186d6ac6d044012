package dev.strata.api;

import dev.strata.container.ContainerRecord;
import dev.strata.engine.DiskUsage;
import dev.strata.engine.Engine;
import dev.strata.image.Platform;
import dev.strata.view.DiskUsageJson;
import dev.strata.view.EngineInfo;
import dev.strata.view.EngineVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * The daemon itself: {@code /_ping} (with the headers clients negotiate the version by), {@code /version},
 * {@code /info}, and {@code /system/df}.
 */
record SystemEndpoints(Daemon daemon) implements Router.Group {
    @Override
    public void addTo(Router router) {
        router.get("/_ping", this::ping)
                .head("/_ping", this::ping)
                .get("/version", this::version)
                .get("/info", this::info)
                .get("/system/df", this::diskUsage);
    }

    private void ping(Call call) throws IOException {
        call.exchange().setHeader("Cache-Control", "no-cache, no-store, must-revalidate");
        call.exchange().setHeader("Pragma", "no-cache");
        // the classic builder's version: Strata has no BuildKit, so clients must not try to speak it
        call.exchange().setHeader("Builder-Version", "1");
        call.exchange().setHeader("Swarm", "inactive");
        if (call.exchange().method().equals("HEAD")) {
            call.exchange().respond(200, "text/plain; charset=utf-8", new byte[0]);
        } else {
            call.text(200, "OK");
        }
    }

    private void version(Call call) throws IOException {
        call.json(200, new EngineVersion(Daemon.REPORTED_VERSION, ApiVersion.CURRENT.toString(), ApiVersion.MINIMUM.toString(),
                "linux", Platform.host().architecture(), kernelVersion(), "Java " + Runtime.version(),
                daemon.startedAt().toString()));
    }

    private void info(Call call) throws IOException {
        Engine engine = daemon.engine();
        int running = 0;
        int paused = 0;
        List<ContainerRecord> records = daemon.containers().records(true);
        for (ContainerRecord record : records) {
            if (record.state().paused()) {
                paused++;
            } else if (record.state().running()) {
                running++;
            }
        }
        String root = engine.root().toString();
        call.json(200, new EngineInfo(HexFormat.of().formatHex(root.getBytes(StandardCharsets.UTF_8)).substring(0,
                Math.min(24, root.length() * 2)), records.size(), running, paused, records.size() - running - paused,
                engine.views().list().size(), engine.snapshots().driverName(),
                List.of(List.of("Backing Filesystem", "extfs")), kernelVersion(), osName(), "",
                Platform.host().architecture(), Runtime.getRuntime().availableProcessors(), memTotal(), root,
                hostName(), Daemon.REPORTED_VERSION, List.of("runc"),
                Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers")) ? "2" : "1"));
    }

    private void diskUsage(Call call) throws IOException {
        Instant now = Instant.now();
        List<DiskUsage.ContainerUsage> containers = daemon.containers().usage(now);
        DiskUsage usage = daemon.engine().views().diskUsage(containers);
        List<dev.strata.container.ContainerRecord> records = daemon.containers().records(true);
        java.util.Map<String, dev.strata.container.ContainerHealth> health = new java.util.HashMap<>();
        for (dev.strata.container.ContainerRecord record : records) {
            daemon.containers().health(record).ifPresent(shown -> health.put(record.id(), shown));
        }
        call.json(200, new DiskUsageJson(usage, records, health));
    }

    static String kernelVersion() {
        return firstLine(Path.of("/proc/sys/kernel/osrelease"), "");
    }

    private static String osName() {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
                if (line.startsWith("PRETTY_NAME=")) {
                    return line.substring("PRETTY_NAME=".length()).replace("\"", "");
                }
            }
        } catch (IOException e) {
            // unknown
        }
        return "Linux";
    }

    private static long memTotal() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // unknown
        }
        return 0;
    }

    private static String hostName() {
        return firstLine(Path.of("/proc/sys/kernel/hostname"), "localhost");
    }

    private static String firstLine(Path file, String fallback) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            return fallback;
        }
    }
}
