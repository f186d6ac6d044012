package dev.strata.filter;

import dev.strata.container.ContainerRecord;
import dev.strata.engine.Engine;
import dev.strata.go.Strconv;
import dev.strata.error.InvalidInputException;
import dev.strata.image.Timestamps;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The filter conditions of {@code docker ps} and {@code GET /containers/json}: id (a prefix), name (a
 * regular expression, as Docker's), label ({@code key} or {@code key=value}), status, exited (an exit
 * code), ancestor (an image by name or ID, or one built on it), before and since (other containers),
 * volume (a volume's name, a bind's source, or a mount's destination), network (a name, or a prefix of
 * an ID), publish (a host port a running container has bound) and expose (a container port a running
 * container exposes or publishes), each a port or a range, {@code /tcp} unless another protocol is given, health ({@code starting}, {@code healthy}, {@code unhealthy} or {@code none}), is-task (never a
 * swarm task here) and isolation (ignored, as by Docker on Linux).
 * Conditions on different keys must all hold; several values for one key are alternatives.
 */
public final class ContainerFilter {
    private static final Set<String> STATUSES = Set.of("created", "restarting", "running", "removing", "paused",
            "exited", "dead");

    /**
     * What the volume, network, publish, expose and health conditions ask of a container: its mounts'
     * volume names (a bind's source) and destinations, its networks by name with their IDs, the host ports
     * it has bound and the container ports it exposes ({@code 80/tcp}), and its health ({@code none}
     * without a check).
     */
    public record Facts(Set<String> volumes, Map<String, String> networks, Set<String> published,
                        Set<String> exposed, String health) {
    }

    /** A container's {@link Facts}, asked for only when a condition needs them. */
    @FunctionalInterface
    public interface FactsOf {
        Facts of(ContainerRecord record) throws IOException;
    }

    private static final Set<String> FACT_KEYS = Set.of("volume", "network", "publish", "expose", "health");
    private static final Set<String> HEALTH = Set.of("starting", "healthy", "unhealthy", "none");

    /** When the container a name or ID refers to was created, for before and since. */
    @FunctionalInterface
    public interface Created {
        Instant of(String reference) throws IOException;
    }

    private final Map<String, List<String>> conditions;
    private final Map<String, Set<String>> ports;
    private final Instant before;
    private final Instant since;

    private ContainerFilter(Map<String, List<String>> conditions, Map<String, Set<String>> ports, Instant before,
                            Instant since) {
        this.conditions = conditions;
        this.ports = ports;
        this.before = before;
        this.since = since;
    }

    public static ContainerFilter parse(Map<String, List<String>> filters, Created containers) throws IOException {
        Instant before = null;
        Instant since = null;
        Map<String, Set<String>> ports = new java.util.HashMap<>();
        for (var entry : filters.entrySet()) {
            String key = entry.getKey();
            switch (key) {
                case "id", "name", "label", "ancestor", "network", "volume", "isolation" -> { }
                case "publish", "expose" -> {
                    Set<String> wanted = new java.util.HashSet<>();
                    for (String value : entry.getValue()) {
                        wanted.addAll(ports(key, value));
                    }
                    ports.put(key, wanted);
                }
                case "health" -> {
                    for (String value : entry.getValue()) {
                        if (!HEALTH.contains(value)) {
                            throw new InvalidInputException("Unrecognised filter value for health: " + value);
                        }
                    }
                }
                case "is-task" -> {
                    List<String> values = entry.getValue();
                    if (values.size() != 1 || !values.getFirst().equals("true") && !values.getFirst().equals("false")) {
                        throw new InvalidInputException("Invalid filter 'is-task=[" + String.join(" ", values) + "]'"); // Go prints the values' slice
                    }
                }
                case "status" -> {
                    for (String status : entry.getValue()) {
                        if (!STATUSES.contains(status)) {
                            throw new InvalidInputException("invalid filter 'status=" + status + "'");
                        }
                    }
                }
                case "exited" -> {
                    for (String code : entry.getValue()) {
                        try {
                            Integer.parseInt(code);
                        } catch (NumberFormatException e) {
                            throw new InvalidInputException("invalid filter 'exited=" + code + "'");
                        }
                    }
                }
                case "before", "since" -> {
                    for (String reference : entry.getValue()) {
                        Instant created = containers.of(reference);
                        if (key.equals("before")) {
                            before = created;
                        } else {
                            since = created;
                        }
                    }
                }
                default -> throw new InvalidInputException("invalid filter '" + key + "'");
            }
            if (key.equals("name")) {
                for (String pattern : entry.getValue()) {
                    try {
                        Pattern.compile(pattern);
                    } catch (PatternSyntaxException e) {
                        throw new InvalidInputException("invalid filter 'name=" + pattern + "': " + e.getDescription());
                    }
                }
            }
        }
        return new ContainerFilter(filters, ports, before, since);
    }

