package dev.strata.embed;

/**
 * What the caller gave is malformed or not acceptable: a reference, an image archive, a root file
 * system tar, a Dockerfile instruction given as a change, a value of a {@link ContainerSpec}.
 */
public final class InvalidInputException extends StrataException {
    InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
