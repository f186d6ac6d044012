package dev.strata.error;

/** Data does not match what it claims to be: a blob whose bytes do not hash to its digest, a layer whose content does not match its diff ID, a damaged store. */
public non-sealed class CorruptDataException extends StrataException {
    public CorruptDataException(String message) {
        super(message);
    }

    public CorruptDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
