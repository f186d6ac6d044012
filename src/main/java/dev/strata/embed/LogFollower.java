package dev.strata.embed;

import dev.strata.container.LogEntry;
import dev.strata.container.LogOptions;
import dev.strata.image.Timestamps;
import dev.strata.io.Waits;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A container's log read on a virtual thread of its own and handed over line by line, so a caller can
 * take lines as a {@link Stream} or wait for the next one with a deadline. With {@code follow}, lines
 * keep coming until the container stops; without, the log as it is now. Memory is bounded: the reader
 * waits while {@value #QUEUED} lines are not taken. Closing stops the reader.
 */
final class LogFollower implements AutoCloseable {
    private static final int QUEUED = 256;

    /** A line, or the end ({@code line} null, {@code failure} how the reader ended). */
    private record Item(LogLine line, Throwable failure) {
    }

    private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(QUEUED);
    private final Thread reader;
    private boolean ended;

    LogFollower(dev.strata.container.Containers containers, String id, boolean follow) {
        this.reader = Thread.ofVirtual().name("strata-logs-" + id.substring(0, Math.min(12, id.length()))).start(() -> {
            Throwable failure = null;
            try {
                containers.logs(id, new LogOptions(follow, -1, false), entry -> put(new Item(line(entry), null)));
            } catch (InterruptedIOException closed) {
                return;
            } catch (IOException | RuntimeException e) {
                failure = e;
            }
            try {
                queue.put(new Item(null, failure));
            } catch (InterruptedException closed) {
                // nobody reads any more
            }
        });
    }

    private void put(Item item) throws InterruptedIOException {
        try {
            queue.put(item);
        } catch (InterruptedException e) {
            throw new InterruptedIOException("log reader closed");
        }
    }

    private static LogLine line(LogEntry entry) {
        String text = entry.log();
        if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        LogLine.Source source = "stderr".equals(entry.stream()) ? LogLine.Source.STDERR : LogLine.Source.STDOUT;
        java.time.Instant time;
        try {
            time = Timestamps.parse(entry.time());
        } catch (RuntimeException unreadable) {
            time = null;
        }
        return new LogLine(time, source, text);
    }

    /**
     * The next line, or null at the end of the log (with {@code follow}: once the container has stopped),
     * waiting at most {@code timeoutNanos} for it (forever when negative).
     *
     * @throws java.util.concurrent.TimeoutException when no line comes in time
     */
    LogLine next(long timeoutNanos) throws IOException, java.util.concurrent.TimeoutException {
        if (ended) {
            return null;
        }
        Item item = Waits.get(() -> timeoutNanos < 0 ? queue.take() : queue.poll(timeoutNanos, TimeUnit.NANOSECONDS),
                "interrupted while reading a log");
        if (item == null) {
            throw new java.util.concurrent.TimeoutException("no log line came in time");
        }
        if (item.line() != null) {
            return item.line();
        }
        ended = true;
        switch (item.failure()) {
            case null -> { }
            case IOException e -> throw e;
            case RuntimeException e -> throw Errors.translate(e);
            default -> throw new IOException(item.failure());
        }
        return null;
    }

    /** The lines as a stream, which closes this when closed; an I/O failure is thrown unchecked. */
    Stream<LogLine> stream() {
        Spliterator<LogLine> lines = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, Spliterator.ORDERED
                | Spliterator.NONNULL) {
            @Override
            public boolean tryAdvance(Consumer<? super LogLine> action) {
                LogLine line;
                try {
                    line = next(-1);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                } catch (java.util.concurrent.TimeoutException impossible) {
                    throw new IllegalStateException(impossible);
                }
                if (line == null) {
                    return false;
                }
                action.accept(line);
                return true;
            }
        };
        return StreamSupport.stream(lines, false).onClose(this::close);
    }

    @Override
    public void close() {
        ended = true;
        reader.interrupt();
        queue.clear();
    }
}
