package dev.strata.event;

import dev.strata.json.JsonObject;
import dev.strata.json.JsonOut;
import dev.strata.json.JsonWritable;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One thing that happened in the store, as the Engine API's EventMessage has it: the {@code Type} of
 * object, the {@code Action}, the {@code Actor} (its ID and attributes), the {@code scope} and the time;
 * for container and image events also the legacy {@code status}, {@code id} and {@code from}. The
 * components are named as Go's fields, so {@code --format '{{.Actor.ID}}'} reads them; the JSON has
 * Docker's names and omits the empty, as its {@code omitempty} tags do.
 */
public record Event(String Status, String ID, String From, String Type, String Action, Actor Actor, String Scope,
                    long Time, long TimeNano) implements JsonWritable {
    /** What a template is checked against before any event comes: Docker executes it on an empty message. */
    public static final Event EMPTY = new Event("", "", "", "", "", new Actor("", Map.of()), "", 0, 0);

    /** The object the event is about; its attributes sorted by key, as Go's map prints and marshals them. */
    public record Actor(String ID, Map<String, String> Attributes) implements JsonWritable {
        public Actor {
            TreeMap<String, String> sorted = new TreeMap<>();
            // a null value (a field a hook lacked) is Docker's empty string
            for (Map.Entry<String, String> entry : Attributes.entrySet()) {
                sorted.put(entry.getKey(), entry.getValue() == null ? "" : entry.getValue());
            }
            Attributes = java.util.Collections.unmodifiableMap(sorted);
        }

        @Override
        public void writeJson(JsonOut out) {
            out.beginObject().name("ID").value(ID).name("Attributes").value((Object) Attributes).endObject();
        }
    }

    /**
     * An event of {@code type} ({@code container}, {@code image}, {@code volume}, {@code network}) at
     * {@code time}, with the legacy fields filled as Docker's daemon fills them.
     */
    public static Event of(String type, String action, String id, Map<String, String> attributes, Instant time) {
        boolean legacy = type.equals("container") || type.equals("image");
        String from = type.equals("container") ? attributes.getOrDefault("image", "") : "";
        long nanos = time.getEpochSecond() * 1_000_000_000L + time.getNano();
        return new Event(legacy ? action : "", legacy ? id : "", from, type, action, new Actor(id, attributes),
                "local", time.getEpochSecond(), nanos);
    }

    /** The event a line of the log holds. */
    public static Event read(JsonObject json) {
        JsonObject actor = json.object("Actor");
        Map<String, String> attributes = actor == null ? Map.of() : actor.stringMap("Attributes");
        return new Event(orEmpty(json.string("status")), orEmpty(json.string("id")), orEmpty(json.string("from")),
                orEmpty(json.string("Type")), orEmpty(json.string("Action")),
                new Actor(actor == null ? "" : orEmpty(actor.string("ID")), attributes == null ? Map.of() : attributes),
                orEmpty(json.string("scope")), json.longValue("time"), json.longValue("timeNano"));
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    /** When it happened. */
    public Instant instant() {
        return Instant.ofEpochSecond(Math.floorDiv(TimeNano, 1_000_000_000L), Math.floorMod(TimeNano, 1_000_000_000L));
    }

    /**
     * The docker CLI's line for the event when no {@code --format} is given: the time (RFC 3339 with
     * nine fraction digits, in {@code zone}), type, action, actor ID, and the attributes sorted by key.
     */
    public String line(java.time.ZoneId zone) {
        StringBuilder out = new StringBuilder();
        if (TimeNano != 0 || Time != 0) {
            Instant at = TimeNano != 0 ? instant() : Instant.ofEpochSecond(Time);
            out.append(Fixed.NANOS.format(at.atZone(zone))).append(' ');
        }
        out.append(Type).append(' ').append(Action).append(' ').append(Actor.ID());
        if (!Actor.Attributes().isEmpty()) {
            StringBuilder attributes = new StringBuilder();
            Actor.Attributes().forEach((key, value) ->
                    attributes.append(attributes.isEmpty() ? "" : ", ").append(key).append('=').append(value));
            out.append(" (").append(attributes).append(')');
        }
        return out.toString();
    }

    /**
     * Docker's RFC3339NanoFixed: always nine fraction digits, {@code Z} for UTC. In a holder of its own, so
     * that the commands which only record events never load the JDK's formatting classes.
     */
    private static final class Fixed {
        static final java.time.format.DateTimeFormatter NANOS =
                java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSSXXX");
    }

    @Override
    public void writeJson(JsonOut out) {
        out.beginObject();
        omitEmpty(out, "status", Status);
        omitEmpty(out, "id", ID);
        omitEmpty(out, "from", From);
        out.name("Type").value(Type).name("Action").value(Action).name("Actor").value(Actor);
        omitEmpty(out, "scope", Scope);
        if (Time != 0) {
            out.name("time").value(Time);
        }
        if (TimeNano != 0) {
            out.name("timeNano").value(TimeNano);
        }
        out.endObject();
    }

    private static void omitEmpty(JsonOut out, String name, String value) {
        if (value != null && !value.isEmpty()) {
            out.name(name).value(value);
        }
    }
}
