package dev.strata.archive;

import dev.strata.digest.ChainId;
import dev.strata.digest.DiffId;
import dev.strata.digest.Digest;
import dev.strata.digest.DigestingInputStream;
import dev.strata.engine.Engine;
import dev.strata.image.Image;
import dev.strata.layer.LayerRecord;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@code strata system check} will say about a store, until it exists (then swap this for it):
 * every image's config is present, verifies and parses; every layer of every image has a record whose
 * blob is present, verifies, and decompresses to the recorded diff ID; every blob verifies; every
 * reference names an image. Stricter than a check need be, it also reports blobs and layer records no
 * image needs, and a leftover journal or ingest file: after a load (even one killed and recovered from)
 * there should be none.
 */
final class StoreCheck {
    private StoreCheck() {
    }

    static List<String> problems(Engine engine) throws IOException {
        List<String> problems = new ArrayList<>();
        Set<Digest> neededBlobs = new HashSet<>();
        Set<ChainId> neededLayers = new HashSet<>();
        for (Digest id : engine.images().ids()) {
            neededBlobs.add(id);
            if (!engine.content().verify(id)) {
                problems.add("image " + id + ": config blob missing or corrupt");
                continue;
            }
            Image image;
            try {
                image = Image.fromConfig(engine.content().readAll(id));
            } catch (RuntimeException e) {
                problems.add("image " + id + ": config does not parse: " + e.getMessage());
                continue;
            }
            for (ChainId chainId : ChainId.chain(image.diffIds())) {
                neededLayers.add(chainId);
                var record = engine.layers().get(chainId);
                if (record.isEmpty()) {
                    problems.add("image " + id + ": layer " + chainId + " has no record");
                    continue;
                }
                neededBlobs.add(record.get().parsedBlob());
                checkLayer(engine, record.get(), problems);
            }
        }
        for (Digest blob : engine.content().list()) {
            if (!engine.content().verify(blob)) {
                problems.add("blob " + blob + " does not match its digest");
            }
            if (!neededBlobs.contains(blob)) {
                problems.add("blob " + blob + " is not needed by any image");
            }
        }
        for (LayerRecord record : engine.layers().list()) {
            if (!neededLayers.contains(record.parsedChainId())) {
                problems.add("layer " + record.chainId() + " is not needed by any image");
            }
        }
        for (var ref : engine.references().all().entrySet()) {
            if (!engine.images().contains(ref.getValue())) {
                problems.add("reference " + ref.getKey() + " names missing image " + ref.getValue());
            }
        }
        if (Files.exists(engine.root().resolve("journal.json"))) {
            problems.add("a journal is left over");
        }
        Path ingest = engine.root().resolve("content").resolve("ingest");
        if (Files.isDirectory(ingest)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(ingest)) {
                for (Path entry : entries) {
                    problems.add("ingest file left over: " + entry.getFileName());
                }
            }
        }
        return problems;
    }

    private static void checkLayer(Engine engine, LayerRecord record, List<String> problems) throws IOException {
        Digest blob = record.parsedBlob();
        if (!engine.content().contains(blob)) {
            problems.add("layer " + record.chainId() + ": blob " + blob + " missing");
            return;
        }
        try (InputStream raw = new BufferedInputStream(engine.content().open(blob), 1 << 16)) {
            Compression compression = Compression.detect((BufferedInputStream) raw);
            DigestingInputStream plain = new DigestingInputStream(compression.decompress(raw));
            plain.drain();
            DiffId actual = new DiffId(plain.digest());
            if (!actual.equals(record.parsedDiffId())) {
                problems.add("layer " + record.chainId() + ": content hashes to " + actual + ", not its diff ID " + record.diffId());
            }
        }
    }
}
