package dev.strata.snapshot;

/** No snapshot has the key or name. */
public final class SnapshotNotFoundException extends SnapshotException {
    public SnapshotNotFoundException(String operation, String name) {
        super(operation + ": snapshot " + name + " does not exist", name);
    }
}
