package dev.strata.io;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Hands what is written to it to {@code lines} a line at a time, each with its newline, as UTF-8 text;
 * {@link #flush} hands over a line begun but not ended, so output that ends without a newline is not
 * lost. For output that goes somewhere by lines: a JSON message per line, a log record per line.
 */
public final class LineOutputStream extends BlockOutputStream {
    private final Consumer<String> lines;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    public LineOutputStream(Consumer<String> lines) {
        this.lines = lines;
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        int start = offset;
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] == '\n') {
                line.write(bytes, start, i + 1 - start);
                start = i + 1;
                send();
            }
        }
        line.write(bytes, start, offset + length - start);
    }

    @Override
    public synchronized void flush() {
        send();
    }

    @Override
    public void close() {
        flush();
    }

    private void send() {
        if (line.size() > 0) {
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            lines.accept(text);
        }
    }
}
