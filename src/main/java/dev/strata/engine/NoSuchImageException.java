package dev.strata.engine;

import java.io.IOException;

/** The name or ID given matches no image in the store. */
public final class NoSuchImageException extends IOException {
    public NoSuchImageException(String reference) {
        super("No such image: " + reference);
    }
}
