package dev.strata.digest;

import dev.strata.error.CorruptDataException;
import dev.strata.io.PassThroughInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.function.Function;

/**
 * Passes a stream through and, when its end is read, checks that what passed hashes to the digest it
 * should: the last read fails with {@link CorruptDataException} instead of returning -1 when it does
 * not. So a consumer that reads to the end (as one that must know where a tar ends does) cannot take
 * damaged bytes for whole ones. Counts what passes, too.
 */
public final class VerifyingInputStream extends PassThroughInputStream {
    private final Digest expected;
    private final Function<Digest, String> complaint;
    private final MessageDigest sha256 = Digest.newSha256();
    private long count;
    private boolean checked;

    /**
     * @param complaint the message for a mismatch, given the digest the bytes really have
     */
    public VerifyingInputStream(InputStream in, Digest expected, Function<Digest, String> complaint) {
        super(in);
        this.expected = expected;
        this.complaint = complaint;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            sha256.update(buffer, offset, n);
            count += n;
        } else if (n < 0) {
            check();
        }
        return n;
    }

    /** Bytes passed so far. */
    public long count() {
        return count;
    }

    private void check() {
        if (checked) {
            return;
        }
        checked = true;
        Digest actual = Digest.ofSha256(sha256.digest());
        if (!actual.equals(expected)) {
            throw new CorruptDataException(complaint.apply(actual));
        }
    }
}
