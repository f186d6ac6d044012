package dev.strata.embed;

/**
 * Something Strata depends on failed or is missing: the OCI runtime (runc) refused or is not
 * installed, the container's command cannot be executed, a registry did not answer or refused the
 * credentials.
 */
public final class UnavailableException extends StrataException {
    UnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
