package dev.strata.container;

import dev.strata.json.JsonObject;
import dev.strata.json.JsonOut;
import dev.strata.json.JsonWritable;

/**
 * One line of Docker's json-file log: {@code {"log":"text\n","stream":"stdout","time":"RFC3339Nano"}}.
 * {@code log} keeps the line's newline; a last line cut off without one is logged without it.
 * {@code attrs} are what Docker's {@code --log-opt labels=/env=} add to each line (Strata writes none;
 * a log dockerd wrote has them), shown by {@code logs --details}.
 */
public record LogEntry(String log, String stream, java.util.Map<String, String> attrs, String time)
        implements JsonWritable {
    public LogEntry {
        java.util.Map<String, String> given = new java.util.TreeMap<>();
        if (attrs != null) {
            attrs.forEach((k, v) -> {
                if (k != null && v != null) {
                    given.put(k, v);
                }
            });
        }
        attrs = java.util.Collections.unmodifiableMap(given);
    }

    public LogEntry(String log, String stream, String time) {
        this(log, stream, null, time);
    }

    /** Where entries read from a log go, in the order they were written. */
    public interface Sink {
        void accept(LogEntry entry) throws java.io.IOException;

        /** Called after each read of the file, when what was written so far has been given. */
        default void flush() throws java.io.IOException {
        }
    }

    @Override
    public void writeJson(JsonOut out) {
        out.beginObject().field("log", log).field("stream", stream).fieldOmitEmpty("attrs", attrs)
                .field("time", time).endObject();
    }

    public static LogEntry fromJson(JsonObject o) {
        return new LogEntry(o.string("log"), o.string("stream"), o.stringMap("attrs"), o.string("time"));
    }
}
