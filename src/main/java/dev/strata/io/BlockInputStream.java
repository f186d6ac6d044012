package dev.strata.io;

import java.io.IOException;
import java.io.InputStream;

/**
 * An input stream whose reading is all in {@link #read(byte[], int, int)}: a single byte is read as a
 * block of one, so a subclass states its logic (a limit, a count, a source) in one place.
 */
public abstract class BlockInputStream extends InputStream {
    @Override
    public int read() throws IOException {
        return readOne(this);
    }

    @Override
    public abstract int read(byte[] buffer, int offset, int length) throws IOException;

    /** One byte of {@code in}, read through its {@code read(byte[], int, int)}; -1 at the end. */
    public static int readOne(InputStream in) throws IOException {
        byte[] one = new byte[1];
        return in.read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }
}
