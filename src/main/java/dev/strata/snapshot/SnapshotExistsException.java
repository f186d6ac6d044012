package dev.strata.snapshot;

/**
 * The key or name is taken. From {@link Snapshotter#commit} it means another process committed the same
 * name first: remove your active snapshot and use the existing one.
 */
public final class SnapshotExistsException extends SnapshotException {
    public SnapshotExistsException(String operation, String name) {
        super(operation + ": snapshot " + name + " already exists", name);
    }
}
