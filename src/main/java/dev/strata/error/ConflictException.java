package dev.strata.error;

/** The request clashes with the state things are in: the image is in use, the name is taken, the container is not running. */
public non-sealed class ConflictException extends StrataException {
    public ConflictException(String message) {
        super(message);
    }

    public ConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
