package dev.strata.engine;

import java.io.IOException;

/** A layer whose content is not what the image says it is. */
public final class LayerMismatchException extends IOException {
    public LayerMismatchException(String message) {
        super(message);
    }
}
