package dev.strata.engine;

import dev.strata.diff.DiffService;
import dev.strata.digest.ChainId;
import dev.strata.digest.Digest;
import dev.strata.digest.VerifyingInputStream;
import dev.strata.image.Image;
import dev.strata.io.ReadAheadInputStream;
import dev.strata.layer.ExtractResult;
import dev.strata.layer.LayerCompression;
import dev.strata.layer.LayerRecord;
import dev.strata.layer.TarSplit;
import dev.strata.layer.WrittenTreeSplit;
import dev.strata.snapshot.Info;
import dev.strata.snapshot.SnapshotExistsException;
import dev.strata.snapshot.Snapshotter;
import dev.strata.snapshot.Snapshotters;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Layers unpacked into committed snapshots named by their chain ID, made on first need (a container,
 * a build step) and shared by every image and container above them: a layer is unpacked once. Unpacking
 * also records the layer's tar-split, after which its tar is kept as the tree and the split (see
 * {@link LayerRecord}); a plain blob is then deleted. Layer snapshots go when the garbage collection
 * removes their layer. The snapshotter is opened on first use: opening probes overlayfs once per root,
 * and a command that only lists images should not pay for it.
 */
public final class LayerSnapshots implements GarbageCollector.Roots {
    static final String EXTRACT_PREFIX = "extract-";

    private final Store store;
    private final Path root;
    private final String driverName;
    private Snapshotter snapshots;

    LayerSnapshots(Store store, String driverName) {
        this.store = store;
        this.root = store.root();
        this.driverName = driverName;
    }

    /** The snapshot driver, opened on first use. */
    public synchronized Snapshotter snapshotter() throws IOException {
        if (snapshots == null) {
            snapshots = Snapshotters.open(root, driverName);
        }
        return snapshots;
    }

    /** The snapshotter if this store has ever made a snapshot, without creating one otherwise. */
    private Optional<Snapshotter> existing() throws IOException {
        if (snapshots != null || Files.exists(root.resolve("storage-driver"))
                || Files.isDirectory(root.resolve(Snapshotters.OVERLAY2)) || Files.isDirectory(root.resolve(Snapshotters.VFS))) {
            return Optional.of(snapshotter());
        }
        return Optional.empty();
    }

    /** The storage driver's name: the one in use, or the one that would be chosen. */
    public String driverName() throws IOException {
        return snapshotter().name();
    }

    /** GraphDriver.Data of an image as inspect shows it: its top layer's directories, once unpacked; else null. */
    public Map<String, String> graphDriverData(Image image) throws IOException {
        Optional<Snapshotter> opened = existing();
        List<ChainId> chain = ChainId.chain(image.diffIds());
        if (opened.isEmpty() || chain.isEmpty() || opened.get().stat(chain.getLast().toString()).isEmpty()) {
            return null;
        }
        Map<String, String> data = opened.get().graphDriverData(chain.getLast().toString());
        return data.isEmpty() ? null : data;
    }

    /**
     * Unpacks the image's layers (those not unpacked yet) into snapshots and returns the name of the
     * top one, on which a container's read-write snapshot is prepared; null for an image with no layers.
     */
    public String unpack(Image image) throws IOException {
        return unpack(store.layersOf(image));
    }

    /** As {@link #unpack(Image)}, for a chain of layers from its base up; null for an empty chain. */
    public String unpack(List<LayerRecord> chain) throws IOException {
        snapshotter();
        if (chain.isEmpty()) {
            return null;
        }
        return store.write(tx -> unpack(tx, chain));
    }

    /** Unpacks every layer of {@code chain} not yet unpacked, bottom up; returns the top's snapshot name. */
    private String unpack(Transaction tx, List<LayerRecord> chain) throws IOException {
        String parent = null;
        for (LayerRecord layer : chain) {
            String name = layer.chainId().toString();
            Optional<Info> existing = snapshots.stat(name);
            if (existing.isEmpty() || existing.get().kind() != Info.Kind.COMMITTED) {
                unpackOne(tx, store.layers().get(layer.chainId()).orElse(layer), name, parent);
            }
            parent = name;
        }
        return parent;
    }

