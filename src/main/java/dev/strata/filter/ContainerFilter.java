package dev.strata.filter;

import dev.strata.container.ContainerRecord;
import dev.strata.engine.Engine;
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
 * code), ancestor (an image by name or ID, or one built on it), before and since (other containers).
 * Conditions on different keys must all hold; several values for one key are alternatives.
 */
public final class ContainerFilter {
    private static final Set<String> STATUSES = Set.of("created", "restarting", "running", "removing", "paused",
            "exited", "dead");

    /** When the container a name or ID refers to was created, for before and since. */
    @FunctionalInterface
    public interface Created {
        Instant of(String reference) throws IOException;
    }

    private final Map<String, List<String>> conditions;
    private final Instant before;
    private final Instant since;

    private ContainerFilter(Map<String, List<String>> conditions, Instant before, Instant since) {
        this.conditions = conditions;
        this.before = before;
        this.since = since;
    }

    public static ContainerFilter parse(Map<String, List<String>> filters, Created containers) throws IOException {
        Instant before = null;
        Instant since = null;
        for (var entry : filters.entrySet()) {
            String key = entry.getKey();
            switch (key) {
                case "id", "name", "label", "ancestor", "network", "volume", "health", "publish", "expose",
                     "is-task" -> { }
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
        return new ContainerFilter(filters, before, since);
    }

    /** True when a stopped container could match: then every container must be looked at. */
    public boolean wantsStopped() {
        List<String> statuses = conditions.getOrDefault("status", List.of());
        return statuses.stream().anyMatch(s -> !s.equals("running")) || conditions.containsKey("exited")
                || before != null || since != null;
    }

    /** @param image the image as {@code ps} shows it, for ancestor */
    public boolean matches(ContainerRecord record, String image, Engine engine) throws IOException {
        for (var entry : conditions.entrySet()) {
            List<String> values = entry.getValue();
            if (values.isEmpty()) {
                continue;
            }
            boolean any = false;
            for (String value : values) {
                if (holds(entry.getKey(), value, record, image, engine)) {
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

    private static boolean holds(String key, String value, ContainerRecord record, String image, Engine engine)
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
            case "network" -> value.equals(record.hostConfig().hostNetwork() ? "host" : "none");
            default -> false; // volumes, health, ports: Strata's containers have none of them yet
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
