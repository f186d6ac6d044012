package dev.strata.error;

/** What the caller gave is malformed or not acceptable: a reference, a Dockerfile, an archive, a layer tar, a flag value. */
public non-sealed class InvalidInputException extends StrataException {
    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
