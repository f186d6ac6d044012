package dev.strata.container;

import dev.strata.layer.TarSummary;
import dev.strata.digest.ChainId;
import dev.strata.image.Image;
import dev.strata.layer.Change;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a container's root file system comes from: the seam between containers and snapshots. The
 * real one stacks the image's unpacked layers with one read-write layer on top (overlay2 or vfs); tests
 * use a copy of a directory. Every method may be called from several {@code strata} processes over the
 * container's life, so each must work from what is on disk, not from memory.
 *
 * <p>Docker puts an "init" layer between the image and the container's layer holding empty
 * {@code /etc/hosts}, {@code /etc/hostname}, {@code /etc/resolv.conf}, {@code /dev/pts}, {@code /dev/shm},
 * {@code /proc} and {@code /sys}, so the mount points the runtime needs never show up in {@code diff} or
 * {@code commit}. A provider should do the same ({@link InitLayer#populate} writes those entries);
 * otherwise the runtime creates them in the read-write layer on first start.
 */
public interface RootFsProvider {
    /** The storage driver's name, as {@code inspect} shows it under Driver and GraphDriver.Name. */
    String driverName();

    /**
     * Creates the container's read-write layer on top of {@code image}. Called once, when the container is
     * created, while the engine's store lock is held (so the image's layers cannot be collected meanwhile).
     */
    void prepare(String containerId, Image image) throws IOException;

    /**
     * Makes the container's root file system available and returns its directory (the merged view).
     * Idempotent: a second call, from this or another process, returns the same directory; after a reboot
     * it mounts again.
     */
    Path mount(String containerId) throws IOException;

    /** Undoes {@link #mount}; no error if it is not mounted. */
    void unmount(String containerId) throws IOException;

    /** Unmounts and deletes the container's read-write layer; no error if it is already gone. */
    void release(String containerId) throws IOException;

    /** What the container changed in its image, sorted by path, as {@code docker diff} lists it. */
    List<Change> changes(String containerId) throws IOException;

    /**
     * The bytes the container's read-write layer takes, as Docker's SizeRw counts them
     * ({@link dev.strata.diff.DiffService#size}).
     */
    long layerSize(String containerId) throws IOException;

    /** Writes the container's changes as a layer tar (whiteouts for deletions), for {@code commit}; returns what it holds. */
    TarSummary writeDiff(String containerId, OutputStream tar) throws IOException;

    /** GraphDriver.Data for {@code inspect}: LowerDir, MergedDir, UpperDir, WorkDir for overlay2. */
    Map<String, String> graphDriverData(String containerId) throws IOException;

    /**
     * Layers the provider keeps for containers beyond their images' own (none by default): reported to the
     * engine's garbage collector.
     */
    default Set<ChainId> extraLayers() throws IOException {
        return Set.of();
    }
}
