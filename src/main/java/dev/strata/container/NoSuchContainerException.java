package dev.strata.container;

import dev.strata.error.NotFoundException;

/** No container has that ID, name or ID prefix. */
public final class NoSuchContainerException extends NotFoundException {
    private final String reference;

    public NoSuchContainerException(String reference) {
        super("No such container: " + reference);
        this.reference = reference;
    }

    public String reference() {
        return reference;
    }
}
