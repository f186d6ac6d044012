package dev.strata.engine;

import dev.strata.content.FileContentStore;
import dev.strata.digest.ChainId;
import dev.strata.digest.Digest;
import dev.strata.image.Image;
import dev.strata.image.ImageRecord;
import dev.strata.image.ImageStore;
import dev.strata.layer.LayerRecord;
import dev.strata.layer.LayerStore;
import dev.strata.reference.ReferenceStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The store's records and how they change: the content store (blobs by digest), image records, layer
 * records, references, and the one lock writers take. Every change goes through {@link #write}, which
 * holds the lock, first undoes what a dead writer left half done, and makes the caller's changes
 * all-or-nothing. Readers take no lock: every file is replaced by atomic rename.
 */
public final class Store {
    private final Path root;
    private final FileContentStore content;
    private final ImageStore images;
    private final LayerStore layers;
    private final ReferenceStore references;
    private final StoreLock lock;
    private GarbageCollector garbage;
    private Transaction current;

    Store(Path root) throws IOException {
        this.root = root;
        Files.createDirectories(root);
        this.content = new FileContentStore(root.resolve("content"));
        this.images = new ImageStore(root, content);
        this.layers = new LayerStore(root);
        this.references = new ReferenceStore(root);
        this.lock = new StoreLock(root);
    }

    /** The collection that recovery runs after undoing a dead writer's journal. */
    void collectWith(GarbageCollector collector) {
        this.garbage = collector;
    }

    public Path root() {
        return root;
    }

    public FileContentStore content() {
        return content;
    }

    public ImageStore images() {
        return images;
    }

    public LayerStore layers() {
        return layers;
    }

    public ReferenceStore references() {
        return references;
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Transaction tx) throws IOException;
    }

    /**
     * Runs {@code work} holding the store lock, as one transaction: if it throws, everything it added is
     * removed again and the store is as it was. Re-entrant calls join the outer transaction.
     */
    public <T> T write(Work<T> work) throws IOException {
        try (StoreLock.Held held = lock.acquire()) {
            if (current != null) {
                return work.run(current);
            }
            recoverIfInterrupted();
            Transaction tx = new Transaction(this);
            current = tx;
            try {
                T result = work.run(tx);
                tx.commit();
                return result;
            } catch (IOException | RuntimeException | Error e) {
                try {
                    tx.rollback();
                } catch (IOException | RuntimeException undo) {
                    e.addSuppressed(undo);
                }
                throw e;
            } finally {
                current = null;
            }
        }
    }

    boolean isLockedByCurrentThread() {
        return lock.isHeldByCurrentThread();
    }

    /** Undoes the transaction of a writer that died (its journal is still on disk), then sweeps what it left. */
    private void recoverIfInterrupted() throws IOException {
        Optional<Journal.Entries> journal = Journal.read(root);
        content.sweepAbandonedIngests();
        if (journal.isEmpty()) {
            return;
        }
        Journal.Entries entries = journal.get();
        if (entries.previousReferences() != null) {
            for (var change : entries.previousReferences().entrySet()) {
                if (change.getValue().isEmpty()) {
                    references.remove(change.getKey());
                } else {
                    references.set(repositoryOf(change.getKey()), change.getKey(), Digest.parse(change.getValue()));
                }
            }
        }
        if (entries.images() != null) {
            for (String id : entries.images()) {
                images.delete(Digest.parse(id));
            }
        }
        garbage.collect();
        Journal.delete(root);
    }

    /** The repository part of a full reference: everything before its tag or digest. */
    static String repositoryOf(String reference) {
        int at = reference.indexOf('@');
        String name = at >= 0 ? reference.substring(0, at) : reference;
        int slash = name.lastIndexOf('/');
        int colon = name.lastIndexOf(':');
        return colon > slash ? name.substring(0, colon) : name;
    }

    // ---- reads ----

    /** The image with this ID, if the store has it. */
    public Optional<Image> image(Digest id) throws IOException {
        return images.get(id);
    }

    /** The image with this ID; {@link NoSuchImageException} when the store has none. */
    public Image requireImage(Digest id) throws IOException {
        return image(id).orElseThrow(() -> new NoSuchImageException(id.toString()));
    }

    /** Layers of an image from its base up; fails if the store lacks one (a damaged store). */
    public List<LayerRecord> layersOf(Image image) throws IOException {
        List<LayerRecord> out = new ArrayList<>();
        for (ChainId chainId : ChainId.chain(image.diffIds())) {
            out.add(layers.get(chainId).orElseThrow(() -> new dev.strata.error.CorruptDataException("image "
                    + image.id().shortHex() + " needs layer " + chainId + ", which the store does not have")));
        }
        return out;
    }

    /** Sum of the unpacked sizes of {@code chain}, as Docker's image Size. */
    public static long sizeOf(List<LayerRecord> chain) {
        return chain.stream().mapToLong(LayerRecord::size).sum();
    }

    /** Image records whose parent is {@code id}. */
    public List<ImageRecord> childrenOf(Digest id) throws IOException {
        List<ImageRecord> out = new ArrayList<>();
        for (ImageRecord record : images.list()) {
            if (id.equals(record.parent())) {
                out.add(record);
            }
        }
        return out;
    }
}
