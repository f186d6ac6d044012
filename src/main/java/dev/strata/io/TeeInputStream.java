package dev.strata.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Copies what is read into a second stream, so bytes are kept (a blob stored) while something else reads
 * them (a layer decompressed and unpacked) in the same pass. Skipped bytes are read and copied too.
 * Closing it closes the source, not the copy.
 */
public final class TeeInputStream extends PassThroughInputStream {
    private final OutputStream copy;

    public TeeInputStream(InputStream in, OutputStream copy) {
        super(in);
        this.copy = copy;
    }

    @Override
    protected void passed(byte[] buffer, int offset, int length) throws IOException {
        copy.write(buffer, offset, length);
    }
}
