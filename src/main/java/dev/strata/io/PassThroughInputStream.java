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
 * <p>Subclasses see every byte in {@link #passed} and the end of the stream in {@link #ended}; one that
 * must act before a read (refuse it, say) overrides {@code read(byte[], int, int)} and sees everything there.
 */
public abstract class PassThroughInputStream extends FilterInputStream {
    private static final int SKIP_BUFFER = 1 << 16;

    protected PassThroughInputStream(InputStream in) {
        super(in);
    }

    /** Reads from the stream below, then shows what came to {@link #passed}, or its end to {@link #ended}. */
    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            passed(buffer, offset, n);
        } else if (n < 0) {
            ended();
        }
        return n;
    }

    /** Sees {@code length} bytes at {@code offset} of {@code buffer} on their way to the reader. */
    protected void passed(byte[] buffer, int offset, int length) throws IOException {
    }

    /** Sees the end of the stream below, each time a read finds it; what it throws, the read throws. */
    protected void ended() throws IOException {
    }

    /** One byte, through {@link #read(byte[], int, int)}, so a subclass sees every byte in one place. */
    @Override
    public int read() throws IOException {
        return BlockInputStream.readOne(this);
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
