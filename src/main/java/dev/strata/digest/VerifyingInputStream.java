package dev.strata.digest;

import dev.strata.error.CorruptDataException;
import dev.strata.io.PassThroughInputStream;
import java.io.InputStream;
import java.util.function.Function;

/**
 * Passes a stream through and, when its end is read, checks that what passed hashes to the digest it
 * should: the last read fails with {@link CorruptDataException} instead of returning -1 when it does
 * not. So a consumer that reads to the end (as one that must know where a tar ends does) cannot take
 * damaged bytes for whole ones. Counts what passes, too.
 */
public final class VerifyingInputStream extends PassThroughInputStream {
    private final DigestingInputStream digesting;
    private final Digest expected;
    private final Function<Digest, String> complaint;
    private boolean checked;

    /**
     * @param complaint the message for a mismatch, given the digest the bytes really have
     */
    public VerifyingInputStream(InputStream in, Digest expected, Function<Digest, String> complaint) {
        this(new DigestingInputStream(in), expected, complaint);
    }

    private VerifyingInputStream(DigestingInputStream digesting, Digest expected, Function<Digest, String> complaint) {
        super(digesting);
        this.digesting = digesting;
        this.expected = expected;
        this.complaint = complaint;
    }

    /** Bytes passed so far. */
    public long count() {
        return digesting.count();
    }

    @Override
    protected void ended() {
        if (checked) {
            return;
        }
        checked = true;
        Digest actual = digesting.digest();
        if (!actual.equals(expected)) {
            throw new CorruptDataException(complaint.apply(actual));
        }
    }
}
