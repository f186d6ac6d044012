package dev.strata.digest;

import dev.strata.error.InvalidInputException;

/** A string that is not a digest of a supported algorithm. */
public final class InvalidDigestException extends InvalidInputException {
    public InvalidDigestException(String text) {
        super("invalid digest \"" + text + "\": expected sha256: followed by 64 lowercase hex digits");
    }
}
