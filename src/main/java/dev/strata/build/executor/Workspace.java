package dev.strata.build.executor;

import dev.strata.build.executor.cache.BuildPaths;
import dev.strata.container.ContainerRecord;
import dev.strata.container.Containers;
import dev.strata.container.NoSuchContainerException;
import dev.strata.digest.Digest;
import dev.strata.engine.Engine;
import dev.strata.image.Image;
import dev.strata.snapshot.Info;
import dev.strata.snapshot.Mounts;
import dev.strata.snapshot.Snapshotter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one running build owns, all named after its ID so that whoever finds it after a crash knows
 * whose it is: its lease {@code ROOT/build/leases/ID} (fcntl-locked while the build lives), its
 * directory {@code ROOT/build/tmp/ID} (an unpacked context, mount points, secrets on a tmpfs), the
 * snapshots {@code build-ID-N} its COPY steps write into and read from, and the containers of its RUN
 * steps, labelled {@value #LABEL}. Closing it removes all of that; so does {@link #sweep} for a build
 * whose process died (its lease is unlocked), which every build and {@code builder prune} runs first.
 */
final class Workspace implements AutoCloseable {
    /** The label of a RUN step's container: the ID of the build it belongs to. */
    static final String LABEL = "dev.strata.build.id";
    private static final String SNAPSHOT_PREFIX = "build-";

    private final Engine engine;
    private final Containers containers;
    private final BuildPaths paths;
    private final String id;
    private final Path dir;
    private final FileChannel leaseChannel;
    private final FileLock lease;
    private final AtomicInteger counter = new AtomicInteger();
    private final Thread onInterrupt;

    private Workspace(Engine engine, Containers containers, BuildPaths paths, String id, FileChannel channel,
                      FileLock lease) {
        this.engine = engine;
        this.containers = containers;
        this.paths = paths;
        this.id = id;
        this.dir = paths.tmp().resolve(id);
        this.leaseChannel = channel;
        this.lease = lease;
        // Ctrl-C: the JVM runs its shutdown hooks, and this one takes the build's things away
        this.onInterrupt = new Thread(this::removeQuietly, "build-interrupted");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
    }

    /** Takes a lease for a new build, after sweeping what dead builds left. */
    static Workspace open(Engine engine, Containers containers) throws IOException {
        BuildPaths paths = BuildPaths.of(engine.root());
        sweep(engine, containers, paths);
        Files.createDirectories(paths.leases());
        String id = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        FileChannel channel = FileChannel.open(paths.leases().resolve(id), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
        FileLock lock = channel.lock();
        Workspace workspace = new Workspace(engine, containers, paths, id, channel, lock);
        Files.createDirectories(workspace.dir);
        return workspace;
    }

    String id() {
        return id;
    }

    Path dir() {
        return dir;
    }

    /** A new directory of its own under the build's directory. */
    Path newDirectory(String prefix) throws IOException {
        Path made = dir.resolve(prefix + "-" + counter.incrementAndGet());
        Files.createDirectories(made);
        return made;
    }

    /** A snapshot key of this build's. */
    String newSnapshotKey() {
        return SNAPSHOT_PREFIX + id + "-" + counter.incrementAndGet();
    }

    Map<String, String> containerLabels() {
        return Map.of(LABEL, id);
    }

    Snapshotter snapshots() throws IOException {
        return engine.snapshots().snapshotter();
    }

    /**
     * The root file system of {@code image} (null: scratch) to read, read-only: for overlay2 a view
     * mounted in the build's directory; for vfs, whose committed snapshots are whole trees, the tree
     * itself. Stays until the build ends.
     */
    Path view(Digest image) throws IOException {
        if (image == null) {
            return newDirectory("scratch");
        }
        Image found = engine.store().requireImage(image);
        String top = engine.snapshots().unpack(found);
        if (top == null) {
            return newDirectory("scratch");
        }
        Snapshotter snapshots = snapshots();
        if (snapshots.name().equals("vfs")) {
            return snapshots.files(top).dir();
        }
        String key = newSnapshotKey();
        Path target = newDirectory("view");
        Mounts.mount(snapshots.view(key, top), target);
        return target;
    }

    /** A read-write tree on an image's files (or on nothing), that a COPY, ADD or WORKDIR writes into. */
    record Writable(String key, Path root, boolean mounted) {
    }

    /** Prepares a {@link Writable} on {@code parent} (null: an empty tree). */
    Writable writable(Digest parent) throws IOException {
        String top = parent == null ? null : engine.snapshots().unpack(engine.store().requireImage(parent));
        Snapshotter snapshots = snapshots();
        String key = newSnapshotKey();
        List<dev.strata.snapshot.Mount> mounts = snapshots.prepare(key, top);
        if (snapshots.name().equals("vfs")) {
            return new Writable(key, snapshots.files(key).dir(), false);
        }
        Path target = newDirectory("rw");
        try {
            Mounts.mount(mounts, target);
        } catch (IOException | RuntimeException e) {
            snapshots.remove(key);
            throw e;
        }
        return new Writable(key, target, true);
    }

    /** Unmounts the tree, after which its changes can be read from the snapshot's files. */
    void unmount(Writable writable) throws IOException {
        if (writable.mounted()) {
            Mounts.unmount(writable.root());
        }
    }

    /** Unmounts and removes the tree. */
    void discard(Writable writable) throws IOException {
        unmount(writable);
        Snapshotter snapshots = snapshots();
        if (snapshots.stat(writable.key()).isPresent()) { // gone when its tree became a layer's
            snapshots.remove(writable.key());
        }
    }

    @Override
    public void close() throws IOException {
        try {
            Runtime.getRuntime().removeShutdownHook(onInterrupt);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or ran: it removes what we would
        }
        remove();
    }

    private void removeQuietly() {
        try {
            remove();
        } catch (IOException | RuntimeException e) {
            System.err.println("strata build: could not remove everything the build made: " + e.getMessage()
                    + " (the next build removes the rest)");
        }
    }

    private synchronized void remove() throws IOException {
        removeOwnedBy(engine, containers, paths, id);
        try {
            lease.release();
        } catch (IOException | RuntimeException released) {
            // released already
        }
        leaseChannel.close();
        Files.deleteIfExists(paths.leases().resolve(id));
    }

    /**
     * Removes what every dead build left: one whose lease file no process holds, or whose directory
     * has no lease at all (it died between the two).
     */
    static void sweep(Engine engine, Containers containers, BuildPaths paths) throws IOException {
        List<String> ids = new ArrayList<>();
        for (Path lease : list(paths.leases())) {
            ids.add(lease.getFileName().toString());
        }
        for (String id : ids) {
            Path file = paths.leases().resolve(id);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException ours) {
                    continue; // a build of this very process
                }
                if (lock == null) {
                    continue; // alive
                }
                try {
                    removeOwnedBy(engine, containers, paths, id);
                } finally {
                    lock.release();
                }
                Files.deleteIfExists(file);
            } catch (NoSuchFileException gone) {
                // its owner finished meanwhile
            }
        }
        for (Path orphan : list(paths.tmp())) {
            String id = orphan.getFileName().toString();
            if (!Files.exists(paths.leases().resolve(id))) {
                removeOwnedBy(engine, containers, paths, id);
            }
        }
    }

    /** The containers, mounts, snapshots and files of build {@code id}. */
    private static void removeOwnedBy(Engine engine, Containers containers, BuildPaths paths, String id)
            throws IOException {
        IOException failure = null;
        for (ContainerRecord record : containers.store().list()) {
            if (id.equals(record.config().labels() == null ? null : record.config().labels().get(LABEL))) {
                try {
                    containers.remove(record.id(), true, false);
                } catch (NoSuchContainerException removedMeanwhile) {
                    // its step removed it as it ended: what we wanted
                } catch (IOException | RuntimeException e) {
                    failure = keep(failure, e);
                }
            }
        }
        Path dir = paths.tmp().resolve(id);
        if (Files.isDirectory(dir)) {
            for (Path mountPoint : Mounts.mountPointsUnder(dir)) {
                try {
                    Mounts.unmount(mountPoint);
                } catch (IOException | RuntimeException e) {
                    failure = keep(failure, e);
                }
            }
        }
        Snapshotter snapshots = engine.snapshots().snapshotter();
        List<Info> owned = new ArrayList<>();
        for (Info info : snapshots.list()) {
            if (info.name().startsWith(SNAPSHOT_PREFIX + id + "-")) {
                owned.add(info);
            }
        }
        owned.sort(Comparator.comparing(Info::name).reversed());
        for (Info info : owned) {
            try {
                snapshots.remove(info.name());
            } catch (IOException | RuntimeException e) {
                failure = keep(failure, e);
            }
        }
        if (Files.isDirectory(dir)) {
            if (!Mounts.mountPointsUnder(dir).isEmpty()) {
                // never delete through a mount: it could be anything, a layer's tree included
                throw new IOException("cannot remove " + dir + ": something is still mounted under it");
            }
            deleteTree(dir);
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static IOException keep(IOException first, Exception e) {
        IOException next = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    private static List<Path> list(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            entries.forEach(out::add);
        }
        return out;
    }

    static void deleteTree(Path path) throws IOException {
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            for (Path child : list(path)) {
                deleteTree(child);
            }
        }
        Files.deleteIfExists(path);
    }
}
