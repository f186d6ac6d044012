package dev.strata.container;

import dev.strata.image.Timestamps;
import dev.strata.json.JsonOut;
import dev.strata.json.JsonWritable;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
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
        String mounts = record.hostConfig().bindsOrEmpty().stream().map(spec -> {
            String source = spec.substring(0, spec.indexOf(':'));
            return truncate ? ellipsis(source, 15) : source;
        }).collect(Collectors.joining(","));
        return new ContainerSummary(
                truncate ? record.shortId() : record.id(),
                image,
                quote(command),
                GO_TIME.format(created.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).atZone(ZoneId.systemDefault())),
                HumanDuration.of(Duration.between(created, now)) + " ago",
                displayablePorts(ports),
                status(record.state(), now),
                "",
                record.plainName(),
                labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(",")),
                "0",
                mounts,
                networks,
                record.state().status().word());
    }

    private record PortRow(String ip, int privatePort, int publicPort, String type) {
    }

    /**
     * The docker CLI's DisplayablePorts: bound ports as {@code 0.0.0.0:8080->80/tcp} ({@code [::]:8080} for
     * IPv6), runs of consecutive exposed-only ports as {@code 7000-7002/udp}, and runs where host and
     * container port agree as {@code 0.0.0.0:8000-8002->8000-8002/tcp}; grouped ports first, in order of
     * their first port, then the other mappings, all sorted by container port, address, host port, type.
     *
     * @param ports NetworkSettings.Ports: {@code 80/tcp} to its bindings, or null for an exposed-only port
     */
    public static String displayablePorts(Map<String, ?> ports) {
        java.util.List<PortRow> rows = new java.util.ArrayList<>();
        for (Map.Entry<String, ?> entry : ports.entrySet()) {
            dev.strata.network.port.Port port = dev.strata.network.port.Port.parse(entry.getKey());
            if (!(entry.getValue() instanceof java.util.List<?> bindings) || bindings.isEmpty()) {
                rows.add(new PortRow("", port.number(), 0, port.protocol()));
                continue;
            }
            for (Object b : bindings) {
                dev.strata.network.port.PortBinding binding = (dev.strata.network.port.PortBinding) b;
                rows.add(new PortRow(binding.hostIp(), port.number(), Integer.parseInt(binding.hostPort()),
                        port.protocol()));
            }
        }
        rows.sort(java.util.Comparator.comparingInt(PortRow::privatePort).thenComparing(PortRow::ip)
                .thenComparingInt(PortRow::publicPort).thenComparing(PortRow::type));
        Map<String, int[]> groups = new java.util.LinkedHashMap<>();
        java.util.List<String> result = new java.util.ArrayList<>();
        java.util.List<String> mappings = new java.util.ArrayList<>();
        for (PortRow row : rows) {
            String key = row.type();
            if (!row.ip().isEmpty()) {
                if (row.publicPort() != row.privatePort()) {
                    mappings.add(joinHostPort(row.ip(), Integer.toString(row.publicPort())) + "->" + row.privatePort()
                            + "/" + row.type());
                    continue;
                }
                key = row.ip() + "/" + row.type();
            }
            int[] group = groups.get(key);
            if (group == null) {
                groups.put(key, new int[] {row.privatePort(), row.privatePort()});
            } else if (row.privatePort() == group[1] + 1) {
                group[1] = row.privatePort();
            } else {
                result.add(formGroup(key, group[0], group[1]));
                groups.put(key, new int[] {row.privatePort(), row.privatePort()});
            }
        }
        groups.forEach((key, group) -> result.add(formGroup(key, group[0], group[1])));
        result.addAll(mappings);
        return String.join(", ", result);
    }

    private static String formGroup(String key, int start, int last) {
        int slash = key.lastIndexOf('/');
        String ip = slash < 0 ? "" : key.substring(0, slash);
        String type = slash < 0 ? key : key.substring(slash + 1);
        String group = start == last ? Integer.toString(start) : start + "-" + last;
        if (!ip.isEmpty()) {
            group = joinHostPort(ip, group) + "->" + group;
        }
        return group + "/" + type;
    }

    private static String joinHostPort(String host, String port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** Docker's State.String(): the STATUS column. */
    public static String status(ContainerState state, Instant now) {
        return switch (state.status()) {
            case RUNNING -> "Up " + HumanDuration.of(since(state.startedAt(), now));
            case PAUSED -> "Up " + HumanDuration.of(since(state.startedAt(), now)) + " (Paused)";
            case REMOVING -> "Removal In Progress";
            case DEAD -> "Dead";
            case CREATED -> "Created";
            case EXITED -> state.everStarted()
                    ? "Exited (" + state.exitCode() + ") " + HumanDuration.of(since(state.finishedAt(), now)) + " ago"
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

    /** Go's strconv.Quote for the printable text a command holds. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.append('"').toString();
    }
}
