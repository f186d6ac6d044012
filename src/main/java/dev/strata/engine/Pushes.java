package dev.strata.engine;

import dev.strata.content.AtomicFile;
import dev.strata.content.BlobSpool;
import dev.strata.content.ContentStore;
import dev.strata.digest.ChainId;
import dev.strata.digest.DiffId;
import dev.strata.digest.Digest;
import dev.strata.image.ImageRecord;
import dev.strata.image.ImageSource;
import dev.strata.image.KnownBlob;
import dev.strata.image.Layer;
import dev.strata.layer.LayerRecord;
import dev.strata.reference.Reference;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The store's side of a push: the image as a source, leased for as long as the push takes (it reads
 * without the store lock, and a concurrent {@code rmi} must not take its layers away), what the store
 * knows of where its layers already are (so the push asks before it uploads), a spool for the forms the
 * push compresses, and, once the registry has the manifest, the record of what it learned: each layer's
 * new compressed form kept (so no layer is compressed twice), where each layer now is, the RepoDigest.
 */
public final class Pushes extends StoreJob {
    private final StoreImages images;
    private final Distribution distribution;

    Pushes(Parts parts, StoreImages images, Distribution distribution) {
        super(parts);
        this.images = images;
        this.distribution = distribution;
    }

    /** An image being pushed, with everything leased until {@link #close}. */
    public final class Session implements AutoCloseable {
        private final ImageSource image;
        private final Leases.Lease lease;
        private final Map<DiffId, List<KnownBlob>> known;
        private final Digest id;
        private final LeasedSpool spool;
        private boolean recorded;

        private Session(Digest id, ImageSource image, Leases.Lease lease, Map<DiffId, List<KnownBlob>> known) {
            this.id = id;
            this.image = image;
            this.lease = lease;
            this.known = known;
            this.spool = new LeasedSpool(lease);
        }

        public ImageSource image() {
            return image;
        }

        /** The compressed forms known for each layer, by diff ID. */
        public Map<DiffId, List<KnownBlob>> known() {
            return known;
        }

        /** Keeps blobs in the content store, leased until recorded. */
        public BlobSpool spool() {
            return spool;
        }

        /** Records what the push learned once the registry has the manifest: see {@link Pushes#record}. */
        public void record(Reference tag, Digest manifestDigest, byte[] manifest, List<Pushed> layers)
                throws IOException {
            Pushes.this.record(id, tag, manifestDigest, manifest, layers);
            recorded = true;
        }

        /**
         * Ends the lease. A push that failed after compressing a layer leaves that form unrecorded: it is
         * collected now rather than at some later collection, so a failed push leaves the store as it was.
         */
        @Override
        public void close() throws IOException {
            lease.close();
            if (!recorded && spool.keptAny) {
                garbage.collect();
            }
        }
    }

    /** Opens the image {@code id} for pushing. */
    public Session open(Digest id) throws IOException {
        return store.write(tx -> {
            ImageSource source = images.source(id);
            Set<ChainId> layers = new HashSet<>(ChainId.chain(source.image().diffIds()));
            Leases.Lease lease = garbage.leases().take(layers, Set.of(id));
            Map<DiffId, List<KnownBlob>> known = new HashMap<>();
            for (Layer layer : source.layers()) {
                known.put(layer.diffId(), distribution.known(layer.diffId()));
            }
            return new Session(id, source, lease, Map.copyOf(known));
        });
    }

    /** A layer as a registry now holds it, and whether the push compressed it here (the form to keep). */
    public record Pushed(DiffId diffId, KnownBlob blob, boolean compressedHere) {
    }

    /**
     * Records what a push of image {@code id} as {@code tag} (a full reference) learned: where its layers
     * are, the forms it compressed (kept in place of a plain blob, or beside an unpacked tree), the
     * manifest, and the RepoDigest {@code name@digest}.
     */
    private void record(Digest id, Reference tag, Digest manifestDigest, byte[] manifest, List<Pushed> layers)
            throws IOException {
        store.write(tx -> {
            ChainId chainId = null;
            for (Pushed pushed : layers) {
                chainId = chainId == null ? ChainId.first(pushed.diffId()) : chainId.then(pushed.diffId());
                distribution.add(pushed.diffId(), pushed.blob());
                if (!pushed.compressedHere()) {
                    continue;
                }
                LayerRecord record = store.layers().get(chainId).orElse(null);
                if (record == null || !store.content().contains(pushed.blob().digest())) {
                    continue;
                }
                if (record.blob() == null || record.blobIsPlainTar()) {
                    if (record.blob() != null) {
                        tx.deleteBlobAtCommit(record.blob());
                    }
                    tx.replaceLayerRecord(record.withBlob(pushed.blob().digest(), pushed.blob().mediaType(),
                            pushed.blob().size()));
                }
            }
            Digest stored = tx.putBlob(manifest);
            if (!stored.equals(manifestDigest)) {
                throw new IllegalStateException("the manifest pushed hashes to " + stored + ", not " + manifestDigest);
            }
            ImageRecord image = store.images().record(id).orElseThrow(() -> new NoSuchImageException(id.toString()));
            List<Digest> manifests = new ArrayList<>(image.manifests() == null ? List.of() : image.manifests());
            if (!manifests.contains(manifestDigest)) {
                manifests.add(manifestDigest);
            }
            tx.putImage(new ImageRecord(id, image.parent(), image.created(), image.size(), image.lastTagTime(), manifests));
            Reference digestReference = tag.withoutTagOrDigest().withDigest(manifestDigest);
            tx.setReference(digestReference.withoutTagOrDigest().toString(), digestReference.toString(), id);
            return null;
        });
        ImageEvents.record(store, "push", tag.familiarString(), id, tag.familiarString());
    }

    /** A spool in the content store; each blob is leased before it appears, so no collection takes it. */
    private final class LeasedSpool implements BlobSpool {
        private final Leases.Lease lease;
        private volatile boolean keptAny;

        LeasedSpool(Leases.Lease lease) {
            this.lease = lease;
        }

        @Override
        public Digest keep(AtomicFile.ContentWriter writer, long expectedSize) throws IOException {
            try (ContentStore.Ingest ingest = store.content().ingest()) {
                writer.writeTo(ingest.stream());
                Digest digest = ingest.digestSoFar();
                lease.add(digest);
                keptAny = true;
                return ingest.commit(digest, expectedSize);
            }
        }

        @Override
        public InputStream open(Digest digest) throws IOException {
            return store.content().open(digest);
        }

        @Override
        public byte[] readAll(Digest digest) throws IOException {
            return store.content().readAll(digest);
        }
    }
}
