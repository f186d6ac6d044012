package dev.strata.event;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * {@code EventAppender DIR MAX_BYTES WRITER COUNT}: appends COUNT events to the log in DIR, each naming
 * its writer and number, with a long attribute so that lines are big enough to interleave if the
 * appends were not whole. A process of its own in {@link EventLogTest}.
 */
public final class EventAppender {
    private EventAppender() {
    }

    public static void main(String[] args) throws Exception {
        EventLog log = EventLog.inDirectory(Path.of(args[0]), Long.parseLong(args[1]));
        String writer = args[2];
        int count = Integer.parseInt(args[3]);
        String padding = "x".repeat(3000);
        for (int i = 0; i < count; i++) {
            log.append(Event.of("container", "create", writer + "-" + i,
                    Map.of("name", writer, "n", Integer.toString(i), "padding", padding), Instant.now()));
        }
    }
}
