package dev.strata.image;

import dev.strata.error.InvalidInputException;

/** An image config, manifest or index that is malformed or inconsistent. */
public final class InvalidImageException extends InvalidInputException {
    public InvalidImageException(String message) {
        super(message);
    }
}
