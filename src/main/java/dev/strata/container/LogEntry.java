package dev.strata.container;

import dev.strata.json.JsonObject;
import dev.strata.json.JsonOut;
import dev.strata.json.JsonWritable;

/**
 * One line of Docker's json-file log: {@code {"log":"text\n","stream":"stdout","time":"RFC3339Nano"}}.
 * {@code log} keeps the line's newline; a last line cut off without one is logged without it.
 */
public record LogEntry(String log, String stream, String time) implements JsonWritable {
    /** Where entries read from a log go, in the order they were written. */
    public interface Sink {
        void accept(LogEntry entry) throws java.io.IOException;

        /** Called after each read of the file, when what was written so far has been given. */
        default void flush() throws java.io.IOException {
        }
    }

    @Override
    public void writeJson(JsonOut out) {
        out.beginObject().field("log", log).field("stream", stream).field("time", time).endObject();
    }

    public static LogEntry fromJson(JsonObject o) {
        return new LogEntry(o.string("log"), o.string("stream"), o.string("time"));
    }
}
