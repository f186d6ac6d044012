package dev.strata.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A filter that must see every byte it passes on: one that hashes, counts, copies or inspects them.
 * {@link FilterInputStream#skip} would ask the stream below to skip, and the skipped bytes would never
 * reach the subclass's {@code read}; here skipping reads them through {@link #read(byte[], int, int)},
 * so a caller that skips (commons-compress skips a tar entry's padding and unread data) leaves nothing
 * out. Mark and reset are not supported, since bytes read twice would be seen twice.
 *
 * <p>Subclasses override {@code read(byte[], int, int)} and {@code read()} and see everything there.
 */
public abstract class PassThroughInputStream extends FilterInputStream {
    private static final int SKIP_BUFFER = 1 << 16;

    protected PassThroughInputStream(InputStream in) {
        super(in);
    }

    /** One byte, through {@link #read(byte[], int, int)}, so a subclass sees every byte in one place. */
    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    /** Reads and passes on up to {@code n} bytes; fewer only at the end of the stream. */
    @Override
    public long skip(long n) throws IOException {
        if (n <= 0) {
            return 0;
        }
        byte[] buffer = new byte[(int) Math.min(n, SKIP_BUFFER)];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
