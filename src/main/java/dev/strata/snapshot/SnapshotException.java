package dev.strata.snapshot;

/**
 * A snapshot operation refused for a reason the caller can act on. The subclasses are the outcomes a
 * caller branches on; this class itself is a request that does not fit the snapshot's state (committing
 * a view, preparing on an active snapshot).
 */
public sealed class SnapshotException extends RuntimeException
        permits SnapshotExistsException, SnapshotNotFoundException, SnapshotInUseException {
    private final String name;

    public SnapshotException(String message) {
        this(message, null);
    }

    SnapshotException(String message, String name) {
        super(message);
        this.name = name;
    }

    /** The key or name the outcome is about; null when the request as a whole was refused. */
    public String name() {
        return name;
    }
}