    /**
     * Extracts one layer, recording its tar-split in the same pass, and commits the snapshot. Then the
     * record says the layer is kept as tree and split; a plain blob is deleted once the transaction
     * commits. A split the tar itself spoiled (it replaced content it wrote) is dropped, and the blob kept.
     */
    private void unpackOne(Transaction tx, LayerRecord layer, String name, String parent) throws IOException {
        if (layer.blob() == null) {
            throw new dev.strata.error.CorruptDataException("layer " + layer.chainId()
                    + " is kept only unpacked, and its snapshot is gone");
        }
        Extracted[] made = new Extracted[1];
        Digest split;
        try (InputStream blob = new BufferedInputStream(store.content().open(layer.blob()), 1 << 16);
             InputStream tar = LayerCompression.decompressed(blob)) {
            split = tx.putBlob(out -> made[0] = extract(tar, name, parent, out), null, -1);
        }
        if (!made[0].committed() || made[0].spoiled() != null) {
            // another process unpacked the same layer first (theirs serves, with its record), or the tar
            // replaced its own content so the tree cannot re-create it: the blob stays the layer's tar
            tx.discardBlob(split);
            return;
        }
        boolean keepBlob = !layer.blobIsPlainTar();
        tx.replaceLayerRecord(layer.unpacked(split, keepBlob));
        if (!keepBlob) {
            tx.deleteBlobAtCommit(layer.blob());
        }
    }

    /**
     * Makes the unmounted read-write snapshot {@code key}, from which {@code layer}'s plain tar was just
     * written in {@code tx}, that layer's unpacked form: its tar-split is recorded from the blob (read
     * back, not extracted), the snapshot committed under the layer's name, the record replaced, the blob
     * deleted once the transaction commits. Leaves everything as it was, and returns false, when the
     * layer is kept another way already, another process unpacked it, or the tree does not hold what
     * the tar does; the caller then still owns {@code key}.
     */
    boolean adopt(Transaction tx, LayerRecord layer, String key) throws IOException {
        String name = layer.chainId().toString();
        Snapshotter snapshotter = snapshotter();
        if (!layer.blobIsPlainTar() || layer.tarSplit() != null || snapshotter.stat(name).isPresent()) {
            return false;
        }
        Optional<Info> tree = snapshotter.stat(key);
        String expectedParent = layer.parent() == null ? null : layer.parent().toString();
        if (tree.isEmpty() || tree.get().kind() != Info.Kind.ACTIVE
                || !java.util.Objects.equals(tree.get().parent(), expectedParent)) {
            return false;
        }
        Path root = snapshotter.files(key).dir();
        String[] spoiled = new String[1];
        Digest split;
        try (InputStream tar = store.content().open(layer.blob())) {
            split = tx.putBlob(out -> {
                try (TarSplit.Writer writer = new TarSplit.Writer(out)) {
                    WrittenTreeSplit.record(tar, root, writer);
                    spoiled[0] = writer.spoiled();
                }
            }, null, -1);
        }
        if (spoiled[0] != null) {
            tx.discardBlob(split);
            return false;
        }
        try {
            snapshotter.commit(name, key);
        } catch (SnapshotExistsException raced) {
            tx.discardBlob(split);
            return false;
        }
        tx.replaceLayerRecord(layer.unpacked(split, false));
        tx.deleteBlobAtCommit(layer.blob());
        return true;
    }

    /**
     * What one extraction made: whether its snapshot was committed (false: another process committed the
     * same layer first, and theirs serves), why its split cannot serve (null when it can), and what it read.
     */
    public record Extracted(boolean committed, String spoiled, ExtractResult result) {
    }

