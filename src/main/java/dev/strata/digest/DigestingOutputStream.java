package dev.strata.digest;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;

/** Hashes and counts the bytes written through it. */
public final class DigestingOutputStream extends FilterOutputStream {
    private final MessageDigest sha256 = Digest.newSha256();
    private long count;

    public DigestingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        sha256.update((byte) b);
        count++;
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
        out.write(buffer, offset, length);
        sha256.update(buffer, offset, length);
        count += length;
    }

    public long count() {
        return count;
    }

    /** The digest of everything written so far, leaving the hash to go on. */
    public Digest peek() {
        try {
            return Digest.ofSha256(((MessageDigest) sha256.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 cannot be cloned", e);
        }
    }

    /** The digest of everything written so far; call once, at the end. */
    public Digest digest() {
        return Digest.ofSha256(sha256.digest());
    }
}
