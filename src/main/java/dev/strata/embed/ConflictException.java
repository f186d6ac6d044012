package dev.strata.embed;

/**
 * The request clashes with the state things are in: the name is taken, the image is used by a
 * container, the container is not running, or it exited before the condition waited for was met.
 */
public final class ConflictException extends StrataException {
    ConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
