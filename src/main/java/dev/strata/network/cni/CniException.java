package dev.strata.network.cni;

import java.io.IOException;

/** A plugin is missing, failed, hung or printed something that is not a result; the message says which and why. */
public final class CniException extends IOException {
    public CniException(String message) {
        super(message);
    }
}
