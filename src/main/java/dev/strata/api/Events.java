package dev.strata.api;

import dev.strata.error.InvalidInputException;
import dev.strata.event.Event;
import dev.strata.event.EventStream;
import dev.strata.event.EventTime;
import dev.strata.filter.EventFilter;
import dev.strata.json.JsonWriter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Instant;

/**
 * {@code GET /events}: the store's event log ({@link dev.strata.event.EventLog}), which the engine
 * writes whoever drove it (this daemon, a {@code strata} command, a container's monitor), as Docker's
 * event objects, one JSON object per line: the recorded events between {@code since} and {@code until},
 * then the new ones until {@code until} (or until the client goes).
 */
final class Events implements Router.Group {
    private final Daemon daemon;

    Events(Daemon daemon) {
        this.daemon = daemon;
    }

    @Override
    public void addTo(Router router) {
        router.stream("GET", "/events", this::stream);
    }

    private void stream(Call call) throws IOException {
        String sinceText = call.query("since");
        String untilText = call.query("until");
        Instant since = time(sinceText);
        Instant until = time(untilText);
        if (until != null && since != null && until.isBefore(since)) {
            throw new InvalidInputException("`since` time (" + sinceText + ") cannot be after `until` time ("
                    + untilText + ")");
        }
        EventFilter filter = EventFilter.of(call.filters());
        Thread me = Thread.currentThread();
        call.exchange().onDisconnect(me::interrupt);
        try (OutputStream out = call.stream(200, "application/json")) {
            out.flush();
            EventStream.run(daemon.engine().events(), since, until, filter, event -> write(out, event));
        } catch (InterruptedIOException clientGone) {
            // the client closed the stream: Docker's events end there
        }
    }

    private static void write(OutputStream out, Event event) throws IOException {
        // Go's json.Encoder, HTML escaped; the object and its newline in one write, so in one chunk: docker-py
        // splits the stream by chunks and fails on a chunk holding only the newline
        JsonWriter json = JsonWriter.go(true);
        json.value(event);
        byte[] text = json.bytes();
        byte[] line = java.util.Arrays.copyOf(text, text.length + 1);
        line[text.length] = '\n';
        out.write(line);
        out.flush();
    }

    /** The daemon's reading of {@code since}/{@code until}: seconds since the epoch, with a fraction. */
    private static Instant time(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return EventTime.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }
}
