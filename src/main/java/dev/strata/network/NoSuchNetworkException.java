package dev.strata.network;

import dev.strata.error.NotFoundException;

/** No network has that name, ID or ID prefix: "network NAME not found", as Docker's daemon says. */
public final class NoSuchNetworkException extends NotFoundException {
    public NoSuchNetworkException(String reference) {
        super("network " + reference + " not found");
    }
}
