package dev.strata.archive;

import dev.strata.error.InvalidInputException;

/**
 * An archive or image layout that Strata refuses to load: not a tar, cut off, inconsistent, or with
 * content that does not match its digests. The message names the file inside the archive and what is
 * wrong with it. When a load throws this, the store is exactly as it was before.
 */
public final class InvalidArchiveException extends InvalidInputException {
    public InvalidArchiveException(String message) {
        super(message);
    }

    public InvalidArchiveException(String message, Throwable cause) {
        super(message, cause);
    }
}
