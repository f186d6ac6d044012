package dev.strata.content;

import dev.strata.digest.Digest;
import java.io.IOException;

/** A blob the store does not hold. */
public final class BlobNotFoundException extends IOException {
    private final Digest digest;

    public BlobNotFoundException(Digest digest) {
        super("blob " + digest + " not found in the content store");
        this.digest = digest;
    }

    public Digest digest() {
        return digest;
    }
}
