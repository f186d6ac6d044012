package dev.strata.embed;

/** What was named does not exist: no such image, container, path in a container, or remote manifest. */
public final class NotFoundException extends StrataException {
    NotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
