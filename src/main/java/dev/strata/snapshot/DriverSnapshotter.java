package dev.strata.snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one {@link Snapshotter}: records, locking and crash recovery here, data handled by a
 * {@link Driver}. Data is made in {@code HOME/staging/ID} without the lock, then renamed into place
 * under it; removed data is renamed to {@code HOME/trash/ID} under the lock, then deleted without it.
 */
final class DriverSnapshotter implements Snapshotter {
    private final Driver driver;
    private final SnapshotStore store;
    private final Path staging;
    private final Path trash;

    DriverSnapshotter(Driver driver) throws IOException {
        this.driver = driver;
        this.staging = driver.home().resolve("staging");
        this.trash = driver.home().resolve("trash");
        Files.createDirectories(staging);
        Files.createDirectories(trash);
        this.store = new SnapshotStore(driver.home(), this::discard);
    }

    /** Every trace of the data of {@code id}, wherever a crash left it. */
    private void discard(String id) throws IOException {
        driver.unpublished(id);
        FileTrees.delete(driver.dataDir(id));
        FileTrees.delete(staging.resolve(id));
        FileTrees.delete(trash.resolve(id));
    }

    @Override
    public String name() {
        return driver.name();
    }

    @Override
    public List<Mount> prepare(String key, String parent) throws IOException {
        return create(key, parent, Info.Kind.ACTIVE);
    }

    @Override
    public List<Mount> view(String key, String parent) throws IOException {
        return create(key, parent, Info.Kind.VIEW);
    }

    private record Start(SnapshotStore.Intent intent, Snapshot parent) {
    }

