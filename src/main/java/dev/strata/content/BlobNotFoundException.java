package dev.strata.content;

import dev.strata.error.NotFoundException;
import dev.strata.digest.Digest;

/** A blob the store does not hold. */
public final class BlobNotFoundException extends NotFoundException {
    private final Digest digest;

    public BlobNotFoundException(Digest digest) {
        super("blob " + digest + " not found in the content store");
        this.digest = digest;
    }

    public Digest digest() {
        return digest;
    }
}
