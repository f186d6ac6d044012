package dev.strata.event;

import dev.strata.io.Waits;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * What {@code docker events} is sent, as Docker's daemon decides it: with {@code since} or
 * {@code until}, the recorded events from {@code since} (inclusive) to {@code until} (inclusive) first;
 * then, unless {@code until} was already past when asked, the new events as they are recorded, until
 * {@code until} comes (or forever without it). The new events are found by looking at the log every
 * {@link #POLL_MILLIS} ms: events come from other processes, which cannot signal this one, and a
 * {@code WatchService} (inotify) would cost a thread and the same read per change; a look at the size of
 * an unchanged file is a single {@code read(2)} returning 0.
 */
public final class EventStream {
    public static final long POLL_MILLIS = 100;

    /** Where the events go; a failure (the client went away) ends the stream. */
    @FunctionalInterface
    public interface Sink {
        void accept(Event event) throws IOException;
    }

    private EventStream() {
    }

    /**
     * Sends the events {@code filter} takes to {@code sink}; returns when {@code until} has come, or
     * throws {@link InterruptedIOException} when the thread is interrupted.
     */
    public static void run(EventLog log, Instant since, Instant until, Predicate<Event> filter, Sink sink)
            throws IOException {
        Instant now = Instant.now();
        try (EventLog.Reader reader = log.reader()) {
            if (since == null && until == null) {
                reader.skipPast(); // only what comes from now on, as dockerd sends without since or until
            } else {
                for (Event event : reader.past()) {
                    Instant at = event.instant();
                    if ((since == null || !at.isBefore(since)) && (until == null || !at.isAfter(until))
                            && filter.test(event)) {
                        sink.accept(event);
                    }
                }
            }
            if (until != null && until.isBefore(now)) {
                return;
            }
            while (until == null || Instant.now().isBefore(until)) {
                for (Event event : reader.poll()) {
                    if (filter.test(event)) {
                        sink.accept(event);
                    }
                }
                long wait = until == null ? POLL_MILLIS
                        : Math.max(1, Math.min(POLL_MILLIS, Duration.between(Instant.now(), until).toMillis()));
                Waits.run(() -> Thread.sleep(wait), "interrupted while following the events");
            }
            // the events of the last moments before until, recorded since the last look
            for (Event event : reader.poll()) {
                if (!event.instant().isAfter(until) && filter.test(event)) {
                    sink.accept(event);
                }
            }
        }
    }
}
