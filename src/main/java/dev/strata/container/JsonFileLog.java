package dev.strata.container;

import dev.strata.image.Timestamps;
import dev.strata.io.BlockOutputStream;
import dev.strata.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Writes a container's output in Docker's json-file format: a line of JSON for each line of output,
 * stamped with the time it was read. Docker splits lines longer than 16 KiB; so do we. Each stream gets
 * its own {@link #stream} so lines of stdout and stderr never mix, and each entry goes to the file with
 * one write, so entries never interleave.
 */
public final class JsonFileLog implements Closeable {
    /** Docker's buffer size for a log line; longer lines are logged in pieces. */
    static final int MAX_LINE = 16 * 1024;

    private final OutputStream file;

    private JsonFileLog(OutputStream file) {
        this.file = file;
    }

    /** Appends to the log at {@code path}, creating it (mode 0640 as Docker's) if needed. */
    public static JsonFileLog open(Path path) throws IOException {
        if (!Files.exists(path)) {
            Files.createFile(path, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----")));
        }
        return new JsonFileLog(Files.newOutputStream(path, StandardOpenOption.APPEND, StandardOpenOption.WRITE));
    }

    /** A log that writes nowhere. */
    public static JsonFileLog discard() {
        return new JsonFileLog(OutputStream.nullOutputStream());
    }

    synchronized void write(String stream, byte[] bytes, int offset, int length, Instant time) throws IOException {
        // Go's encoder replaces invalid UTF-8 with U+FFFD, as Java's decoder does
        String text = new String(bytes, offset, length, StandardCharsets.UTF_8);
        byte[] line = Json.write(new LogEntry(text, stream, Timestamps.format(time)));
        byte[] withNewline = new byte[line.length + 1];
        System.arraycopy(line, 0, withNewline, 0, line.length);
        withNewline[line.length] = '\n';
        file.write(withNewline);
        file.flush();
    }

    /** A stream that logs what is written to it as {@code name} ("stdout" or "stderr"), a line at a time. */
    public OutputStream stream(String name) {
        return new LineStream(name);
    }

    @Override
    public synchronized void close() throws IOException {
        file.close();
    }

    private final class LineStream extends BlockOutputStream {
        private final String name;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        LineStream(String name) {
            this.name = name;
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
            int start = offset;
            int end = offset + length;
            for (int i = offset; i < end; i++) {
                if (bytes[i] == '\n') {
                    pending.write(bytes, start, i + 1 - start);
                    emit();
                    start = i + 1;
                } else if (pending.size() + (i + 1 - start) >= MAX_LINE) {
                    pending.write(bytes, start, i + 1 - start);
                    emit();
                    start = i + 1;
                }
            }
            pending.write(bytes, start, end - start);
        }

        private void emit() throws IOException {
            byte[] line = pending.toByteArray();
            pending.reset();
            JsonFileLog.this.write(name, line, 0, line.length, Instant.now());
        }

        /** Logs a last line that ended without a newline. */
        @Override
        public synchronized void close() throws IOException {
            if (pending.size() > 0) {
                emit();
            }
        }
    }
}
