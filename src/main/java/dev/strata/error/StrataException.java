package dev.strata.error;

/**
 * The root of Strata's domain errors: something the caller asked for cannot be done, for a reason a
 * person can act on, said in the message. Five categories, one subclass each, and every domain error
 * in Strata is one of them, so each interface maps a category once: the CLI to a message and an exit
 * code, the Engine API to an HTTP status (404, 409, 400, 500, 503).
 *
 * <p>Unchecked, as the JDK's own domain errors are ({@link IllegalArgumentException}): a method that
 * reads or writes still declares {@link java.io.IOException} for the failures of the machine (a full
 * disk, a dropped connection), and documents which of these it throws.
 */
public abstract sealed class StrataException extends RuntimeException
        permits NotFoundException, ConflictException, InvalidInputException, CorruptDataException,
        UnavailableException {

    protected StrataException(String message) {
        super(message);
    }

    protected StrataException(String message, Throwable cause) {
        super(message, cause);
    }
}
