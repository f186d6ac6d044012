package dev.strata.error;

/** Something Strata depends on failed or is missing: the OCI runtime refused, a registry did not answer, a plug-in is not installed. */
public non-sealed class UnavailableException extends StrataException {
    public UnavailableException(String message) {
        super(message);
    }

    public UnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
