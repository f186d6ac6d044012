package dev.strata.engine;

import dev.strata.content.AtomicFile;
import dev.strata.content.ContentStore;
import dev.strata.digest.ChainId;
import dev.strata.digest.DiffId;
import dev.strata.digest.Digest;
import dev.strata.digest.DigestingInputStream;
import dev.strata.image.ImageRecord;
import dev.strata.compression.Compression;
import dev.strata.io.TeeInputStream;
import dev.strata.layer.LayerRecord;
import dev.strata.layer.LayerScan;
import dev.strata.layer.TarSummary;
import dev.strata.reference.Reference;
import dev.strata.layer.LayerCompression;
import dev.strata.image.MediaTypes;
import dev.strata.image.Timestamps;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A set of changes to the store that becomes visible whole or not at all. Every method runs under the
 * store lock (the engine hands a transaction out only while holding it). On failure {@link #rollback}
 * removes what this transaction added, leaving the store byte for byte as before; on a crash the
 * {@link Journal} lets the next writer do the same.
 */
public final class Transaction {
    private final Store store;
    private final Journal journal;
    private final List<Digest> createdBlobs = new ArrayList<>();
    private final List<ChainId> createdLayers = new ArrayList<>();
    private final List<LayerRecord> replacedLayers = new ArrayList<>();
    private final List<Digest> createdImages = new ArrayList<>();
    private final List<String[]> changedReferences = new ArrayList<>();
    private final List<Digest> deleteAtCommit = new ArrayList<>();

    Transaction(Store store) {
        this.store = store;
        this.journal = new Journal(store.root());
    }

    public Store store() {
        return store;
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
        try (ContentStore.Ingest ingest = store.content().ingest()) {
            writer.writeTo(ingest.stream());
            Digest digest = ingest.commit(expected, expectedSize);
            if (ingest.created()) {
                createdBlobs.add(digest);
            }
            return digest;
        }
    }

    /**
     * Commits an ingest written outside the transaction (a tar-split made beside a download) as one of
     * its blobs: it goes again if the transaction fails. Its digest is checked against {@code expected}
     * unless that is null.
     */
    public Digest commitIngest(ContentStore.Ingest ingest, Digest expected) throws IOException {
        journal.begin();
        Digest digest = ingest.commit(expected, -1);
        if (ingest.created()) {
            createdBlobs.add(digest);
        }
        return digest;
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
        store.content().delete(blob);
        return true;
    }

    /**
     * Stores a layer blob (a tar, plain, gzip or zstd) in one pass: the bytes are written to the store
     * while hashed, decompressed, hashed again for the diff ID and scanned as a tar, which both checks
     * the tar and measures its unpacked size. Records the layer on top of {@code parent} (null for a base
     * layer) unless the store already has that chain. {@code put} says on which layer and what the
     * source claims (blob digest, diff ID, media type), each checked when given.
     */
    public LayerRecord putLayer(InputStream blob, LayerPut put) throws IOException {
        ChainId parent = put.parent();
        Digest expectedBlob = put.expectedBlob();
        DiffId expectedDiffId = put.expectedDiffId();
        String mediaType = put.mediaType();
        journal.begin();
        try (ContentStore.Ingest ingest = store.content().ingest()) {
            InputStream tee = new TeeInputStream(blob, ingest.stream());
            BufferedInputStream buffered = new BufferedInputStream(tee, 1 << 16);
            Compression compression = LayerCompression.detect(buffered);
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
            String type = mediaType != null ? mediaType : compression.layerMediaType();
            return recordUnlessHeld(LayerRecord.ofBlob(parent, diffId, blobDigest, type, ingest.count(), scan.size(),
                    plain.count()));
        }
    }

    /** Records {@code made} unless the store holds its chain whole already; returns the record in force. */
    private LayerRecord recordUnlessHeld(LayerRecord made) throws IOException {
        ChainId chainId = made.chainId();
        Optional<LayerRecord> existing = store.layers().get(chainId);
        if (existing.isPresent() && isWhole(existing.get())) {
            return existing.get();
        }
        if (existing.isEmpty()) {
            createdLayers.add(chainId);
        } else {
            replacedLayers.add(existing.get()); // its bytes are gone: these take its place
        }
        store.layers().put(made);
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
        try (ContentStore.Ingest ingest = store.content().ingest()) {
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
        LayerRecord kept = recordUnlessHeld(LayerRecord.ofBlob(parent, new DiffId(blob), blob,
                MediaTypes.OCI_LAYER, tarSize, summary.size(), tarSize));
        if (!blob.equals(kept.blob())) {
            discardBlob(blob); // the store held this layer already, as another (compressed) blob
        }
        return Optional.of(kept);
    }

    /**
     * Records a layer whose bytes are already in the store (a blob this transaction kept, say), unless
     * the store holds that chain whole already; returns the record in force.
     */
    public LayerRecord putLayerRecord(LayerRecord record) throws IOException {
        journal.begin();
        return recordUnlessHeld(record);
    }

    /**
     * Replaces the record of a layer the store has (it was unpacked, and is now kept another way); the
     * old record comes back if the transaction fails.
     */
    public void replaceLayerRecord(LayerRecord record) throws IOException {
        LayerRecord previous = store.layers().get(record.chainId()).orElseThrow(() ->
                new IllegalStateException("no layer " + record.chainId() + " to replace"));
        journal.begin();
        replacedLayers.add(previous);
        store.layers().put(record);
    }

    /**
     * Deletes {@code blob} once the transaction has committed, not before: until then a rollback may
     * bring back a record that names it. A crash in between leaves it unreferenced, for the next
     * collection.
     */
    public void deleteBlobAtCommit(Digest blob) {
        deleteAtCommit.add(blob);
    }

    /** Whether the store holds all the bytes a layer record says it is kept as. */
    boolean isWhole(LayerRecord record) {
        return (record.blob() == null || store.content().contains(record.blob()))
                && (record.tarSplit() == null || store.content().contains(record.tarSplit()));
    }

    /** Adds an image record; its config blob and layers must already be stored. */
    public void putImage(ImageRecord record) throws IOException {
        Digest id = record.id();
        if (!store.images().contains(id)) {
            journal.imageAdded(id.toString());
            createdImages.add(id);
        }
        store.images().put(record);
    }

    /** Points a reference at an image, as {@code tag} does. */
    public void setReference(String repository, String reference, Digest id) throws IOException {
        Optional<Digest> previous = store.references().get(reference);
        journal.referenceChanging(reference, previous.map(Digest::toString).orElse(""));
        changedReferences.add(new String[] {repository, reference, previous.map(Digest::toString).orElse("")});
        store.references().set(repository, reference, id);
    }

    /** Removes a reference (an untag); it comes back if the transaction fails. */
    public void removeReference(String reference) throws IOException {
        Optional<Digest> previous = store.references().get(reference);
        if (previous.isEmpty()) {
            return;
        }
        journal.referenceChanging(reference, previous.get().toString());
        changedReferences.add(new String[] {Store.repositoryOf(reference), reference, previous.get().toString()});
        store.references().remove(reference);
    }

    /** Tags {@code id} as {@code reference} (already normalised, with a tag) and stamps the image's LastTagTime. */
    public void tag(Digest id, Reference reference) throws IOException {
        setReference(reference.withoutTagOrDigest().toString(), reference.toString(), id);
        ImageRecord record = store.images().record(id).orElseThrow(() -> new NoSuchImageException(id.toString()));
        store.images().put(record.withLastTagTime(Timestamps.now()));
    }

    void commit() throws IOException {
        journal.delete();
        for (Digest blob : deleteAtCommit) {
            store.content().delete(blob);
        }
    }

    /** Undoes everything this transaction did, newest first. */
    void rollback() throws IOException {
        for (int i = changedReferences.size() - 1; i >= 0; i--) {
            String[] change = changedReferences.get(i);
            if (change[2].isEmpty()) {
                store.references().remove(change[1]);
            } else {
                store.references().set(change[0], change[1], Digest.parse(change[2]));
            }
        }
        for (Digest id : createdImages.reversed()) {
            store.images().delete(id);
        }
        for (LayerRecord previous : replacedLayers.reversed()) {
            store.layers().put(previous);
        }
        for (ChainId chainId : createdLayers.reversed()) {
            store.layers().delete(chainId);
        }
        for (Digest blob : createdBlobs.reversed()) {
            store.content().delete(blob);
        }
        journal.delete();
    }
}
