package dev.strata.registry.client.transport;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * What a request sends: its length, known before sending (so the request carries Content-Length
 * rather than chunked encoding, which some registries refuse), and its bytes, which may be opened
 * again to send them again after a failure.
 */
public interface Body {
    long length();

    /** The bytes from the start; each call opens them anew. */
    InputStream open() throws IOException;

    static Body of(byte[] bytes) {
        return new Bytes(bytes);
    }

    /** A body held in memory (manifests, small chunks). */
    record Bytes(byte[] bytes) implements Body {
        @Override
        public long length() {
            return bytes.length;
        }

        @Override
        public InputStream open() {
            return new ByteArrayInputStream(bytes);
        }
    }
}
