package dev.strata.snapshot;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Snapshots of file trees, stacked parent on child, modelled on containerd's snapshotter: a layer is a
 * committed snapshot, a container's root file system an active one prepared on its image's top layer.
 * Methods return mount <em>descriptions</em>; {@link Mounts} applies them. Keys and names share one
 * namespace per snapshotter: any string without line breaks or NUL that fits a file name once
 * characters other than letters, digits and {@code ._-} are written as {@code %XX} (255 bytes; a
 * chainID takes 73).
 *
 * <p>Safe to use from several threads and several processes on the same root at once; see the package
 * documentation for what a crash leaves behind.
 */
public interface Snapshotter extends AutoCloseable {

    /** The driver's name as Docker spells it: {@code overlay2} or {@code vfs}. */
    String name();

    /**
     * Makes an active (read-write) snapshot {@code key} on the committed snapshot {@code parent}, or on
     * nothing when {@code parent} is null, and returns how to mount it.
     *
     * @throws SnapshotExistsException when {@code key} is taken
     * @throws SnapshotNotFoundException when {@code parent} does not exist
     * @throws SnapshotException when {@code parent} is not committed
     */
    List<Mount> prepare(String key, String parent) throws IOException;

    /** Like {@link #prepare} but read-only; a view is never committed. */
    List<Mount> view(String key, String parent) throws IOException;

    /** How to mount the active snapshot or view {@code key} (again). */
    List<Mount> mounts(String key) throws IOException;

    /**
     * Turns the active snapshot {@code key} into the committed snapshot {@code name}, which is immutable and
     * can be a parent. The key is gone afterwards. The snapshot must not be mounted any more.
     *
     * @throws SnapshotExistsException when {@code name} is taken, typically because another process
     *     unpacked the same layer first; {@code key} is left as it was, for the caller to remove
     */
    void commit(String name, String key) throws IOException;

    /**
     * Removes a snapshot of any kind and its data; anything still mounted inside its directory is
     * detached first.
     *
     * @throws SnapshotInUseException while other snapshots have it as parent
     */
    void remove(String key) throws IOException;

    Optional<Info> stat(String key) throws IOException;

    /** Every snapshot, sorted by name. */
    List<Info> list() throws IOException;

    /** The disk taken by the snapshot's own data (for vfs, which copies, that is the whole tree). */
    Usage usage(String key) throws IOException;

    /** Where to unpack a layer tar into the active snapshot {@code key}, with no mount needed. */
    ExtractTarget extractTarget(String key) throws IOException;

    /**
     * The data of snapshot {@code key} (active or committed) as directories, for reading and diffing
     * it without a mount. The directories must not be written through, except an active snapshot's own
     * one as {@link #extractTarget} allows.
     */
    SnapshotFiles files(String key) throws IOException;

    /**
     * What {@code docker inspect} shows under {@code GraphDriver.Data} for this snapshot: for overlay2
     * {@code LowerDir} (absent for a base), {@code MergedDir}, {@code UpperDir}, {@code WorkDir}; for vfs
     * nothing, which Docker prints as {@code null}.
     */
    Map<String, String> graphDriverData(String key) throws IOException;

    /** Releases the snapshotter; snapshots stay on disk. */
    @Override
    void close() throws IOException;
}
