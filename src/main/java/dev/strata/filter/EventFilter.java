package dev.strata.filter;

import dev.strata.event.Event;
import dev.strata.reference.Reference;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The filters of {@code events} and {@code GET /events} as Docker's daemon applies them (its
 * daemon/events Filter): {@code type}, {@code event}, {@code scope} and {@code image} match exactly;
 * {@code container}, {@code volume}, {@code network} and {@code daemon} match the actor's ID or its
 * {@code name} attribute, or any prefix of them; {@code label} ({@code KEY} or {@code KEY=VALUE}) looks
 * at the attributes. Several values of one key are alternatives, except labels, which must all match;
 * different keys must all hold. {@code image} also takes a container's image or an image's name
 * without its tag. As Docker 20.10's daemon, a key it does not know filters nothing out.
 */
public final class EventFilter implements Predicate<Event> {
    /** The event names that also match the actions they begin ({@code exec_start: sh}), as Docker's #25798. */
    private static final Set<String> PREFIX_EVENTS = Set.of("health_status", "exec_create", "exec_start");

    private final Map<String, Set<String>> fields;

    private EventFilter(Map<String, Set<String>> fields) {
        this.fields = fields;
    }

    /** From {@code NAME=VALUE} conditions (the CLI's flags, already checked for their {@code =}). */
    public static EventFilter of(List<String> filters) {
        Map<String, Set<String>> fields = new LinkedHashMap<>();
        for (String filter : filters) {
            int eq = filter.indexOf('=');
            String key = eq < 0 ? filter : filter.substring(0, eq);
            fields.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(eq < 0 ? "" : filter.substring(eq + 1));
        }
        return new EventFilter(fields);
    }

    /** From the Engine API's {@code filters}: each name with its values. */
    public static EventFilter of(Map<String, List<String>> filters) {
        Map<String, Set<String>> fields = new LinkedHashMap<>();
        filters.forEach((key, values) -> {
            if (!values.isEmpty()) {
                fields.put(key, new LinkedHashSet<>(values));
            }
        });
        return new EventFilter(fields);
    }

    @Override
    public boolean test(Event event) {
        Map<String, String> attributes = event.Actor().Attributes();
        String id = event.Actor().ID();
        String name = attributes.get("name");
        return matchesEvent(event.Action())
                && exact("type", event.Type())
                && exact("scope", event.Scope())
                && fuzzy("daemon", id, name)
                && fuzzy("container", id, name)
                && fuzzy("plugin", id, name)
                && fuzzy("volume", id, name)
                && fuzzy("network", id, name)
                && image(event)
                && labels(attributes);
    }

    private boolean matchesEvent(String action) {
        Set<String> values = fields.get("event");
        if (values == null) {
            return true;
        }
        if (values.stream().anyMatch(PREFIX_EVENTS::contains)) {
            return values.contains(action) || values.stream().anyMatch(action::startsWith);
        }
        return values.contains(action);
    }

    private boolean exact(String key, String... sources) {
        Set<String> values = fields.get(key);
        if (values == null) {
            return true;
        }
        for (String source : sources) {
            if (source != null && values.contains(source)) {
                return true;
            }
        }
        return false;
    }

    /** Docker's FuzzyMatch: the value itself, or any value that begins it. */
    private boolean fuzzy(String key, String... sources) {
        Set<String> values = fields.get(key);
        if (values == null) {
            return true;
        }
        for (String source : sources) {
            String s = source == null ? "" : source;
            if (values.contains(s) || values.stream().anyMatch(s::startsWith)) {
                return true;
            }
        }
        return false;
    }

    private boolean image(Event event) {
        if (!fields.containsKey("image")) {
            return true;
        }
        String id = event.Actor().ID();
        String imageName = event.Actor().Attributes().get(event.Type().equals("image") ? "name" : "image");
        return exact("image", id, imageName, withoutTag(id), imageName == null ? null : withoutTag(imageName));
    }

    /** The familiar name without tag or digest; the text itself when it is no reference. */
    private static String withoutTag(String image) {
        try {
            return Reference.parse(image).familiarName();
        } catch (RuntimeException notAReference) {
            return image;
        }
    }

    /** Docker's MatchKVList: every label condition holds. */
    private boolean labels(Map<String, String> attributes) {
        Set<String> values = fields.get("label");
        if (values == null) {
            return true;
        }
        if (attributes.isEmpty()) {
            return false;
        }
        for (String value : values) {
            int eq = value.indexOf('=');
            String key = eq < 0 ? value : value.substring(0, eq);
            String have = attributes.get(key);
            if (have == null || (eq >= 0 && !value.substring(eq + 1).equals(have))) {
                return false;
            }
        }
        return true;
    }
}
