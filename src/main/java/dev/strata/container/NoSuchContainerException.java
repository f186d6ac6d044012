package dev.strata.container;

/** No container has that ID, name or ID prefix. */
public final class NoSuchContainerException extends ContainerException {
    private final String reference;

    public NoSuchContainerException(String reference) {
        super("No such container: " + reference);
        this.reference = reference;
    }

    public String reference() {
        return reference;
    }
}
