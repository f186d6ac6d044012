package dev.strata.registry.server.storage;

import dev.strata.digest.Digest;
import java.io.IOException;

/** An upload whose bytes do not hash to the digest the client named. */
public final class BlobDigestException extends IOException {
    public BlobDigestException(Digest expected, Digest actual, long size) {
        super("provided digest " + expected + " did not match uploaded content (" + size + " bytes, " + actual + ")");
    }

    public BlobDigestException(String message) {
        super(message);
    }
}
