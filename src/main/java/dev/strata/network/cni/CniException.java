package dev.strata.network.cni;

import dev.strata.error.UnavailableException;

/** A plugin is missing, failed, hung or printed something that is not a result; the message says which and why. */
public final class CniException extends UnavailableException {
    public CniException(String message) {
        super(message);
    }
}
