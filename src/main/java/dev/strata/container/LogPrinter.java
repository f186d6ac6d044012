package dev.strata.container;

import dev.strata.image.Timestamps;
import dev.strata.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

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

    static void print(Path log, LogOptions options, OutputStream out, OutputStream err, Running running)
            throws IOException {
        long offset = 0;
        byte[] all;
        try {
            all = Files.readAllBytes(log);
        } catch (NoSuchFileException e) {
            all = new byte[0];
        }
        int complete = lastNewline(all) + 1;
        List<byte[]> lines = splitLines(all, complete);
        if (options.tail() >= 0 && lines.size() > options.tail()) {
            lines = lines.subList(lines.size() - options.tail(), lines.size());
        }
        for (byte[] line : lines) {
            emit(line, options, out, err);
        }
        out.flush();
        err.flush();
        offset = complete;
        if (!options.follow()) {
            return;
        }
        while (true) {
            boolean wasRunning = running.stillRunning();
            byte[] more = readFrom(log, offset);
            int end = lastNewline(more) + 1;
            if (end > 0) {
                for (byte[] line : splitLines(more, end)) {
                    emit(line, options, out, err);
                }
                out.flush();
                err.flush();
                offset += end;
            }
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

    static String fixedTime(String rfc3339) {
        try {
            return FIXED.format(Timestamps.parse(rfc3339));
        } catch (RuntimeException e) {
            return rfc3339;
        }
    }

    private static void emit(byte[] line, LogOptions options, OutputStream out, OutputStream err) throws IOException {
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
        OutputStream target = "stderr".equals(entry.stream()) ? err : out;
        if (options.timestamps()) {
            target.write((fixedTime(entry.time()) + " ").getBytes(StandardCharsets.UTF_8));
        }
        target.write(entry.log().getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] readFrom(Path log, long offset) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long length = file.length();
            if (length <= offset) {
                return new byte[0];
            }
            byte[] bytes = new byte[(int) Math.min(Integer.MAX_VALUE - 8, length - offset)];
            file.seek(offset);
            file.readFully(bytes);
            return bytes;
        } catch (java.io.FileNotFoundException e) {
            return new byte[0];
        }
    }

    private static int lastNewline(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static List<byte[]> splitLines(byte[] bytes, int end) {
        Deque<byte[]> out = new ArrayDeque<>();
        int start = 0;
        for (int i = 0; i < end; i++) {
            if (bytes[i] == '\n') {
                if (i > start) {
                    out.add(java.util.Arrays.copyOfRange(bytes, start, i));
                }
                start = i + 1;
            }
        }
        return new ArrayList<>(out);
    }
}
