package dev.strata.engine;

import dev.strata.digest.ChainId;
import dev.strata.layer.LayerExtractor;
import dev.strata.layer.LayerRecord;
import dev.strata.snapshot.ExtractTarget;
import dev.strata.snapshot.Info;
import dev.strata.snapshot.SnapshotExistsException;
import dev.strata.snapshot.Snapshotter;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Layers unpacked into committed snapshots named by their chain ID, made on first need (a container,
 * a build step) and shared by every image and container above them: a layer is unpacked once. Layer
 * snapshots go when the garbage collection removes their layer.
 */
final class UnpackedLayers implements Engine.GarbageRoots {
    static final String EXTRACT_PREFIX = "extract-";

    private final Engine engine;
    private final Snapshotter snapshots;

    UnpackedLayers(Engine engine, Snapshotter snapshots) {
        this.engine = engine;
        this.snapshots = snapshots;
    }

    /** Unpacks every layer of {@code chain} not yet unpacked, bottom up; returns the top's snapshot name. */
    String unpack(List<LayerRecord> chain) throws IOException {
        String parent = null;
        for (LayerRecord layer : chain) {
            String name = layer.chainId();
            Optional<Info> existing = snapshots.stat(name);
            if (existing.isEmpty() || existing.get().kind() != Info.Kind.COMMITTED) {
                unpackOne(layer, name, parent);
            }
            parent = name;
        }
        return parent;
    }

    private void unpackOne(LayerRecord layer, String name, String parent) throws IOException {
        String key = EXTRACT_PREFIX + UUID.randomUUID();
        snapshots.prepare(key, parent);
        boolean committed = false;
        try {
            ExtractTarget target = snapshots.extractTarget(key);
            try (InputStream blob = new BufferedInputStream(engine.content().open(layer.parsedBlob()), 1 << 16);
                 InputStream tar = dev.strata.layer.LayerCompression.decompressed(blob)) {
                LayerExtractor.extract(tar, target.dir(), target.mode());
            }
            try {
                snapshots.commit(name, key);
                committed = true;
            } catch (SnapshotExistsException raced) {
                // another process unpacked the same layer first: use theirs
            }
        } finally {
            if (!committed) {
                snapshots.remove(key);
            }
        }
    }

    Snapshotter snapshots() {
        return snapshots;
    }

    @Override
    public Set<ChainId> layers() {
        return Set.of();
    }

    @Override
    public void layerRemoved(ChainId chainId) throws IOException {
        String name = chainId.toString();
        if (snapshots.stat(name).isPresent()) {
            snapshots.remove(name);
        }
    }

    /** Removes layer snapshots whose layer is gone and extractions a dead process left behind. */
    @Override
    public void sweep(Set<ChainId> liveLayers) throws IOException {
        Set<String> live = new HashSet<>();
        liveLayers.forEach(c -> live.add(c.toString()));
        List<Info> doomed = new ArrayList<>();
        for (Info info : snapshots.list()) {
            boolean deadLayer = info.kind() == Info.Kind.COMMITTED && info.name().startsWith("sha256:")
                    && !live.contains(info.name()) && !engine.layers().contains(ChainId.parse(info.name()));
            boolean abandonedExtract = info.name().startsWith(EXTRACT_PREFIX);
            if (deadLayer || abandonedExtract) {
                doomed.add(info);
            }
        }
        // children before parents: a snapshot with children cannot be removed
        doomed.sort(Comparator.comparingInt((Info i) -> depth(i)).reversed());
        for (Info info : doomed) {
            snapshots.remove(info.name());
        }
    }

    private int depth(Info info) {
        int depth = 0;
        String parent = info.parent();
        try {
            while (parent != null && depth < 10_000) {
                parent = snapshots.stat(parent).map(Info::parent).orElse(null);
                depth++;
            }
        } catch (IOException e) {
            return depth;
        }
        return depth;
    }

    @Override
    public long unpackedBytes() throws IOException {
        long total = 0;
        for (Info info : snapshots.list()) {
            if (info.kind() == Info.Kind.COMMITTED && info.name().startsWith("sha256:")) {
                total += snapshots.usage(info.name()).bytes();
            }
        }
        return total;
    }

}
