package dev.strata.engine;

import dev.strata.error.CorruptDataException;

/** A layer whose content is not what the image says it is. */
public final class LayerMismatchException extends CorruptDataException {
    public LayerMismatchException(String message) {
        super(message);
    }
}