    /**
     * Extracts an uncompressed layer tar as the committed snapshot {@code name} on {@code parent} (null: a
     * base), writing its tar-split to {@code split} (which the caller keeps or drops). Needs no store
     * lock: the snapshot goes unused until a record names its layer, and the caller's lease keeps the
     * collection away meanwhile. On failure nothing of the snapshot is left.
     */
    public Extracted extract(InputStream tar, String name, String parent, java.io.OutputStream split)
            throws IOException {
        Snapshotter snapshotter = snapshotter();
        String key = EXTRACT_PREFIX + UUID.randomUUID();
        snapshotter.prepare(key, parent);
        boolean committed = false;
        try {
            ExtractResult result;
            String spoiled;
            // what makes the tar (download, hashing, decompression) runs on one core, the extraction on the other
            try (TarSplit.Writer writer = new TarSplit.Writer(split);
                 InputStream ahead = new ReadAheadInputStream(tar)) {
                result = DiffService.apply(ahead, snapshotter.extractTarget(key), writer);
                spoiled = writer.spoiled();
            }
            try {
                snapshotter.commit(name, key);
                committed = true;
                return new Extracted(true, spoiled, result);
            } catch (SnapshotExistsException raced) {
                return new Extracted(false, spoiled, result);
            }
        } finally {
            if (!committed) {
                snapshotter.remove(key);
            }
        }
    }

    /**
     * The tar of a layer kept as tree and split, re-created and checked against its diff ID as it is
     * read to its end.
     */
    InputStream openTar(LayerRecord layer) throws IOException {
        Path dir = snapshotter().files(layer.chainId().toString()).dir();
        InputStream tar = TarSplit.reassemble(store.content().open(layer.tarSplit()), dir);
        return new VerifyingInputStream(tar, layer.diffId().digest(), actual -> "layer " + layer.chainId()
                + " re-created from its unpacked files hashes to " + actual + ", not its diff ID " + layer.diffId());
    }

    @Override
    public Set<ChainId> layers() {
        return Set.of();
    }

    @Override
    public void layerRemoved(ChainId chainId) throws IOException {
        Optional<Snapshotter> opened = existing();
        if (opened.isPresent() && opened.get().stat(chainId.toString()).isPresent()) {
            opened.get().remove(chainId.toString());
        }
    }

    /** Removes layer snapshots whose layer is gone and extractions a dead process left behind. */
    @Override
    public void sweep(Set<ChainId> liveLayers) throws IOException {
        Optional<Snapshotter> opened = existing();
        if (opened.isEmpty()) {
            return;
        }
        Snapshotter snapshotter = opened.get();
        Set<String> live = new HashSet<>();
        liveLayers.forEach(c -> live.add(c.toString()));
        List<Info> doomed = new ArrayList<>();
        for (Info info : snapshotter.list()) {
            boolean deadLayer = info.kind() == Info.Kind.COMMITTED && info.name().startsWith("sha256:")
                    && !live.contains(info.name()) && !store.layers().contains(ChainId.parse(info.name()));
            boolean abandonedExtract = info.name().startsWith(EXTRACT_PREFIX);
            if (deadLayer || abandonedExtract) {
                doomed.add(info);
            }
        }
        // children before parents: a snapshot with children cannot be removed
        doomed.sort(Comparator.comparingInt((Info i) -> depth(snapshotter, i)).reversed());
        for (Info info : doomed) {
            snapshotter.remove(info.name());
        }
    }

    private static int depth(Snapshotter snapshotter, Info info) {
        int depth = 0;
        String parent = info.parent();
        try {
            while (parent != null && depth < 10_000) {
                parent = snapshotter.stat(parent).map(Info::parent).orElse(null);
                depth++;
            }
        } catch (IOException e) {
            return depth;
        }
        return depth;
    }

    @Override
    public long unpackedBytes() throws IOException {
        Optional<Snapshotter> opened = existing();
        if (opened.isEmpty()) {
            return 0;
        }
        long total = 0;
        for (Info info : opened.get().list()) {
            if (info.kind() == Info.Kind.COMMITTED && info.name().startsWith("sha256:")) {
                total += opened.get().usage(info.name()).bytes();
            }
        }
        return total;
    }
}
