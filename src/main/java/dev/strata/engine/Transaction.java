package dev.strata.engine;

import dev.strata.content.AtomicFile;
import dev.strata.content.ContentStore;
import dev.strata.digest.ChainId;
import dev.strata.digest.DiffId;
import dev.strata.digest.Digest;
import dev.strata.digest.DigestingInputStream;
import dev.strata.image.ImageRecord;
import dev.strata.io.PassThroughInputStream;
import dev.strata.layer.Compression;
import dev.strata.layer.LayerRecord;
import dev.strata.layer.LayerScan;
import dev.strata.layer.TarSummary;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * A set of changes to the store that becomes visible whole or not at all. Every method runs under the
 * store lock (the engine hands a transaction out only while holding it). On failure {@link #rollback}
 * removes what this transaction added, leaving the store byte for byte as before; on a crash the
 * {@link Journal} lets the next writer do the same.
 */
public final class Transaction {
    private final Engine engine;
    private final Journal journal;
    private final List<Digest> createdBlobs = new ArrayList<>();
    private final List<ChainId> createdLayers = new ArrayList<>();
    private final List<Digest> createdImages = new ArrayList<>();
    private final List<String[]> changedReferences = new ArrayList<>();

    Transaction(Engine engine) {
        this.engine = engine;
        this.journal = new Journal(engine.root());
    }

    public Engine engine() {
        return engine;
    }

    /** Stores small content (a config, a manifest). */
    public Digest putBlob(byte[] content) throws IOException {
        return putBlob(out -> out.write(content), null, content.length);
    }

    /** Streams a blob into the store, checking {@code expected} (may be null) and {@code expectedSize} (-1: unknown). */
    public Digest putBlob(InputStream content, Digest expected, long expectedSize) throws IOException {
        return putBlob(content::transferTo, expected, expectedSize);
    }

    /**
     * Stores the blob that {@code writer} writes, checking {@code expected} (may be null) and
     * {@code expectedSize} (-1: unknown). The writer drives the copy, so it can inspect the bytes as they
     * pass (a loader decompresses and scans a layer in the same pass that stores it).
     */
    public Digest putBlob(AtomicFile.ContentWriter writer, Digest expected, long expectedSize) throws IOException {
        journal.begin();
        try (ContentStore.Ingest ingest = engine.content().ingest()) {
            writer.writeTo(ingest.stream());
            Digest digest = ingest.commit(expected, expectedSize);
            if (ingest.created()) {
                createdBlobs.add(digest);
            }
            return digest;
        }
    }

    /**
     * Deletes {@code blob} if this transaction stored it; a blob the store held before is left alone.
     * For content stored speculatively (a loader ingests archive entries before it knows which are
     * needed) that turned out to be unused. Returns whether the blob was deleted.
     */
    public boolean discardBlob(Digest blob) throws IOException {
        if (!createdBlobs.remove(blob)) {
            return false;
        }
        engine.content().delete(blob);
        return true;
    }

    /**
     * Stores a layer blob (a tar, plain, gzip or zstd) in one pass: the bytes are written to the store
     * while hashed, decompressed, hashed again for the diff ID and scanned as a tar, which both checks
     * the tar and measures its unpacked size. Records the layer on top of {@code parent} (null for a base
     * layer) unless the store already has that chain.
     *
     * @param expectedBlob the blob digest the source claims, or null
     * @param expectedDiffId the diff ID an image config claims, or null
     */
    public LayerRecord putLayer(InputStream blob, ChainId parent, Digest expectedBlob, DiffId expectedDiffId,
                                String mediaType) throws IOException {
        journal.begin();
        try (ContentStore.Ingest ingest = engine.content().ingest()) {
            InputStream tee = new TeeInputStream(blob, ingest.stream());
            BufferedInputStream buffered = new BufferedInputStream(tee, 1 << 16);
            Compression compression = Compression.detect(buffered);
            DigestingInputStream plain = new DigestingInputStream(compression.decompress(buffered));
            TarSummary scan = LayerScan.scan(plain);
            plain.drain();
            // the compressed stream may carry bytes after the tar's end (padding, another gzip member)
            buffered.transferTo(OutputStream.nullOutputStream());
            DiffId diffId = new DiffId(plain.digest());
            if (expectedDiffId != null && !expectedDiffId.equals(diffId)) {
                throw new LayerMismatchException("layer diff ID mismatch: the image config says " + expectedDiffId
                        + " but the layer's uncompressed content hashes to " + diffId);
            }
            Digest blobDigest = ingest.commit(expectedBlob, -1);
            if (ingest.created()) {
                createdBlobs.add(blobDigest);
            }
            String type = mediaType != null ? mediaType : switch (compression) {
                case NONE -> dev.strata.image.MediaTypes.OCI_LAYER;
                case GZIP -> dev.strata.image.MediaTypes.OCI_LAYER_GZIP;
                case ZSTD -> dev.strata.image.MediaTypes.OCI_LAYER_ZSTD;
            };
            return recordUnlessHeld(layerRecord(parent, diffId, blobDigest, type, ingest.count(), scan.size(),
                    plain.count()));
        }
    }

    private static LayerRecord layerRecord(ChainId parent, DiffId diffId, Digest blob, String mediaType, long blobSize,
                                           long size, long tarSize) {
        ChainId chainId = parent == null ? ChainId.first(diffId) : parent.then(diffId);
        return new LayerRecord(chainId.toString(), diffId.toString(), parent == null ? null : parent.toString(),
                blob.toString(), mediaType, blobSize, size, tarSize);
    }

    /** Records {@code made} unless the store holds its chain whole already; returns the record in force. */
    private LayerRecord recordUnlessHeld(LayerRecord made) throws IOException {
        ChainId chainId = made.parsedChainId();
        Optional<LayerRecord> existing = engine.layers().get(chainId);
        if (existing.isPresent() && engine.content().contains(existing.get().parsedBlob())) {
            return existing.get();
        }
        if (existing.isEmpty()) {
            createdLayers.add(chainId);
        }
        engine.layers().put(made);
        return made;
    }

    /** Writes a layer tar and says what it holds, for {@link #putWrittenLayer}. */
    @FunctionalInterface
    public interface LayerTarSource {
        TarSummary writeTo(OutputStream tar) throws IOException;
    }

    /**
     * Stores a layer tar that this process makes itself (a commit, a build step), uncompressed, in one
     * pass: the source writes straight into the blob store, hashed on the way, so the blob digest is the
     * diff ID and the bytes are never read back (the source knows its size and entries; a loader's
     * layer has to be scanned, see {@link #putLayer}). Records the layer on top of {@code parent} (null
     * for a base layer). A tar with no entries, a container that changed nothing, stores nothing: empty.
     */
    public Optional<LayerRecord> putWrittenLayer(ChainId parent, LayerTarSource source) throws IOException {
        journal.begin();
        TarSummary summary;
        Digest blob;
        long tarSize;
        try (ContentStore.Ingest ingest = engine.content().ingest()) {
            summary = source.writeTo(ingest.stream());
            if (summary.isEmpty()) {
                return Optional.empty();
            }
            blob = ingest.commit(null, -1);
            tarSize = ingest.count();
            if (ingest.created()) {
                createdBlobs.add(blob);
            }
        }
        LayerRecord kept = recordUnlessHeld(layerRecord(parent, new DiffId(blob), blob,
                dev.strata.image.MediaTypes.OCI_LAYER, tarSize, summary.size(), tarSize));
        if (!kept.parsedBlob().equals(blob)) {
            discardBlob(blob); // the store held this layer already, as another (compressed) blob
        }
        return Optional.of(kept);
    }

    /** Records a layer whose blob is already in the store (e.g. one this transaction wrote itself). */
    public LayerRecord putLayerRecord(LayerRecord record) throws IOException {
        ChainId chainId = record.parsedChainId();
        Optional<LayerRecord> existing = engine.layers().get(chainId);
        if (existing.isPresent()) {
            return existing.get();
        }
        journal.begin();
        createdLayers.add(chainId);
        engine.layers().put(record);
        return record;
    }

    /** Adds an image record; its config blob and layers must already be stored. */
    public void putImage(ImageRecord record) throws IOException {
        Digest id = Digest.parse(record.id());
        if (!engine.images().contains(id)) {
            journal.imageAdded(record.id());
            createdImages.add(id);
        }
        engine.images().put(record);
    }

    /** Points a reference at an image, as {@code tag} does. */
    public void setReference(String repository, String reference, Digest id) throws IOException {
        Optional<Digest> previous = engine.references().get(reference);
        journal.referenceChanging(reference, previous.map(Digest::toString).orElse(""));
        changedReferences.add(new String[] {repository, reference, previous.map(Digest::toString).orElse("")});
        engine.references().set(repository, reference, id);
    }

    /** Tags {@code id} as {@code reference} (already normalised, with a tag) and stamps the image's LastTagTime. */
    public void tag(Digest id, dev.strata.reference.Reference reference) throws IOException {
        engine.tag(this, id, reference);
    }

    void commit() throws IOException {
        journal.delete();
    }

    /** Undoes everything this transaction did, newest first. */
    void rollback() throws IOException {
        for (int i = changedReferences.size() - 1; i >= 0; i--) {
            String[] change = changedReferences.get(i);
            if (change[2].isEmpty()) {
                engine.references().remove(change[1]);
            } else {
                engine.references().set(change[0], change[1], Digest.parse(change[2]));
            }
        }
        for (Digest id : createdImages.reversed()) {
            engine.images().delete(id);
        }
        for (ChainId chainId : createdLayers.reversed()) {
            engine.layers().delete(chainId);
        }
        for (Digest blob : createdBlobs.reversed()) {
            engine.content().delete(blob);
        }
        journal.delete();
    }

    /** Copies what is read into a second stream, so a blob is stored while it is inspected. */
    private static final class TeeInputStream extends PassThroughInputStream {
        private final OutputStream copy;

        TeeInputStream(InputStream in, OutputStream copy) {
            super(in);
            this.copy = copy;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                copy.write(b);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                copy.write(buffer, offset, n);
            }
            return n;
        }
    }
}
