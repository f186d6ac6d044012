package dev.strata.engine;

import dev.strata.error.NotFoundException;

/** The name or ID given matches no image in the store. */
public final class NoSuchImageException extends NotFoundException {
    public NoSuchImageException(String reference) {
        super("No such image: " + reference);
    }
}
