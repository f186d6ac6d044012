package dev.strata.engine;

import dev.strata.error.ConflictException;

/** An image cannot be removed as asked: it is still needed, or the request is ambiguous. */
public final class ImageConflictException extends ConflictException {
    public ImageConflictException(String shortId, boolean forceable, String reason) {
        super("conflict: unable to delete " + shortId + " (" + (forceable ? "must be forced" : "cannot be forced")
                + ") - " + reason);
    }
}
