package dev.strata.registry.client.transport;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Optional;

/**
 * A registry's answer: status, headers and the body as a stream, read while it arrives. Close it
 * (or read the body to its end) to give the connection back.
 *
 * @param request the request answered, after any redirects
 */
public record Response(Request request, int status, HttpHeaders headers, InputStream body) implements Closeable {
    public URI uri() {
        return request.uri();
    }

    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    public List<String> headers(String name) {
        return headers.allValues(name);
    }

    /** The length the response declares, or -1. */
    public long contentLength() {
        return headers.firstValueAsLong("Content-Length").orElse(-1);
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /** The whole body, refused when longer than {@code limit} bytes (a manifest, an error document). */
    public byte[] readBody(int limit, String what) throws IOException {
        try (InputStream in = body) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[16384];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (out.size() + n > limit) {
                    throw new IOException(what + " from " + uri() + " is larger than " + limit + " bytes; refused");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }

    /** The body up to {@code limit} bytes, the rest dropped: for error messages. */
    public byte[] readSome(int limit) {
        try (InputStream in = body) {
            return in.readNBytes(limit);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException e) {
            // nothing to do: the connection is dropped either way
        }
    }
}
