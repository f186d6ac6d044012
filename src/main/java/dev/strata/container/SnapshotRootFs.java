package dev.strata.container;

import dev.strata.layer.TarSummary;
import dev.strata.engine.Engine;
import dev.strata.image.Image;
import dev.strata.layer.Change;
import dev.strata.snapshot.ExtractTarget;
import dev.strata.snapshot.Mount;
import dev.strata.snapshot.Mounts;
import dev.strata.snapshot.Snapshotter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Container root file systems from the engine's snapshots: the image's layers, unpacked once and
 * shared by every container of the image, then the container's init layer (Docker's empty mount points),
 * then its own read-write snapshot. With overlay2 that is one overlay mount on the snapshot's
 * {@code merged} directory; with vfs the read-write snapshot is a full copy and needs no mount.
 */
public final class SnapshotRootFs implements RootFsProvider {
    private final Engine engine;

    public SnapshotRootFs(Engine engine) {
        this.engine = engine;
    }

    private Snapshotter snapshots() throws IOException {
        return engine.snapshots().snapshotter();
    }

    static String initKey(String containerId) {
        return containerId + "-init";
    }

    @Override
    public String driverName() {
        try {
            return snapshots().name();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void prepare(String containerId, Image image) throws IOException {
        String top = engine.snapshots().unpack(image);
        Snapshotter snapshots = snapshots();
        String activeInit = initKey(containerId) + "-active";
        snapshots.prepare(activeInit, top);
        try {
            ExtractTarget init = snapshots.extractTarget(activeInit);
            InitLayer.populate(init.dir());
            snapshots.commit(initKey(containerId), activeInit);
        } catch (IOException | RuntimeException e) {
            snapshots.remove(activeInit);
            throw e;
        }
        snapshots.prepare(containerId, initKey(containerId));
    }

    @Override
    public Path mount(String containerId) throws IOException {
        Snapshotter snapshots = snapshots();
        List<Mount> mounts = snapshots.mounts(containerId);
        if (mounts.size() == 1 && mounts.getFirst().type().equals("bind") && !mounts.getFirst().readOnly()) {
            // vfs: the snapshot is already a whole tree of its own
            return Path.of(mounts.getFirst().source());
        }
        Path target = Path.of(snapshots.graphDriverData(containerId).get("MergedDir"));
        Files.createDirectories(target);
        if (!Mounts.mountPointsUnder(target).contains(target)) {
            Mounts.mount(mounts, target);
        }
        return target;
    }

    @Override
    public void unmount(String containerId) throws IOException {
        Map<String, String> data = snapshots().graphDriverData(containerId);
        String merged = data.get("MergedDir");
        if (merged != null) {
            Mounts.unmount(Path.of(merged));
        }
    }

    @Override
    public void release(String containerId) throws IOException {
        Snapshotter snapshots = snapshots();
        if (snapshots.stat(containerId).isPresent()) {
            unmount(containerId);
            snapshots.remove(containerId);
        }
        if (snapshots.stat(initKey(containerId)).isPresent()) {
            snapshots.remove(initKey(containerId));
        }
        if (snapshots.stat(initKey(containerId) + "-active").isPresent()) {
            snapshots.remove(initKey(containerId) + "-active");
        }
    }

    @Override
    public List<Change> changes(String containerId) throws IOException {
        return dev.strata.diff.DiffService.changes(snapshots().files(containerId));
    }

    @Override
    public long layerSize(String containerId) throws IOException {
        return dev.strata.diff.DiffService.size(snapshots().files(containerId));
    }

    @Override
    public TarSummary writeDiff(String containerId, OutputStream tar) throws IOException {
        return dev.strata.diff.DiffService.writeDiff(snapshots().files(containerId), tar);
    }

    @Override
    public Map<String, String> graphDriverData(String containerId) throws IOException {
        Map<String, String> data = snapshots().graphDriverData(containerId);
        return data.isEmpty() ? null : data;
    }
}
