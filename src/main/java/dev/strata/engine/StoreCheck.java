package dev.strata.engine;

import dev.strata.content.ContentStore;
import dev.strata.digest.ChainId;
import dev.strata.digest.DiffId;
import dev.strata.digest.Digest;
import dev.strata.digest.DigestingInputStream;
import dev.strata.image.Image;
import dev.strata.image.ImageRecord;
import dev.strata.layer.LayerRecord;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
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
        ContentStore content = engine.content();
        Set<Digest> badBlobs = new HashSet<>();
        List<Digest> blobs = content.list();
        for (Digest blob : blobs) {
            if (!content.verify(blob)) {
                badBlobs.add(blob);
                problems.add("blob " + blob + " is corrupt: its content does not hash to its name");
            }
        }
        Set<Digest> referencedBlobs = new HashSet<>();
        List<LayerRecord> layers = engine.layers().list();
        Set<ChainId> referencedLayers = new HashSet<>();
        for (LayerRecord layer : layers) {
            checkLayer(layer, badBlobs);
        }
        List<ImageRecord> images = engine.images().list();
        for (ImageRecord record : images) {
            Digest id = Digest.parse(record.id());
            referencedBlobs.add(id);
            if (record.manifests() != null) {
                record.manifests().forEach(m -> referencedBlobs.add(Digest.parse(m)));
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
                var layer = engine.layers().get(chainId);
                if (layer.isEmpty()) {
                    problems.add("image " + id.shortHex() + ": layer " + chainId + " is missing");
                } else {
                    referencedBlobs.add(layer.get().parsedBlob());
                }
            }
            if (record.parent() != null && !engine.images().contains(Digest.parse(record.parent()))) {
                notes.add("image " + id.shortHex() + ": its parent image " + Digest.parse(record.parent()).shortHex()
                        + " is no longer in the store");
            }
        }
        for (Engine.GarbageRoots extra : engine.garbageRoots()) {
            referencedLayers.addAll(extra.layers());
        }
        for (LayerRecord layer : layers) {
            referencedBlobs.add(layer.parsedBlob());
            if (!referencedLayers.contains(layer.parsedChainId())) {
                notes.add("layer " + layer.chainId() + " is not used by any image (image prune removes it)");
            }
        }
        Map<String, Digest> refs = engine.references().all();
        for (var entry : refs.entrySet()) {
            if (!engine.images().contains(entry.getValue())) {
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
        ChainId expected = layer.parent() == null ? ChainId.first(layer.parsedDiffId())
                : layer.parsedParent().then(layer.parsedDiffId());
        if (!expected.equals(layer.parsedChainId())) {
            problems.add(name + ": chain ID does not match its parent and diff ID");
        }
        if (layer.parent() != null && !engine.layers().contains(layer.parsedParent())) {
            problems.add(name + ": parent layer " + layer.parent() + " is missing");
        }
        Digest blob = layer.parsedBlob();
        if (!engine.content().contains(blob)) {
            problems.add(name + ": its blob " + blob + " is missing");
            return;
        }
        if (badBlobs.contains(blob)) {
            return;
        }
        DiffId diffId = uncompressedDigest(blob);
        if (!diffId.equals(layer.parsedDiffId())) {
            problems.add(name + ": its content hashes to " + diffId + ", not its diff ID " + layer.diffId());
        }
    }

    private DiffId uncompressedDigest(Digest blob) throws IOException {
        try (InputStream raw = new BufferedInputStream(engine.content().open(blob), 1 << 16);
             DigestingInputStream plain = new DigestingInputStream(
                     dev.strata.layer.LayerCompression.decompressed(raw))) {
            plain.drain();
            return new DiffId(plain.digest());
        }
    }
}
