package dev.strata.registry.server;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One line per request, in the combined log format with the time taken appended, written to the
 * server's standard error in batches (a flush every 200 ms or 64 KiB, so logging costs no write per
 * request under load).
 */
final class AccessLog implements AutoCloseable {
    private final OutputStream out;
    private final StringBuilder pending = new StringBuilder();
    private final Thread flusher;
    private volatile boolean closed;

    AccessLog(OutputStream out) {
        this.out = out;
        this.flusher = Thread.ofPlatform().daemon().name("registry-access-log").start(() -> {
            while (!closed) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    break;
                }
                flush();
            }
        });
    }

    void log(Exchange x, long nanos) {
        String line = x.remoteAddress() + " - " + x.user + " [" + Instant.now() + "] \"" + x.method() + " " + x.target()
                + "\" " + x.status() + " " + x.bytesOut() + " \"" + x.userAgent().replace('"', '\'') + "\" "
                + String.format("%.3f", nanos / 1e9) + "s\n";
        boolean full;
        synchronized (pending) {
            pending.append(line);
            full = pending.length() > 64 * 1024;
        }
        if (full) {
            flush();
        }
    }

    void flush() {
        String text;
        synchronized (pending) {
            if (pending.isEmpty()) {
                return;
            }
            text = pending.toString();
            pending.setLength(0);
        }
        try {
            synchronized (out) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException e) {
            // a closed log is no reason to fail requests
        }
    }

    @Override
    public void close() {
        closed = true;
        flusher.interrupt();
        flush();
    }
}
