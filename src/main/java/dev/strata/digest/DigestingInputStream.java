package dev.strata.digest;

import dev.strata.io.PassThroughInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/** Hashes and counts the bytes that pass through, so a stream is digested while it is consumed. */
public final class DigestingInputStream extends PassThroughInputStream {
    private final MessageDigest sha256;
    private long count;

    public DigestingInputStream(InputStream in) {
        this(in, Digest.newSha256());
    }

    /** Carries on a sha256 the caller began (over the bytes before these); {@link #count} counts these alone. */
    public DigestingInputStream(InputStream in, MessageDigest sha256) {
        super(in);
        this.sha256 = sha256;
    }

    @Override
    protected void passed(byte[] buffer, int offset, int length) {
        sha256.update(buffer, offset, length);
        count += length;
    }

    /** Reads what is left so that the digest covers the whole stream. */
    public void drain() throws IOException {
        byte[] buffer = new byte[65536];
        while (read(buffer, 0, buffer.length) >= 0) {
            // consume
        }
    }

    public long count() {
        return count;
    }

    /** The digest of everything read so far; call once, at the end. */
    public Digest digest() {
        return Digest.ofSha256(sha256.digest());
    }
}
