package dev.strata.container;

import dev.strata.go.Quote;
import dev.strata.go.Units;
import dev.strata.image.Timestamps;
import dev.strata.json.JsonOut;
import dev.strata.json.JsonWritable;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One row of {@code ps}, with the field names Docker's {@code --format} templates use ({@code {{.ID}}},
 * {@code {{.Status}}}...), already formatted as Docker formats them: a 12-character ID, the command quoted
 * and cut to 20 characters, "Up 2 seconds", "Exited (3) 5 seconds ago", "Created".
 */
public record ContainerSummary(
        String id,
        String image,
        String command,
        String createdAt,
        String runningFor,
        String ports,
        String status,
        String size,
        String names,
        String labels,
        String localVolumes,
        String mounts,
        String networks,
        String state) implements JsonWritable {

    /** In the alphabetical order Docker's row marshals itself in. */
    @Override
    public void writeJson(JsonOut out) {
        out.beginObject()
                .field("Command", command)
                .field("CreatedAt", createdAt)
                .field("ID", id)
                .field("Image", image)
                .field("Labels", labels)
                .field("LocalVolumes", localVolumes)
                .field("Mounts", mounts)
                .field("Names", names)
                .field("Networks", networks)
                // the docker 28 CLI's image platform, null for an engine that reports none (Strata, dockerd 20.10)
                .field("Platform", (Object) null)
                .field("Ports", ports)
                .field("RunningFor", runningFor)
                .field("Size", size)
                .field("State", state)
                .field("Status", status)
                .endObject();
    }

    private static final DateTimeFormatter GO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xx zzz");

    /**
     * @param image what to show as the image: the name the container was created from while it still names
     *              the same image, else the image ID (as Docker does once a tag has moved)
     */
    public static ContainerSummary of(ContainerRecord record, String image, Instant now, boolean truncate) {
        return of(record, image, now, truncate, Map.of(), networkName(record.hostConfig()));
    }

    /**
     * @param ports    NetworkSettings.Ports of the container (empty unless it runs)
     * @param networks the NETWORKS column
     */
    public static ContainerSummary of(ContainerRecord record, String image, Instant now, boolean truncate,
                                      Map<String, ?> ports, String networks) {
        Instant created = Timestamps.parse(record.created());
        String command = record.command();
        if (truncate) {
            command = ellipsis(command, 20);
        }
        Map<String, String> labels = record.config().labels() == null ? Map.of() : new TreeMap<>(record.config().labels());
        List<MountPoint> shown = ContainerJson.shownMounts(record);
        String mounts = shown.stream().map(point -> {
            String source = point.shownName();
            return truncate ? ellipsis(source, 15) : source;
        }).collect(Collectors.joining(","));
        long localVolumes = shown.stream().filter(p -> p.isVolume() && p.driver().equals("local")).count();
        return new ContainerSummary(
                truncate ? record.shortId() : record.id(),
                image,
                Quote.quote(command),
                GO_TIME.format(created.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).atZone(ZoneId.systemDefault())),
                Units.humanDuration(Duration.between(created, now)) + " ago",
                dev.strata.network.port.PortsColumn.of(ports),
                status(record.state(), now),
                NOT_MEASURED.column(),
                record.plainName(),
                labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(",")),
                Long.toString(localVolumes),
                mounts,
                networks,
                record.state().status().word());
    }

    /** What the docker CLI shows as SIZE when the sizes were not asked for: {@code 0B}. */
    static final ContainerSize NOT_MEASURED = new ContainerSize(0, 0);

    /** The same row with its SIZE column ({@code ps --size}). */
    public ContainerSummary withSize(ContainerSize measured) {
        return new ContainerSummary(id, image, command, createdAt, runningFor, ports, status, measured.column(),
                names, labels, localVolumes, mounts, networks, state);
    }

    /** The same row with Docker's health after "Up ..." in the STATUS column. */
    public ContainerSummary withHealth(ContainerHealth health) {
        return new ContainerSummary(id, image, command, createdAt, runningFor, ports, status + " " + health.statusSuffix(),
                size, names, labels, localVolumes, mounts, networks, state);
    }

    /** Docker's State.String(): the STATUS column. */
    public static String status(ContainerState state, Instant now) {
        return switch (state.status()) {
            case RUNNING -> "Up " + Units.humanDuration(since(state.startedAt(), now));
            case PAUSED -> "Up " + Units.humanDuration(since(state.startedAt(), now)) + " (Paused)";
            case RESTARTING -> "Restarting (" + state.exitCode() + ") "
                    + Units.humanDuration(since(state.finishedAt(), now)) + " ago";
            case REMOVING -> "Removal In Progress";
            case DEAD -> "Dead";
            case CREATED -> "Created";
            case EXITED -> state.everStarted()
                    ? "Exited (" + state.exitCode() + ") " + Units.humanDuration(since(state.finishedAt(), now)) + " ago"
                    : "Created";
        };
    }

    static String networkName(HostConfig host) {
        return host.hostNetwork() ? "host" : "none";
    }

    private static Duration since(String time, Instant now) {
        try {
            Duration d = Duration.between(Timestamps.parse(time), now);
            return d.isNegative() ? Duration.ZERO : d;
        } catch (RuntimeException e) {
            return Duration.ZERO;
        }
    }

    /** Docker's Ellipsis: at most {@code max} characters, the last one "…" when cut. */
    static String ellipsis(String s, int max) {
        if (s.codePointCount(0, s.length()) <= max) {
            return s;
        }
        int end = s.offsetByCodePoints(0, max - 1);
        return s.substring(0, end) + "…";
    }
}
