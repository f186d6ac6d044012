package dev.strata.snapshot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What differs between snapshot drivers: how a snapshot's data is laid out and made, how it is mounted,
 * and where its files are. {@link DriverSnapshotter} does the rest (records, locking, crash recovery) once for all.
 * Methods that take a parent get null for a snapshot with none.
 */
sealed interface Driver permits Overlay2Driver, VfsDriver {
    String name();

    /** The driver's directory: ROOT/overlay2 or ROOT/vfs. */
    Path home();

    /** Where the data of snapshot {@code id} lives once published. */
    Path dataDir(String id);

    /**
     * Makes the data of a new snapshot in {@code staging} (which does not exist yet), on {@code parent}.
     * Runs without the store's lock, so it may take its time (vfs copies the parent).
     */
    void stage(Path staging, String id, Snapshot parent, Info.Kind kind) throws IOException;

    /** Called under the lock once the staged data is at {@link #dataDir}. */
    void published(String id) throws IOException;

    /** Removes what {@link #published} made; idempotent; the data dir is handled by the caller. */
    void unpublished(String id) throws IOException;

    List<Mount> mounts(Snapshot snapshot, Snapshot parent) throws IOException;

    ExtractTarget extractTarget(Snapshot snapshot);

    SnapshotFiles files(Snapshot snapshot, Snapshot parent) throws IOException;

    Map<String, String> graphDriverData(Snapshot snapshot) throws IOException;

    /** The directory holding only this snapshot's own data, for {@link Snapshotter#usage}. */
    Path ownData(Snapshot snapshot);
}
