package dev.strata.engine;

import dev.strata.content.ContentStore;
import dev.strata.digest.ChainId;
import dev.strata.digest.DiffId;
import dev.strata.digest.Digest;
import dev.strata.digest.DigestingInputStream;
import dev.strata.image.Image;
import dev.strata.image.ImageRecord;
import dev.strata.layer.LayerCompression;
import dev.strata.layer.LayerRecord;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code system check}: every blob against its digest, every layer against its diff ID and chain,
 * every image against its config and layers, every reference against an image. Problems are errors;
 * content nothing refers to is only noted (a later prune reclaims it).
 */
public final class StoreCheck {
    private final Engine engine;
    private final List<String> problems = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    StoreCheck(Engine engine) {
        this.engine = engine;
    }

    /** The outcome: problems make the store unusable for some image; notes are harmless. */
    public record Report(int blobs, int layers, int images, int references, List<String> problems, List<String> notes) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    Report run() throws IOException {
        ContentStore content = engine.store().content();
        Set<Digest> badBlobs = new HashSet<>();
        List<Digest> blobs = content.list();
        for (Digest blob : blobs) {
            if (!content.verify(blob)) {
                badBlobs.add(blob);
                problems.add("blob " + blob + " is corrupt: its content does not hash to its name");
            }
        }
        Set<Digest> referencedBlobs = new HashSet<>();
        List<LayerRecord> layers = engine.store().layers().list();
        Set<ChainId> referencedLayers = new HashSet<>();
        for (LayerRecord layer : layers) {
            checkLayer(layer, badBlobs);
        }
        List<ImageRecord> images = engine.store().images().list();
        for (ImageRecord record : images) {
            Digest id = record.id();
            referencedBlobs.add(id);
            if (record.manifests() != null) {
                referencedBlobs.addAll(record.manifests());
            }
            if (!content.contains(id)) {
                problems.add("image " + id.shortHex() + ": its config blob is missing");
                continue;
            }
            Image image;
            try {
                image = Image.fromConfig(content.readAll(id));
            } catch (RuntimeException e) {
                problems.add("image " + id.shortHex() + ": " + e.getMessage());
                continue;
            }
            for (ChainId chainId : ChainId.chain(image.diffIds())) {
                referencedLayers.add(chainId);
                if (engine.store().layers().get(chainId).isEmpty()) {
                    problems.add("image " + id.shortHex() + ": layer " + chainId + " is missing");
                }
            }
            if (record.parent() != null && !engine.store().images().contains(record.parent())) {
                notes.add("image " + id.shortHex() + ": its parent image " + record.parent().shortHex()
                        + " is no longer in the store");
            }
        }
        for (GarbageCollector.Roots extra : engine.garbage().roots()) {
            referencedLayers.addAll(extra.layers());
        }
        for (LayerRecord layer : layers) {
            if (layer.blob() != null) {
                referencedBlobs.add(layer.blob());
            }
            if (layer.tarSplit() != null) {
                referencedBlobs.add(layer.tarSplit());
            }
            if (!referencedLayers.contains(layer.chainId())) {
                notes.add("layer " + layer.chainId() + " is not used by any image (image prune removes it)");
            }
        }
        Map<String, Digest> refs = engine.store().references().all();
        for (var entry : refs.entrySet()) {
            if (!engine.store().images().contains(entry.getValue())) {
                problems.add("reference " + entry.getKey() + " names image " + entry.getValue().shortHex()
                        + ", which is not in the store");
            }
        }
        for (Digest blob : blobs) {
            if (!referencedBlobs.contains(blob)) {
                notes.add("blob " + blob + " is not used by any image (image prune removes it)");
            }
        }
        return new Report(blobs.size(), layers.size(), images.size(), refs.size(), List.copyOf(problems), List.copyOf(notes));
    }

    private void checkLayer(LayerRecord layer, Set<Digest> badBlobs) throws IOException {
        String name = "layer " + layer.chainId();
        ChainId expected = layer.parent() == null ? ChainId.first(layer.diffId()) : layer.parent().then(layer.diffId());
        if (!expected.equals(layer.chainId())) {
            problems.add(name + ": chain ID does not match its parent and diff ID");
        }
        if (layer.parent() != null && !engine.store().layers().contains(layer.parent())) {
            problems.add(name + ": parent layer " + layer.parent() + " is missing");
        }
        if (layer.blob() == null && layer.tarSplit() == null) {
            problems.add(name + ": its record names neither a blob nor a tar-split: its content is lost");
            return;
        }
        if (layer.blob() != null) {
            checkBlob(name, layer, badBlobs);
        }
        if (layer.tarSplit() != null) {
            checkTree(name, layer, badBlobs);
        }
    }

    private void checkBlob(String name, LayerRecord layer, Set<Digest> badBlobs) throws IOException {
        Digest blob = layer.blob();
        if (!engine.store().content().contains(blob)) {
            problems.add(name + ": its blob " + blob + " is missing");
            return;
        }
        if (badBlobs.contains(blob)) {
            return;
        }
        DiffId diffId = uncompressedDigest(blob);
        if (!diffId.equals(layer.diffId())) {
            problems.add(name + ": its content hashes to " + diffId + ", not its diff ID " + layer.diffId());
        }
    }

    /** A layer kept as its unpacked tree: the tar re-created from tree and split must hash to the diff ID. */
    private void checkTree(String name, LayerRecord layer, Set<Digest> badBlobs) throws IOException {
        if (!engine.store().content().contains(layer.tarSplit())) {
            problems.add(name + ": its tar-split " + layer.tarSplit() + " is missing");
            return;
        }
        if (badBlobs.contains(layer.tarSplit())) {
            return;
        }
        if (engine.snapshots().snapshotter().stat(layer.chainId().toString()).isEmpty()) {
            problems.add(name + ": its unpacked snapshot is missing");
            return;
        }
        try (InputStream tar = engine.snapshots().openTar(layer)) {
            tar.transferTo(OutputStream.nullOutputStream());
        } catch (IOException | dev.strata.error.CorruptDataException e) {
            problems.add(name + ": its unpacked files no longer make its tar: " + e.getMessage());
        }
    }

    private DiffId uncompressedDigest(Digest blob) throws IOException {
        try (InputStream raw = new BufferedInputStream(engine.store().content().open(blob), 1 << 16);
             DigestingInputStream plain = new DigestingInputStream(LayerCompression.decompressed(raw))) {
            plain.drain();
            return new DiffId(plain.digest());
        }
    }
}
