package dev.strata.embed;

/**
 * The root of the errors the embedded API throws for what a person can act on, said in the message:
 * six categories, each one final class, so a caller catches the category it can handle
 * ({@link NotFoundException} to pull a missing image, {@link ConflictException} to choose another
 * name) and lets the rest fail. Unchecked, as the JDK's own domain errors are; the failures of the
 * machine (a full disk, a dropped connection) stay {@link java.io.IOException}, which every method
 * that reads or writes declares. The engine's own exception, when there is one, is the cause.
 */
public abstract sealed class StrataException extends RuntimeException
        permits NotFoundException, ConflictException, InvalidInputException, CorruptDataException,
        UnavailableException, WaitTimeoutException {

    StrataException(String message, Throwable cause) {
        super(message, cause);
    }
}
