package dev.strata.embed;

/**
 * Data does not match what it claims to be: a blob whose bytes do not hash to its digest, a layer whose
 * content does not match its diff ID, a damaged store ({@code strata system check} says what).
 */
public final class CorruptDataException extends StrataException {
    CorruptDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