    /** The ports a publish or expose value names: {@code 80}, {@code 80/udp}, {@code 8000-8010/tcp}. */
    private static Set<String> ports(String key, String value) {
        if (value.contains(":")) {
            throw new InvalidInputException("filter for '" + key + "' should not contain ':': " + value);
        }
        int slash = value.indexOf('/');
        String range = slash < 0 ? value : value.substring(0, slash);
        String protocol = slash < 0 ? "tcp" : value.substring(slash + 1).toLowerCase(java.util.Locale.ROOT);
        long start;
        long end;
        // nat.ParsePortRange's rules and words, as dockerd answers them
        try {
            if (range.isEmpty()) {
                throw new IllegalArgumentException("Empty string specified for ports.");
            }
            int dash = range.indexOf('-');
            start = Strconv.parseUint(dash < 0 ? range : range.substring(0, dash), 10, 16);
            end = dash < 0 ? start : Strconv.parseUint(range.substring(dash + 1).split("-", -1)[0], 10, 16);
            if (end < start) {
                throw new IllegalArgumentException("Invalid range specified for the Port: " + range);
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("error while looking up for " + key + " " + value + ": " + e.getMessage());
        }
        Set<String> out = new java.util.HashSet<>();
        for (long port = start; port <= end; port++) {
            out.add(port + "/" + protocol);
        }
        return out;
    }

    /** True when a stopped container could match: then every container must be looked at. */
    public boolean wantsStopped() {
        List<String> statuses = conditions.getOrDefault("status", List.of());
        return statuses.stream().anyMatch(s -> !s.equals("running")) || conditions.containsKey("exited")
                || before != null || since != null;
    }

    /**
     * @param image the image as {@code ps} shows it, for ancestor
     * @param facts what the volume, network, publish, expose and health conditions ask, read only if one is given
     */
    public boolean matches(ContainerRecord record, String image, Engine engine, FactsOf facts) throws IOException {
        Facts known = null;
        for (String key : FACT_KEYS) {
            if (!conditions.getOrDefault(key, List.of()).isEmpty()) {
                known = facts.of(record);
                break;
            }
        }
        for (var entry : conditions.entrySet()) {
            List<String> values = entry.getValue();
            if (values.isEmpty()) {
                continue;
            }
            boolean any = false;
            for (String value : values) {
                if (holds(entry.getKey(), value, record, image, engine, known)) {
                    any = true;
                    break;
                }
            }
            if (!any) {
                return false;
            }
        }
        Instant created = Timestamps.parse(record.created());
        if (before != null && !created.isBefore(before)) {
            return false;
        }
        return since == null || created.isAfter(since);
    }

    private boolean holds(String key, String value, ContainerRecord record, String image, Engine engine, Facts facts)
            throws IOException {
        return switch (key) {
            case "id" -> record.id().startsWith(value);
            case "name" -> Pattern.compile(value).matcher(record.name()).find()
                    || Pattern.compile(value).matcher(record.plainName()).find();
            case "label" -> {
                Map<String, String> labels = record.config().labels() == null ? Map.of() : record.config().labels();
                int eq = value.indexOf('=');
                yield eq < 0 ? labels.containsKey(value) : value.substring(eq + 1).equals(labels.get(value.substring(0, eq)));
            }
            case "status" -> record.state().status().word().equals(value);
            case "exited" -> !record.state().running() && record.state().everStarted()
                    && record.state().exitCode() == Integer.parseInt(value);
            case "ancestor" -> ancestor(value, record, image, engine);
            case "volume" -> facts.volumes().contains(value);
            case "network" -> facts.networks().containsKey(value)
                    || facts.networks().values().stream().anyMatch(id -> id.startsWith(value));
            case "publish" -> facts.published().stream().anyMatch(ports.get("publish")::contains);
            case "expose" -> facts.exposed().stream().anyMatch(ports.get("expose")::contains);
            case "health" -> facts.health().equals(value);
            case "is-task" -> value.equals("false");
            case "isolation" -> true; // Docker on Linux lets every container through, whatever the value
            default -> false;
        };
    }

    private static boolean ancestor(String value, ContainerRecord record, String image, Engine engine) throws IOException {
        if (value.equals(image) || value.equals(record.config().image())) {
            return true;
        }
        try {
            String wanted = engine.names().resolve(value).toString();
            // the container's image, or one of the images it was built on
            List<String> chain = new ArrayList<>();
            var current = dev.strata.digest.Digest.parse(record.image());
            while (current != null && chain.size() < 1000) {
                chain.add(current.toString());
                var next = engine.store().images().record(current).orElse(null);
                current = next == null ? null : next.parent();
            }
            return chain.contains(wanted);
        } catch (RuntimeException | IOException unknown) {
            return false;
        }
    }
}
