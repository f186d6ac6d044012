package dev.strata.container;

import dev.strata.image.Timestamps;
import dev.strata.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Prints a json-file log as {@code docker logs} does: each entry's text to stdout or stderr as it was
 * written, optionally after its time ({@code -t}, with all nine fraction digits as Docker prints them),
 * the last N entries only ({@code --tail}), and, with {@code -f}, what arrives until the container stops.
 */
final class LogPrinter {
    private static final DateTimeFormatter FIXED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.nnnnnnnnn'Z'")
            .withZone(ZoneOffset.UTC);
    private static final long FOLLOW_POLL_MILLIS = 50;

    interface Running {
        boolean stillRunning() throws IOException;
    }

    private LogPrinter() {
    }

    /**
     * Streams the log: never the whole file in memory, however long a container has been writing. With
     * a tail, only the end of the file is read to find where the last lines start.
     */
    static void print(Path log, LogOptions options, OutputStream out, OutputStream err, Running running)
            throws IOException {
        read(log, options, new LogEntry.Sink() {
            @Override
            public void accept(LogEntry entry) throws IOException {
                write(entry, options, out, err);
            }

            @Override
            public void flush() throws IOException {
                out.flush();
                err.flush();
            }
        }, running);
    }

    /** The log's entries, as {@link #print} prints them, to {@code sink}; flushed after each read of the file. */
    static void read(Path log, LogOptions options, LogEntry.Sink all, Running running) throws IOException {
        LogEntry.Sink sink = new LogEntry.Sink() {
            @Override
            public void accept(LogEntry entry) throws IOException {
                if (options.covers(entry.time())) {
                    all.accept(entry);
                }
            }

            @Override
            public void flush() throws IOException {
                all.flush();
            }
        };
        long offset = options.tail() >= 0 ? startOfLastLines(log, options.tail()) : 0;
        offset = emitFrom(log, offset, sink);
        sink.flush();
        if (!options.follow()) {
            return;
        }
        while (true) {
            boolean wasRunning = running.stillRunning();
            offset = emitFrom(log, offset, sink);
            sink.flush();
            if (!wasRunning) {
                // read once more after seeing it stopped: the monitor flushes its last lines before recording the exit
                return;
            }
            try {
                Thread.sleep(FOLLOW_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Emits every complete line from {@code offset} on and returns where the first incomplete one (a
     * line the container is still writing) starts, which is where the next read begins.
     */
    private static long emitFrom(Path log, long offset, LogEntry.Sink sink) throws IOException {
        try (InputStream in = Files.newInputStream(log)) {
            in.skipNBytes(offset);
            byte[] chunk = new byte[1 << 16];
            java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
            int n;
            while ((n = in.read(chunk)) > 0) {
                int start = 0;
                for (int i = 0; i < n; i++) {
                    if (chunk[i] == '\n') {
                        line.write(chunk, start, i - start);
                        if (line.size() > 0) {
                            emit(line.toByteArray(), sink);
                        }
                        offset += line.size() + 1;
                        line.reset();
                        start = i + 1;
                    }
                }
                line.write(chunk, start, n - start);
            }
            return offset;
        } catch (NoSuchFileException | java.io.EOFException e) {
            return offset; // not written yet, or cut shorter than what was read before
        }
    }

    /**
     * Where the last {@code count} non-empty complete lines begin: read backwards from the end in chunks.
     * An incomplete last line is not one of them (it is printed once its newline comes).
     */
    static long startOfLastLines(Path log, long count) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long position = file.length();
            byte[] chunk = new byte[1 << 16];
            long lineEnd = -1; // the newline ending the line being counted backwards
            long found = 0;
            long lastComplete = -1;
            while (position > 0) {
                int n = (int) Math.min(chunk.length, position);
                position -= n;
                file.seek(position);
                file.readFully(chunk, 0, n);
                for (int i = n - 1; i >= 0; i--) {
                    if (chunk[i] != '\n') {
                        continue;
                    }
                    long at = position + i;
                    if (lastComplete < 0) {
                        lastComplete = at;
                        if (count == 0) {
                            return at + 1;
                        }
                    } else if (at < lineEnd - 1 && ++found == count) {
                        return at + 1; // the line after this newline is the first to print
                    }
                    lineEnd = at;
                }
            }
            return 0; // fewer lines than asked for (or none complete): from the start
        } catch (java.io.FileNotFoundException e) {
            return 0;
        }
    }

    static String fixedTime(String rfc3339) {
        try {
            return FIXED.format(Timestamps.parse(rfc3339));
        } catch (RuntimeException e) {
            return rfc3339;
        }
    }

    private static void emit(byte[] line, LogEntry.Sink sink) throws IOException {
        LogEntry entry;
        try {
            var object = Json.object(line);
            entry = object == null ? null : LogEntry.fromJson(object);
        } catch (RuntimeException damaged) {
            return;
        }
        if (entry == null || entry.log() == null) {
            return;
        }
        sink.accept(entry);
    }

    /**
     * Docker's {@code --details}: the entry's attributes sorted by key, each {@code key=value} escaped as
     * Go's {@code url.QueryEscape} escapes, joined by commas; nothing for an entry without any.
     */
    static String details(java.util.Map<String, String> attrs) {
        StringBuilder out = new StringBuilder();
        for (java.util.Map.Entry<String, String> attr : new java.util.TreeMap<>(attrs).entrySet()) {
            if (!out.isEmpty()) {
                out.append(',');
            }
            out.append(queryEscape(attr.getKey())).append('=').append(queryEscape(attr.getValue()));
        }
        return out.toString();
    }

    /** Go's url.QueryEscape: the JDK's form encoding but for the two characters the two treat apart. */
    private static String queryEscape(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8).replace("*", "%2A").replace("%7E", "~");
    }

    private static void write(LogEntry entry, LogOptions options, OutputStream out, OutputStream err) throws IOException {
        OutputStream target = "stderr".equals(entry.stream()) ? err : out;
        if (options.timestamps()) {
            target.write((fixedTime(entry.time()) + " ").getBytes(StandardCharsets.UTF_8));
        }
        if (options.details()) {
            target.write((details(entry.attrs()) + " ").getBytes(StandardCharsets.UTF_8));
        }
        target.write(entry.log().getBytes(StandardCharsets.UTF_8));
    }
}
