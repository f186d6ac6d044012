package dev.strata.engine;

import dev.strata.compression.Compression;
import dev.strata.content.AtomicFile;
import dev.strata.content.BlobSpool;
import dev.strata.digest.ChainId;
import dev.strata.digest.DiffId;
import dev.strata.digest.Digest;
import dev.strata.digest.VerifyingInputStream;
import dev.strata.error.NotFoundException;
import dev.strata.image.Descriptor;
import dev.strata.image.Image;
import dev.strata.image.ImageRecord;
import dev.strata.image.ImageSink;
import dev.strata.image.ImageSource;
import dev.strata.image.Layer;
import dev.strata.image.TaggedImage;
import dev.strata.layer.LayerRecord;
import dev.strata.reference.InvalidReferenceException;
import dev.strata.reference.Reference;
import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The store as a source and a sink of images, so that moving images in and out ({@code load},
 * {@code save}, and the registry's pull and push) is reading one source into one sink, with nothing
 * special for each pair. As a source, an image's layers open their tar from wherever the store keeps it
 * (a plain blob, a compressed one, or the unpacked tree and its tar-split); as a sink, a layer the store
 * already holds is not read again, and one whose blob is already in the content store (an archive
 * reader kept it there) is recorded without a copy.
 */
public final class StoreImages extends StoreJob {
    StoreImages(Parts parts) {
        super(parts);
    }

    // ---- the store as a source ----

    /** The image {@code id} as a source. */
    public ImageSource source(Digest id) throws IOException {
        Image image = store.requireImage(id);
        List<Layer> layers = new ArrayList<>();
        for (LayerRecord record : store.layersOf(image)) {
            layers.add(new StoredLayer(record));
        }
        return new StoredImage(image, List.copyOf(layers));
    }

    private record StoredImage(Image image, List<Layer> layers) implements ImageSource {
    }

    /** A layer as the store keeps it. */
    private final class StoredLayer implements Layer {
        private final LayerRecord record;
        private long tarSize = -1;

        StoredLayer(LayerRecord record) {
            this.record = record;
        }

        @Override
        public DiffId diffId() {
            return record.diffId();
        }

        @Override
        public long tarSize() throws IOException {
            if (tarSize < 0) {
                tarSize = record.tarSize() > 0 ? record.tarSize() : measureTar();
            }
            return tarSize;
        }

        /** For a record written before its tar length was kept: decompress once to count. */
        private long measureTar() throws IOException {
            if (record.blobIsPlainTar()) {
                return store.content().size(record.blob()).orElseThrow(() -> missing(record.blob()));
            }
            try (InputStream tar = openTar()) {
                return tar.transferTo(OutputStream.nullOutputStream());
            }
        }

        @Override
        public long contentSize() {
            return record.size();
        }

        @Override
        public List<Descriptor> blobs() {
            return record.blob() == null ? List.of()
                    : List.of(new Descriptor(record.mediaType(), record.blob(), record.blobSize()));
        }

        @Override
        public InputStream openTar() throws IOException {
            if (record.blob() == null) {
                return snapshots.openTar(record);
            }
            if (record.blobIsPlainTar()) {
                // the blob is named by its digest, the diff ID; as a file it can go by kernel copy
                return new FileInputStream(store.content().path(record.blob()).toFile());
            }
            InputStream blob = new BufferedInputStream(store.content().open(record.blob()), 1 << 16);
            Compression compression = Compression.detect(blob);
            return new VerifyingInputStream(compression.decompress(blob), record.diffId().digest(),
                    actual -> "layer " + record.diffId() + " is damaged in the store: its blob " + record.blob()
                            + " decompresses to content hashing to " + actual);
        }

        @Override
        public InputStream openBlob(Digest digest) throws IOException {
            if (!digest.equals(record.blob())) {
                throw new NotFoundException("the store does not keep layer " + record.diffId() + " as blob " + digest);
            }
            return store.content().open(digest);
        }
    }

    private static NotFoundException missing(Digest blob) {
        return new dev.strata.content.BlobNotFoundException(blob);
    }

    /** Images chosen from the store for a long read (a save), leased so that no removal takes them meanwhile. */
    public interface Selection extends AutoCloseable {
        List<TaggedImage> images();

        @Override
        void close() throws IOException;
    }

    /**
     * Resolves {@code arguments} as {@code docker save} does: an ID or ID prefix gives the image without
     * tags; {@code name:tag} with that tag; {@code name@digest} without a tag; a bare name every tag of
     * that repository (or, when it has none, is tried as an ID prefix). Images keep the order of first
     * mention; a parent is named when it is chosen too. The images and their layers are leased until the
     * selection is closed, so a concurrent {@code rmi} cannot take them away mid-save.
     */
    public Selection select(List<String> arguments) throws IOException {
        if (arguments.isEmpty()) {
            throw new IllegalArgumentException("nothing to save: name at least one image");
        }
        return store.write(tx -> {
            Map<Digest, List<Reference>> wanted = new LinkedHashMap<>();
            for (String argument : arguments) {
                resolveForSave(argument, wanted);
            }
            List<TaggedImage> images = new ArrayList<>();
            Set<ChainId> layers = new HashSet<>();
            Set<Digest> blobs = new HashSet<>();
            for (var entry : wanted.entrySet()) {
                Digest id = entry.getKey();
                ImageSource source = source(id);
                blobs.add(id);
                layers.addAll(ChainId.chain(source.image().diffIds()));
                Digest parent = store.images().record(id).map(ImageRecord::parent)
                        .filter(wanted::containsKey).orElse(null);
                images.add(new TaggedImage(source, entry.getValue(), parent));
            }
            Leases.Lease lease = garbage.leases().take(layers, blobs);
            List<TaggedImage> chosen = List.copyOf(images);
            for (TaggedImage image : chosen) {
                ImageEvents.record(store, "save", image.id(), image.id().toString());
            }
            return new Selection() {
                @Override
                public List<TaggedImage> images() {
                    return chosen;
                }

                @Override
                public void close() throws IOException {
                    lease.close();
                }
            };
        });
    }

    private void resolveForSave(String argument, Map<Digest, List<Reference>> wanted) throws IOException {
        if (Reference.looksLikeImageId(argument)) {
            add(wanted, names.resolve(argument), null);
            return;
        }
        Reference reference;
        try {
            reference = Reference.parse(argument);
        } catch (InvalidReferenceException e) {
            if (Reference.isIdPrefix(argument)) {
                add(wanted, names.resolve(argument), null);
                return;
            }
            throw e;
        }
        if (reference.digest().isPresent()) {
            add(wanted, names.resolve(argument), null);
        } else if (reference.tag().isPresent()) {
            add(wanted, names.resolve(argument), reference);
        } else {
            // docker save NAME saves every tag of the repository
            boolean any = false;
            for (var ref : store.references().all().entrySet()) {
                Reference stored = Reference.parse(ref.getKey());
                if (stored.name().equals(reference.name()) && stored.tag().isPresent() && stored.digest().isEmpty()
                        && store.images().contains(ref.getValue())) {
                    add(wanted, ref.getValue(), stored);
                    any = true;
                }
            }
            if (!any) {
                add(wanted, names.resolve(argument), null);
            }
        }
    }

    private static void add(Map<Digest, List<Reference>> wanted, Digest id, Reference tag) {
        List<Reference> tags = wanted.computeIfAbsent(id, k -> new ArrayList<>());
        if (tag != null && !tags.contains(tag)) {
            tags.add(tag);
        }
    }

    // ---- the store as a sink ----

    /** Reads images from somewhere that keeps what it meets in a spool (an archive read as a stream). */
    @FunctionalInterface
    public interface Reader {
        List<TaggedImage> read(BlobSpool spool) throws IOException;
    }

    /**
     * {@code load}: reads images with {@code reader} and puts them in the store, as one transaction. The
     * spool keeps blobs in the content store, where a layer that turns out to be wanted already is; the
     * rest is dropped at the end. A refusal (the reader's, or the store's) leaves the store as it was.
     */
    public LoadResult load(Reader reader) throws IOException {
        LoadResult result = store.write(tx -> {
            Spool spool = new Spool(tx);
            List<TaggedImage> images = reader.read(spool);
            Sink sink = new Sink(tx);
            for (TaggedImage image : images) {
                sink.put(image);
            }
            sink.finish();
            for (Digest kept : spool.kept) {
                if (!sink.used.contains(kept)) {
                    tx.discardBlob(kept);
                }
            }
            return sink.result();
        });
        for (LoadedImage image : result.images()) {
            ImageEvents.record(store, "load", image.id(), image.id().toString());
        }
        return result;
    }

    /** A spool in the content store, through the transaction: what it keeps goes if the load fails. */
    private static final class Spool implements BlobSpool {
        private final Transaction tx;
        private final Set<Digest> kept = new HashSet<>();

        Spool(Transaction tx) {
            this.tx = tx;
        }

        @Override
        public Digest keep(AtomicFile.ContentWriter writer, long expectedSize) throws IOException {
            Digest digest = tx.putBlob(writer, null, expectedSize);
            kept.add(digest);
            return digest;
        }

        @Override
        public InputStream open(Digest digest) throws IOException {
            return tx.store().content().open(digest);
        }

        @Override
        public byte[] readAll(Digest digest) throws IOException {
            return tx.store().content().readAll(digest);
        }
    }

    /**
     * The store as a sink, inside one transaction: layers, then the config and image record, and the tags
     * last, with the lines {@code docker load} prints.
     */
    private final class Sink implements ImageSink {
        private final Transaction tx;
        private final Set<Digest> used = new HashSet<>();
        private final List<TaggedImage> images = new ArrayList<>();

        Sink(Transaction tx) {
            this.tx = tx;
        }

        @Override
        public void put(TaggedImage tagged) throws IOException {
            ImageSource source = tagged.image();
            ChainId parent = null;
            List<LayerRecord> chain = new ArrayList<>();
            for (Layer layer : source.layers()) {
                LayerRecord record = putLayer(layer, parent);
                chain.add(record);
                parent = record.chainId();
            }
            Image image = source.image();
            Digest id = tx.putBlob(image.rawConfig());
            used.add(id);
            if (!store.images().contains(id)) {
                tx.putImage(ImageRecord.of(id, tagged.parent(), image.config().created(), Store.sizeOf(chain)));
            }
            images.add(tagged);
        }

        /** The layer on top of {@code parent}: the store's own if it holds that chain, else recorded from the source. */
        private LayerRecord putLayer(Layer layer, ChainId parent) throws IOException {
            ChainId chainId = parent == null ? ChainId.first(layer.diffId()) : parent.then(layer.diffId());
            Optional<LayerRecord> held = store.layers().get(chainId);
            if (held.isPresent() && tx.isWhole(held.get())) {
                markUsed(held.get());
                return held.get();
            }
            for (Descriptor blob : layer.blobs()) {
                Digest digest = blob.parsedDigest();
                if (store.content().contains(digest) && layer.contentSize() >= 0) {
                    LayerRecord record = tx.putLayerRecord(LayerRecord.ofBlob(parent, layer.diffId(), digest,
                            blob.mediaType(), blob.size(), layer.contentSize(), layer.tarSize()));
                    markUsed(record);
                    return record;
                }
            }
            LayerRecord record;
            if (layer.blobs().isEmpty()) {
                try (InputStream tar = layer.openTar()) {
                    record = tx.putLayer(tar, LayerPut.on(parent).diffId(layer.diffId()));
                }
            } else {
                Descriptor blob = layer.blobs().getFirst();
                try (InputStream in = layer.openBlob(blob.parsedDigest())) {
                    record = tx.putLayer(in, LayerPut.on(parent).diffId(layer.diffId()).blob(blob.parsedDigest(), blob.mediaType()));
                }
            }
            markUsed(record);
            return record;
        }

        private void markUsed(LayerRecord record) {
            if (record.blob() != null) {
                used.add(record.blob());
            }
            if (record.tarSplit() != null) {
                used.add(record.tarSplit());
            }
        }

        /**
         * Tags last: a tag moved from an image that was in the store before is not rolled back by the
         * image record's undo, so nothing that can refuse the load may come after it.
         */
        @Override
        public void finish() throws IOException {
            Map<Digest, List<String>> tagsById = new LinkedHashMap<>();
            for (TaggedImage tagged : images) {
                Digest id = tagged.id();
                List<String> tags = tagsById.computeIfAbsent(id, k -> new ArrayList<>());
                for (Reference tag : tagged.tags()) {
                    Optional<Digest> previous = store.references().get(tag.toString());
                    if (previous.isPresent() && !previous.get().equals(id)) {
                        lines.add("The image " + tag.familiarString() + " already exists, renaming the old one with ID "
                                + previous.get() + " to empty string");
                    }
                    tx.tag(id, tag);
                    lines.add("Loaded image: " + tag.familiarString());
                    if (!tags.contains(tag.familiarString())) {
                        tags.add(tag.familiarString());
                    }
                }
            }
            if (!images.isEmpty() && images.getLast().tags().isEmpty()) {
                for (TaggedImage tagged : images) {
                    lines.add("Loaded image ID: " + tagged.id());
                }
            }
            tagsById.forEach((id, tags) -> loaded.add(new LoadedImage(id, tags)));
        }

        private final List<String> lines = new ArrayList<>();
        private final List<LoadedImage> loaded = new ArrayList<>();

        LoadResult result() {
            return new LoadResult(loaded, lines);
        }
    }
}
