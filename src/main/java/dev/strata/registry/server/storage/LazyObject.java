package dev.strata.registry.server.storage;

import java.io.IOException;
import java.io.InputStream;

/** An object opened only when the reader reaches it, so a concatenation of many holds one open at a time. */
final class LazyObject extends InputStream {
    private final ObjectStore store;
    private final String key;
    private InputStream in;

    LazyObject(ObjectStore store, String key) {
        this.store = store;
        this.key = key;
    }

    private InputStream in() throws IOException {
        if (in == null) {
            in = store.read(key, 0).data();
        }
        return in;
    }

    @Override
    public int read() throws IOException {
        return in().read();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        return in().read(buffer, offset, length);
    }

    @Override
    public void close() throws IOException {
        if (in != null) {
            in.close();
        }
    }
}