    private List<Mount> create(String key, String parentName, Info.Kind kind) throws IOException {
        String operation = (kind == Info.Kind.ACTIVE ? "prepare " : "view ") + key;
        SnapshotStore.fileName(key); // refuse an unusable key before doing anything
        String id = SnapshotStore.newId();
        Start start = store.locked(() -> {
            if (store.find(key).isPresent()) {
                throw new SnapshotExistsException(operation, key);
            }
            Snapshot parent = parentName == null ? null : committedParent(operation, parentName);
            SnapshotStore.Intent intent = store.begin(id, key, parentName);
            try {
                // registered now, so the parent cannot be removed while its data is being copied
                store.addChild(parentName, id);
            } catch (IOException | RuntimeException e) {
                intent.settle();
                throw e;
            }
            return new Start(intent, parent);
        });
        try {
            driver.stage(staging.resolve(id), id, start.parent(), kind);
            return store.locked(() -> {
                if (store.find(key).isPresent()) {
                    throw new SnapshotExistsException(operation, key);
                }
                if (parentName != null && !committedParent(operation, parentName).id().equals(start.parent().id())) {
                    throw new SnapshotException(operation + ": parent " + parentName + " was replaced meanwhile");
                }
                Files.move(staging.resolve(id), driver.dataDir(id), StandardCopyOption.ATOMIC_MOVE);
                driver.published(id);
                Snapshot made = new Snapshot(key, kind, id, parentName, Instant.now());
                List<Mount> mounts = driver.mounts(made, start.parent());
                store.write(made); // the commit point
                start.intent().finish();
                return mounts;
            });
        } catch (IOException | RuntimeException e) {
            try {
                start.intent().settle();
            } catch (IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private Snapshot committedParent(String operation, String name) throws IOException {
        Snapshot parent = store.get(operation, name);
        if (parent.kind() != Info.Kind.COMMITTED) {
            throw new SnapshotException(operation + ": parent " + name + " is " + describe(parent.kind())
                    + "; only a committed snapshot can be a parent");
        }
        return parent;
    }

    private static String describe(Info.Kind kind) {
        return switch (kind) {
            case ACTIVE -> "an active snapshot";
            case VIEW -> "a view";
            case COMMITTED -> "committed";
        };
    }

    @Override
    public List<Mount> mounts(String key) throws IOException {
        Snapshot snapshot = store.get("mounts", key);
        if (snapshot.kind() == Info.Kind.COMMITTED) {
            throw new SnapshotException("mounts " + key + ": snapshot is committed; prepare or view on it to mount it");
        }
        return driver.mounts(snapshot, parentOf("mounts", snapshot));
    }

    private Snapshot parentOf(String operation, Snapshot snapshot) throws IOException {
        return snapshot.parent() == null ? null : store.get(operation + " " + snapshot.name() + " (its parent)",
                snapshot.parent());
    }

    @Override
    public void commit(String name, String key) throws IOException {
        String operation = "commit " + key + " as " + name;
        SnapshotStore.fileName(name);
        store.locked(() -> {
            Snapshot snapshot = store.get(operation, key);
            if (snapshot.kind() != Info.Kind.ACTIVE) {
                throw new SnapshotException(operation + ": snapshot is " + describe(snapshot.kind())
                        + "; only an active snapshot can be committed");
            }
            if (store.find(name).isPresent()) {
                throw new SnapshotExistsException(operation, name);
            }
            store.rename(snapshot, name, Info.Kind.COMMITTED);
            return null;
        });
    }

    @Override
    public void remove(String key) throws IOException {
        record Removal(SnapshotStore.Intent intent, Path garbage) {
        }
        Removal removal = store.locked(() -> {
            Snapshot snapshot = store.get("remove", key);
            List<String> children = store.childrenOf(key);
            if (!children.isEmpty()) {
                throw new SnapshotInUseException(key, children);
            }
            SnapshotStore.Intent intent = store.begin(snapshot.id(), key, snapshot.parent());
            try {
                store.delete(snapshot); // the commit point: from here on the data is garbage
            } catch (IOException | RuntimeException e) {
                intent.finish();
                throw e;
            }
            try {
                store.removeChild(snapshot.parent(), snapshot.id());
                store.forgetChildren(key);
                driver.unpublished(snapshot.id());
                Path data = driver.dataDir(snapshot.id());
                for (Path mountPoint : Mounts.mountPointsUnder(data)) {
                    Mounts.unmount(mountPoint);
                }
                Path garbage = trash.resolve(snapshot.id());
                if (Files.exists(data, LinkOption.NOFOLLOW_LINKS)) {
                    Files.move(data, garbage, StandardCopyOption.ATOMIC_MOVE);
                }
                return new Removal(intent, garbage);
            } catch (IOException | RuntimeException e) {
                intent.abandon(); // the record is gone; the next sweep finishes the job
                throw e;
            }
        });
        try {
            FileTrees.delete(removal.garbage()); // without the lock: a big vfs tree takes a while
            removal.intent().finish();
        } catch (IOException | RuntimeException e) {
            removal.intent().abandon(); // the next sweep deletes what is left
            throw e;
        }
    }

    @Override
    public Optional<Info> stat(String key) throws IOException {
        return store.find(key).map(Snapshot::info);
    }

    @Override
    public List<Info> list() throws IOException {
        return store.all().stream().map(Snapshot::info).toList();
    }

    @Override
    public Usage usage(String key) throws IOException {
        return FileTrees.usage(driver.ownData(store.get("usage", key)));
    }

    @Override
    public ExtractTarget extractTarget(String key) throws IOException {
        Snapshot snapshot = store.get("extract into", key);
        if (snapshot.kind() != Info.Kind.ACTIVE) {
            throw new SnapshotException("extract into " + key + ": snapshot is " + describe(snapshot.kind())
                    + "; layers are unpacked into active snapshots");
        }
        return driver.extractTarget(snapshot);
    }

    @Override
    public SnapshotFiles files(String key) throws IOException {
        Snapshot snapshot = store.get("read", key);
        if (snapshot.kind() == Info.Kind.VIEW) {
            throw new SnapshotException("read " + key + ": snapshot is a view, which has no files of its own");
        }
        return driver.files(snapshot, parentOf("read", snapshot));
    }

    @Override
    public Map<String, String> graphDriverData(String key) throws IOException {
        return driver.graphDriverData(store.get("inspect", key));
    }

    @Override
    public void close() {
        // nothing held: the lock file stays open for the JVM's life, shared by every snapshotter on it
    }

    @Override
    public String toString() {
        return driver.name() + " snapshotter at " + driver.home();
    }
}
