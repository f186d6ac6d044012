package dev.strata.snapshot;

import dev.strata.layer.WhiteoutMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

/**
 * vfs: every active snapshot is a complete copy of its parent's tree, {@code ROOT/vfs/dir/ID} as in
 * Docker. It works on any file system and needs root only to mount. A view copies nothing: it is a
 * read-only bind of its (immutable) parent, so its own directory stays empty.
 */
final class VfsDriver implements Driver {
    private final Path home;
    private final Path dirs;
    /** The "parent" of a base snapshot when diffing. */
    private final Path empty;

    VfsDriver(Path home) throws IOException {
        this.home = home;
        this.dirs = home.resolve("dir");
        this.empty = home.resolve("empty");
        Files.createDirectories(dirs);
        Files.createDirectories(empty);
    }

    @Override
    public String name() {
        return "vfs";
    }

    @Override
    public Path home() {
        return home;
    }

    @Override
    public Path dataDir(String id) {
        return dirs.resolve(id);
    }

    @Override
    public void stage(Path staging, String id, Snapshot parent, Info.Kind kind) throws IOException {
        if (parent != null && kind == Info.Kind.ACTIVE) {
            FileTrees.copy(dataDir(parent.id()), staging);
        } else {
            Files.createDirectory(staging);
            Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Override
    public void published(String id) {
    }

    @Override
    public void unpublished(String id) {
    }

    @Override
    public List<Mount> mounts(Snapshot snapshot, Snapshot parent) {
        if (snapshot.kind() == Info.Kind.ACTIVE) {
            return List.of(new Mount("bind", dataDir(snapshot.id()).toString(), List.of("rbind", "rw")));
        }
        Path source = parent == null ? dataDir(snapshot.id()) : dataDir(parent.id());
        return List.of(new Mount("bind", source.toString(), List.of("rbind", "ro")));
    }

    @Override
    public ExtractTarget extractTarget(Snapshot snapshot) {
        return new ExtractTarget(dataDir(snapshot.id()), WhiteoutMode.DIRECT);
    }

    private Path lower(Snapshot parent) {
        return parent == null ? empty : dataDir(parent.id());
    }

    @Override
    public SnapshotFiles files(Snapshot snapshot, Snapshot parent) {
        return new SnapshotFiles(dataDir(snapshot.id()), WhiteoutMode.DIRECT, List.of(lower(parent)));
    }

    /** Docker's vfs driver reports no metadata: {@code "GraphDriver": {"Data": null, "Name": "vfs"}}. */
    @Override
    public Map<String, String> graphDriverData(Snapshot snapshot) {
        return Map.of();
    }

    @Override
    public Path ownData(Snapshot snapshot) {
        return dataDir(snapshot.id());
    }
}
