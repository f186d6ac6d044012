package dev.strata.io;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes every byte to two streams, in order: bytes kept (a blob spooled) while they also go somewhere
 * else (up to a registry) in the same pass. Flush flushes both; closing it closes neither, as each has
 * an owner of its own.
 */
public final class TeeOutputStream extends BlockOutputStream {
    private final OutputStream first;
    private final OutputStream second;

    public TeeOutputStream(OutputStream first, OutputStream second) {
        this.first = first;
        this.second = second;
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
        first.write(buffer, offset, length);
        second.write(buffer, offset, length);
    }

    @Override
    public void flush() throws IOException {
        first.flush();
        second.flush();
    }
}
