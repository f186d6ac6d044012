package dev.strata.io;

import java.io.IOException;
import java.io.OutputStream;

/**
 * An output stream whose writing is all in {@link #write(byte[], int, int)}: a single byte is written as
 * a block of one, so a subclass states its logic (buffering, splitting lines, compressing) in one place.
 */
public abstract class BlockOutputStream extends OutputStream {
    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public abstract void write(byte[] buffer, int offset, int length) throws IOException;
}
