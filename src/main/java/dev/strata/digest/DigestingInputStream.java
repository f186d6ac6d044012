package dev.strata.digest;

import dev.strata.io.PassThroughInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/** Hashes and counts the bytes that pass through, so a stream is digested while it is consumed. */
public final class DigestingInputStream extends PassThroughInputStream {
    private final MessageDigest sha256 = Digest.newSha256();
    private long count;

    public DigestingInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            sha256.update(buffer, offset, n);
            count += n;
        }
        return n;
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
