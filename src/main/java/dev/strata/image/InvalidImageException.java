package dev.strata.image;

/** An image config, manifest or index that is malformed or inconsistent. */
public final class InvalidImageException extends RuntimeException {
    public InvalidImageException(String message) {
        super(message);
    }
}
