package dev.strata.container;

import dev.strata.json.Json;
import dev.strata.json.JsonObject;
import dev.strata.json.JsonOut;
import dev.strata.json.JsonWritable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Docker's State.Health: {@code starting} until a probe passes (or fails {@code Retries} times in a row
 * after the start period), then {@code healthy} or {@code unhealthy}; the last five probes in the log.
 * Kept beside the record in {@code health.json}, written whole by the container's watcher alone, so the
 * record's own updates never race with the probes'.
 */
public record ContainerHealth(String status, int failingStreak, List<Probe> log) implements JsonWritable {
    static final String FILE = "health.json";
    public static final String STARTING = "starting";
    public static final String HEALTHY = "healthy";
    public static final String UNHEALTHY = "unhealthy";
    /** How many probes the log keeps, as Docker. */
    static final int LOG_LENGTH = 5;

    public ContainerHealth {
        log = log == null ? List.of() : List.copyOf(log);
    }

    /** One probe: its times (RFC 3339), exit code (-1 when it could not run or timed out) and output. */
    public record Probe(String start, String end, int exitCode, String output) implements JsonWritable {
        @Override
        public void writeJson(JsonOut out) {
            out.beginObject().field("Start", start).field("End", end).field("ExitCode", exitCode)
                    .field("Output", output).endObject();
        }

        static Probe fromJson(JsonObject o) {
            return new Probe(o.string("Start"), o.string("End"), o.intValue("ExitCode"), o.string("Output"));
        }
    }

    static ContainerHealth starting() {
        return new ContainerHealth(STARTING, 0, List.of());
    }

    /**
     * After {@code probe}: a pass makes it healthy; a failure counts towards {@code retries} unless it
     * came in the start period, and makes it unhealthy once the streak reaches them.
     */
    ContainerHealth after(Probe probe, boolean inStartPeriod, int retries) {
        List<Probe> kept = new ArrayList<>(log);
        kept.add(probe);
        if (kept.size() > LOG_LENGTH) {
            kept = kept.subList(kept.size() - LOG_LENGTH, kept.size());
        }
        if (probe.exitCode() == 0) {
            return new ContainerHealth(HEALTHY, 0, kept);
        }
        if (inStartPeriod) {
            return new ContainerHealth(status, failingStreak, kept);
        }
        int streak = failingStreak + 1;
        return new ContainerHealth(streak >= retries ? UNHEALTHY : status, streak, kept);
    }

    /** What {@code ps} adds to "Up ...": {@code (healthy)}, {@code (unhealthy)}, {@code (health: starting)}. */
    public String statusSuffix() {
        return status.equals(STARTING) ? "(health: starting)" : "(" + status + ")";
    }

    @Override
    public void writeJson(JsonOut out) {
        out.beginObject().field("Status", status).field("FailingStreak", failingStreak).field("Log", log).endObject();
    }

    static ContainerHealth fromJson(JsonObject o) {
        return new ContainerHealth(o.string("Status"), o.intValue("FailingStreak"), o.list("Log", Probe::fromJson));
    }

    /** The health recorded in container directory {@code dir}, if a check has ever run there. */
    static Optional<ContainerHealth> read(Path dir) {
        try {
            return Optional.of(fromJson(Json.object(Files.readAllBytes(dir.resolve(FILE)))));
        } catch (NoSuchFileException none) {
            return Optional.empty();
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    void write(Path dir) throws IOException {
        dev.strata.content.AtomicFile.write(dir.resolve(FILE), Json.write(this));
    }
}
