package dev.strata.snapshot;

/**
 * A snapshot operation refused for a reason the caller can act on. The subclasses are the outcomes a
 * caller branches on; this class itself is a request that does not fit the snapshot's state (committing
 * a view, preparing on an active snapshot).
 */
public sealed class SnapshotException extends RuntimeException
        permits SnapshotExistsException, SnapshotNotFoundException, SnapshotInUseException {
    public SnapshotException(String message) {
        super(message);
    }
}
