package dev.strata.content;

import dev.strata.error.CorruptDataException;
import dev.strata.digest.Digest;

/** Content whose digest or size is not what it was said to be: corrupt, truncated or substituted. */
public final class DigestMismatchException extends CorruptDataException {
    public DigestMismatchException(String what, Digest expected, Digest actual) {
        super(what + ": digest mismatch: expected " + expected + ", got " + actual);
    }

    public DigestMismatchException(String what, long expectedSize, long actualSize) {
        super(what + ": size mismatch: expected " + expectedSize + " bytes, got " + actualSize);
    }
}
