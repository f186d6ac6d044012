package dev.strata.api.stream;

import dev.strata.digest.Digest;
import dev.strata.image.TransferProgress;
import dev.strata.json.Json;
import dev.strata.remote.ProgressBar;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Docker's JSON message stream, the body of pull, push, load, import and build: one JSON object a line,
 * each flushed at once. The stream is opened by the first message, so a failure before it can still be
 * answered with a status; after it, {@link #error} ends the stream the way the docker client reads a
 * failure ({@code errorDetail}). As the progress of a pull or push, a layer's statuses carry its short
 * ID and, while bytes move, {@code progressDetail} and the bar. A write to a client that has gone is
 * thrown (unchecked), which ends the transfer: a pull or push nobody waits for stops, as dockerd's does.
 */
public final class JsonMessages implements TransferProgress, AutoCloseable {
    /** Opens the response body when the first message is written. */
    @FunctionalInterface
    public interface Opener {
        OutputStream open() throws IOException;
    }

    private final Opener opener;
    private OutputStream out;

    public JsonMessages(Opener opener) {
        this.opener = opener;
    }

    /** True once a message has gone out: a failure is then an {@link #error} message, not a status. */
    public synchronized boolean started() {
        return out != null;
    }

    /** {@code {"status": TEXT}}. */
    public void status(String text) {
        write(Map.of("status", text));
    }

    /** {@code {"status": TEXT, "id": ID}}: a line the client keeps per ID. */
    public void status(String id, String text) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("status", text);
        message.put("id", id);
        write(message);
    }

    /** {@code {"stream": TEXT}}: output shown as it is (load, build). */
    public void stream(String text) {
        write(Map.of("stream", text));
    }

    /** {@code {"progressDetail": {}, "aux": VALUE}}: a result for the client to read, not to show. */
    public void aux(Object value) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("progressDetail", Map.of());
        message.put("aux", value);
        write(message);
    }

    /** The failure that ends the stream, as the docker client shows it (and exits 1). */
    public void error(String text) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("errorDetail", Map.of("message", text));
        message.put("error", text);
        write(message);
    }

    @Override
    public void status(Digest layer, String status) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("status", status);
        message.put("progressDetail", Map.of());
        message.put("id", shortId(layer));
        write(message);
    }

    @Override
    public void bytes(Digest layer, String status, long current, long total) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("current", current);
        if (total > 0) {
            detail.put("total", total);
        }
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("status", status);
        message.put("progressDetail", detail);
        message.put("progress", ProgressBar.render(current, total));
        message.put("id", shortId(layer));
        write(message);
    }

    private static String shortId(Digest layer) {
        return layer.encoded().substring(0, 12);
    }

    private synchronized void write(Map<String, ?> message) {
        try {
            if (out == null) {
                out = opener.open();
            }
            out.write((Json.writeString(message) + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends the response; one that never began is left for the caller to answer. */
    @Override
    public synchronized void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }
}
