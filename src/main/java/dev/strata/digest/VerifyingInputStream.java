package dev.strata.digest;

import dev.strata.error.CorruptDataException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Function;

/**
 * Passes a stream through and, when its end is read, checks that what passed hashes to the digest it
 * should: the last read fails with {@link CorruptDataException} instead of returning -1 when it does
 * not. So a consumer that reads to the end (as one that must know where a tar ends does) cannot take
 * damaged bytes for whole ones.
 */
public final class VerifyingInputStream extends FilterInputStream {
    private final Digest expected;
    private final Function<Digest, String> complaint;
    private boolean checked;

    /**
     * @param complaint the message for a mismatch, given the digest the bytes really have
     */
    public VerifyingInputStream(InputStream in, Digest expected, Function<Digest, String> complaint) {
        super(new DigestingInputStream(in));
        this.expected = expected;
        this.complaint = complaint;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b < 0) {
            check();
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n < 0) {
            check();
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        return in.skip(n); // the digesting stream below reads what it skips
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void check() {
        if (checked) {
            return;
        }
        checked = true;
        Digest actual = ((DigestingInputStream) in).digest();
        if (!actual.equals(expected)) {
            throw new CorruptDataException(complaint.apply(actual));
        }
    }
}
