package dev.strata.error;

/** What was named does not exist: no such image, container, blob, layer or snapshot. */
public non-sealed class NotFoundException extends StrataException {
    public NotFoundException(String message) {
        super(message);
    }

    public NotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
