package dev.strata.engine;

import dev.strata.compression.Compression;
import dev.strata.content.ContentStore;
import dev.strata.digest.ChainId;
import dev.strata.digest.Digest;
import dev.strata.digest.VerifyingInputStream;
import dev.strata.error.InvalidInputException;
import dev.strata.image.Descriptor;
import dev.strata.image.Image;
import dev.strata.image.ImageRecord;
import dev.strata.image.ImageSource;
import dev.strata.image.KnownBlob;
import dev.strata.image.Layer;
import dev.strata.image.TransferProgress;
import dev.strata.io.PassThroughInputStream;
import dev.strata.io.TeeInputStream;
import dev.strata.layer.LayerRecord;
import dev.strata.reference.Reference;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Puts a remote image (any {@link ImageSource} whose layers are fetched as they are read: a registry's)
 * into the store the way a pull should: the layers the store holds are not fetched ("Already exists");
 * the others are fetched a few at a time, each kept as it arrives (the compressed blob, for a push to
 * reuse) and, in the same pass, decompressed, checked against its diff ID and unpacked, so a layer is
 * ready to run on when its last byte arrives. Only the recording at the end takes the store lock.
 *
 * <p>A layer can be unpacked only on its parent's snapshot: a layer whose parent is still being fetched
 * is downloaded first and unpacked from its kept blob once the parent is ready (from the page cache,
 * where it just went). Until the records name them, what the pull makes (blobs, snapshots) is kept
 * from the garbage collection by a lease; a pull that fails or dies leaves nothing named, and the next
 * collection sweeps the rest. The blob streams themselves check each blob's digest and resume a cut
 * download (the registry client's business), so a second pull fetches only what the first lacked.
 */
public final class Pulls extends StoreJob {
    private final Distribution distribution;

    Pulls(Parts parts, Distribution distribution) {
        super(parts);
        this.distribution = distribution;
    }

    /**
     * What to pull: the image, the tags to give it (full references), the digest reference it was pulled
     * by ({@code name@sha256:…} of its manifest, or null), the manifest's bytes as received (recorded with
     * the image, or null), where to report, and how many layers to fetch at once.
     */
    public record Request(ImageSource image, List<Reference> tags, Reference digestReference, byte[] manifest,
                          TransferProgress progress, int parallelLayers) {
        public Request {
            tags = List.copyOf(tags);
            if (parallelLayers < 1) {
                throw new IllegalArgumentException("parallel layers must be at least 1, not " + parallelLayers);
            }
        }
    }

    /** The image pulled, and whether anything changed (a layer fetched, a tag moved) or it was up to date. */
    public record Result(Digest id, boolean changed) {
    }

    /** A layer fetched and unpacked, not yet recorded. */
    private record Fetched(Descriptor blob, long tarSize, long contentSize, ContentStore.Ingest split) {
    }

    public Result pull(Request request) throws IOException {
        ImageSource source = request.image();
        Image image = source.image();
        List<Layer> layers = source.layers();
        List<ChainId> chain = ChainId.chain(image.diffIds());
        if (layers.size() != chain.size()) {
            throw new InvalidInputException("image " + image.id() + " has " + layers.size() + " layers for "
                    + chain.size() + " diff IDs");
        }
        Set<Digest> blobs = new HashSet<>(Set.of(image.id()));
        for (Layer layer : layers) {
            blobs.add(blobOf(layer).parsedDigest());
        }
        Leases.Lease lease = store.write(tx -> garbage.leases().take(Set.copyOf(chain), blobs));
        List<Fetched> fetched = List.of();
        try {
            int held = heldPrefix(chain);
            for (int i = 0; i < held; i++) {
                request.progress().status(blobOf(layers.get(i)).parsedDigest(), "Already exists");
            }
            if (held < chain.size()) {
                List<LayerRecord> base = new ArrayList<>();
                for (int i = 0; i < held; i++) {
                    base.add(store.layers().get(chain.get(i)).orElseThrow());
                }
                snapshots.unpack(base);
                fetched = fetch(layers, chain, held, request);
            }
            Result result = record(request, chain, held, fetched);
            // Docker names a pull by the reference pulled, in both the ID and the name
            for (Reference tag : request.tags().isEmpty() && request.digestReference() != null
                    ? List.of(request.digestReference()) : request.tags()) {
                ImageEvents.record(store, "pull", tag.familiarString(), result.id(), tag.familiarString());
            }
            return result;
        } finally {
            for (Fetched f : fetched) {
                if (f.split() != null) {
                    f.split().close();
                }
            }
            lease.close();
        }
    }

    private static Descriptor blobOf(Layer layer) {
        if (layer.blobs().isEmpty()) {
            throw new InvalidInputException("layer " + layer.diffId() + " names no blob to fetch");
        }
        return layer.blobs().getFirst();
    }

    /** How many layers from the base up the store holds whole: a chain ID held means all below it are. */
    private int heldPrefix(List<ChainId> chain) throws IOException {
        int held = 0;
        for (ChainId chainId : chain) {
            Optional<LayerRecord> record = store.layers().get(chainId);
            if (record.isEmpty() || !isWhole(record.get())) {
                break;
            }
            held++;
        }
        return held;
    }

    private boolean isWhole(LayerRecord record) {
        return (record.blob() == null || store.content().contains(record.blob()))
                && (record.tarSplit() == null || store.content().contains(record.tarSplit()));
    }

    /** Fetches layers {@code from}.. on virtual threads, {@code parallelLayers} downloads at a time. */
    private List<Fetched> fetch(List<Layer> layers, List<ChainId> chain, int from, Request request) throws IOException {
        int count = chain.size();
        List<CompletableFuture<Void>> unpacked = new ArrayList<>();
        for (int i = 0; i <= count; i++) {
            unpacked.add(new CompletableFuture<>());
        }
        unpacked.get(from).complete(null); // the held layers' top (or nothing) is unpacked
        for (int i = from; i < count; i++) {
            request.progress().status(blobOf(layers.get(i)).parsedDigest(), "Pulling fs layer");
        }
        Semaphore downloads = new Semaphore(request.parallelLayers());
        AtomicBoolean failed = new AtomicBoolean();
        List<Future<Fetched>> tasks = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = from; i < count; i++) {
                int index = i;
                tasks.add(threads.submit(() -> {
                    try {
                        Fetched done = fetchOne(layers.get(index), chain, index, unpacked, downloads, failed,
                                request.progress());
                        unpacked.get(index + 1).complete(null);
                        return done;
                    } catch (IOException | RuntimeException | Error e) {
                        failed.set(true);
                        unpacked.get(index + 1).completeExceptionally(e);
                        throw e;
                    }
                }));
            }
        }
        List<Fetched> out = new ArrayList<>();
        Throwable first = null;
        for (Future<Fetched> task : tasks) {
            try {
                out.add(task.get());
            } catch (ExecutionException e) {
                first = first == null ? firstCause(e.getCause()) : first;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                first = first == null ? new InterruptedIOException("pull interrupted") : first;
            }
        }
        if (first != null) {
            cleanUp(out, chain, from);
            switch (first) {
                case IOException e -> throw e;
                case RuntimeException e -> throw e;
                case Error e -> throw e;
                default -> throw new IOException(first);
            }
        }
        return out;
    }

    /** The failure that started it: a layer that only waited on a failed parent reports the parent's failure. */
    private static Throwable firstCause(Throwable e) {
        return e instanceof java.util.concurrent.CompletionException c && c.getCause() != null ? c.getCause() : e;
    }

    /** After a failure: the splits go, and the snapshots this pull unpacked but never recorded. */
    private void cleanUp(List<Fetched> done, List<ChainId> chain, int from) throws IOException {
        for (Fetched f : done) {
            if (f.split() != null) {
                f.split().close();
            }
        }
        var snapshotter = snapshots.snapshotter();
        for (int i = chain.size() - 1; i >= from; i--) {
            String name = chain.get(i).toString();
            if (!store.layers().contains(chain.get(i)) && snapshotter.stat(name).isPresent()) {
                try {
                    snapshotter.remove(name);
                } catch (RuntimeException inUse) {
                    // another pull of the same layer uses it: the collection decides later
                }
            }
        }
    }

    private Fetched fetchOne(Layer layer, List<ChainId> chain, int index, List<CompletableFuture<Void>> unpacked,
                             Semaphore downloads, AtomicBoolean failed, TransferProgress progress)
            throws IOException, InterruptedException {
        Descriptor blob = blobOf(layer);
        Digest digest = blob.parsedDigest();
        if (!downloads.tryAcquire()) {
            progress.status(digest, "Waiting");
            downloads.acquire();
        }
        boolean holding = true;
        String name = chain.get(index).toString();
        String parent = index == 0 ? null : chain.get(index - 1).toString();
        ContentStore.Ingest split = store.content().ingest();
        boolean done = false;
        try (ContentStore.Ingest kept = store.content().ingest();
             InputStream network = new Watched(layer.openBlob(digest), digest, blob.size(), failed, progress)) {
            InputStream tee = new BufferedInputStream(new TeeInputStream(network, kept.stream()), 1 << 16);
            LayerSnapshots.Extracted extracted;
            VerifyingInputStream tar;
            if (unpacked.get(index).isDone()) {
                // the parent is ready: unpack as the bytes arrive
                tar = verified(layer, Compression.detect(tee).decompress(tee));
                extracted = snapshots.extract(tar, name, parent, split.stream());
                tee.transferTo(OutputStream.nullOutputStream()); // what follows the compressed stream's end
                progress.status(digest, "Verifying Checksum");
                commitBlob(kept, blob);
                progress.status(digest, "Download complete");
            } else {
                tee.transferTo(OutputStream.nullOutputStream());
                progress.status(digest, "Verifying Checksum");
                commitBlob(kept, blob);
                progress.status(digest, "Download complete");
                downloads.release();
                holding = false;
                unpacked.get(index).join(); // a failed parent fails this one too
                progress.status(digest, "Extracting");
                try (InputStream stored = new BufferedInputStream(store.content().open(digest), 1 << 16)) {
                    tar = verified(layer, Compression.detect(stored).decompress(stored));
                    extracted = snapshots.extract(tar, name, parent, split.stream());
                }
            }
            progress.status(digest, "Pull complete");
            boolean splitServes = extracted.committed() && extracted.spoiled() == null;
            done = true;
            if (!splitServes) {
                split.close();
            }
            return new Fetched(blob, tar.count(), extracted.result().size(), splitServes ? split : null);
        } finally {
            if (holding) {
                downloads.release();
            }
            if (!done) {
                split.close();
            }
        }
    }

    /** The layer's tar, checked against its diff ID as its end is read (which the extraction does). */
    private static VerifyingInputStream verified(Layer layer, InputStream tar) {
        return new VerifyingInputStream(tar, layer.diffId().digest(), actual -> "layer " + layer.diffId()
                + ": its uncompressed content hashes to " + actual + ", not the diff ID its image config lists");
    }

    /** The blob as it arrived, visible in the content store (the lease keeps it until the record names it). */
    private static void commitBlob(ContentStore.Ingest kept, Descriptor blob) throws IOException {
        kept.commit(blob.parsedDigest(), blob.size());
    }

    /** Records the fetched layers, the config, the manifest, the image and its names, in one short transaction. */
    private Result record(Request request, List<ChainId> chain, int held, List<Fetched> fetched) throws IOException {
        Image image = request.image().image();
        return store.write(tx -> {
            boolean changed = !fetched.isEmpty();
            ChainId parent = held == 0 ? null : chain.get(held - 1);
            for (int i = 0; i < fetched.size(); i++) {
                Fetched f = fetched.get(i);
                LayerRecord record = LayerRecord.ofBlob(parent, image.diffIds().get(held + i), f.blob().parsedDigest(),
                        f.blob().mediaType(), f.blob().size(), f.contentSize(), f.tarSize());
                if (f.split() != null) {
                    Digest split = tx.commitIngest(f.split(), null);
                    boolean keepBlob = !record.blobIsPlainTar();
                    record = record.unpacked(split, keepBlob);
                    if (!keepBlob) {
                        tx.deleteBlobAtCommit(f.blob().parsedDigest());
                    }
                }
                parent = tx.putLayerRecord(record).chainId();
            }
            Digest id = tx.putBlob(image.rawConfig());
            List<Digest> manifests = new ArrayList<>();
            Optional<ImageRecord> existing = store.images().record(id);
            existing.map(ImageRecord::manifests).ifPresent(manifests::addAll);
            if (request.manifest() != null) {
                Digest manifest = tx.putBlob(request.manifest());
                if (!manifests.contains(manifest)) {
                    manifests.add(manifest);
                }
            }
            long size = Store.sizeOf(store.layersOf(image));
            if (existing.isEmpty()) {
                changed = true;
            }
            ImageRecord base = existing.orElse(ImageRecord.of(id, null, image.config().created(), size));
            tx.putImage(new ImageRecord(id, base.parent(), base.created(), size, base.lastTagTime(),
                    manifests.isEmpty() ? null : manifests));
            for (Reference tag : request.tags()) {
                if (!store.references().get(tag.toString()).map(id::equals).orElse(false)) {
                    changed = true;
                    tx.tag(id, tag);
                }
            }
            if (request.digestReference() != null) {
                Reference named = request.digestReference();
                tx.setReference(named.withoutTagOrDigest().toString(), named.toString(), id);
                // the repository holds every layer as the blob its manifest names: a push there asks first
                for (Layer layer : request.image().layers()) {
                    Descriptor blob = blobOf(layer);
                    distribution.add(layer.diffId(), new KnownBlob(blob.parsedDigest(), blob.mediaType(), blob.size(),
                            named.domain(), named.path()));
                }
            }
            return new Result(id, changed);
        });
    }

    /** Reports download progress and stops reading once another layer of the pull has failed. */
    private static final class Watched extends PassThroughInputStream {
        private final Digest digest;
        private final long total;
        private final AtomicBoolean failed;
        private final TransferProgress progress;
        private long count;
        private long reported;

        Watched(InputStream in, Digest digest, long total, AtomicBoolean failed, TransferProgress progress) {
            super(in);
            this.digest = digest;
            this.total = total;
            this.failed = failed;
            this.progress = progress;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (failed.get()) {
                throw new InterruptedIOException("another layer of this pull failed");
            }
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count += n;
                if (count - reported >= (1 << 20) || count == total) {
                    reported = count;
                    progress.bytes(digest, "Downloading", count, total);
                }
            }
            return n;
        }
    }
}
