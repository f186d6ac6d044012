package dev.strata.archive;

import dev.strata.compression.Compression;
import dev.strata.digest.DiffId;
import dev.strata.digest.Digest;
import dev.strata.engine.Engine;
import dev.strata.engine.NoSuchImageException;
import dev.strata.image.Image;
import dev.strata.image.ImageRecord;
import dev.strata.layer.LayerRecord;
import dev.strata.reference.InvalidReferenceException;
import dev.strata.reference.Reference;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a save writes, resolved from the arguments as {@code docker save} resolves them, with every layer
 * blob already open. An open file survives its deletion on Linux, so once the plan is made (under the
 * store lock, briefly) the save streams without the lock and a concurrent {@code rmi} cannot pull a
 * layer out from under it.
 */
final class SavePlan implements AutoCloseable {

    /** An image to save: its config, the tags to write for it (familiar and full), its layers, and its parent if also saved. */
    record SavedImage(Image image, List<Reference> tags, List<SavedLayer> layers, Digest parent) {
    }

    /** A layer to write uncompressed: its diff ID names it in the archive; its tar is {@code tarSize} bytes. */
    record SavedLayer(DiffId diffId, long tarSize, Compression compression, Digest blob, FileChannel channel) {
    }

    private final List<SavedImage> images;
    private final List<FileChannel> open;

    private SavePlan(List<SavedImage> images, List<FileChannel> open) {
        this.images = images;
        this.open = open;
    }

    List<SavedImage> images() {
        return images;
    }

    /**
     * Resolves {@code names}: an ID or ID prefix saves the image without tags; {@code name:tag} saves it
     * with that tag; {@code name@digest} without a tag; a bare name saves every tag of that repository
     * (or, when it has none, is tried as an ID prefix). Images keep the order of first mention.
     */
    static SavePlan resolve(Engine engine, List<String> names) throws IOException {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("nothing to save: name at least one image");
        }
        Map<Digest, List<Reference>> wanted = new LinkedHashMap<>();
        for (String name : names) {
            resolveName(engine, name, wanted);
        }
        List<FileChannel> open = new ArrayList<>();
        try {
            Map<DiffId, SavedLayer> layers = new LinkedHashMap<>();
            List<SavedImage> images = new ArrayList<>();
            for (var entry : wanted.entrySet()) {
                Digest id = entry.getKey();
                Image image = engine.image(id).orElseThrow(() -> new NoSuchImageException(id.toString()));
                List<SavedLayer> imageLayers = new ArrayList<>();
                for (LayerRecord record : engine.layersOf(image)) {
                    SavedLayer layer = layers.get(record.parsedDiffId());
                    if (layer == null) {
                        layer = open(engine, record, open);
                        layers.put(record.parsedDiffId(), layer);
                    }
                    imageLayers.add(layer);
                }
                Digest parent = engine.images().record(id).map(ImageRecord::parent)
                        .filter(p -> Digest.isDigest(p) && wanted.containsKey(Digest.parse(p)))
                        .map(Digest::parse).orElse(null);
                images.add(new SavedImage(image, List.copyOf(entry.getValue()), List.copyOf(imageLayers), parent));
            }
            return new SavePlan(List.copyOf(images), open);
        } catch (IOException | RuntimeException e) {
            closeAll(open, e);
            throw e;
        }
    }

    private static void resolveName(Engine engine, String name, Map<Digest, List<Reference>> wanted) throws IOException {
        if (Reference.looksLikeImageId(name)) {
            add(wanted, engine.resolveImage(name), null);
            return;
        }
        Reference reference;
        try {
            reference = Reference.parse(name);
        } catch (InvalidReferenceException e) {
            if (Reference.isIdPrefix(name)) {
                add(wanted, engine.resolveImage(name), null);
                return;
            }
            throw e;
        }
        if (reference.digest().isPresent()) {
            add(wanted, engine.resolveImage(name), null);
        } else if (reference.tag().isPresent()) {
            add(wanted, engine.resolveImage(name), reference);
        } else {
            // docker save NAME saves every tag of the repository
            boolean any = false;
            for (var ref : engine.references().all().entrySet()) {
                Reference stored = Reference.parse(ref.getKey());
                if (stored.name().equals(reference.name()) && stored.tag().isPresent() && stored.digest().isEmpty()
                        && engine.images().contains(ref.getValue())) {
                    add(wanted, ref.getValue(), stored);
                    any = true;
                }
            }
            if (!any) {
                add(wanted, engine.resolveImage(name), null);
            }
        }
    }

    private static void add(Map<Digest, List<Reference>> wanted, Digest id, Reference tag) {
        List<Reference> tags = wanted.computeIfAbsent(id, k -> new ArrayList<>());
        if (tag != null && !tags.contains(tag)) {
            tags.add(tag);
        }
    }

    private static SavedLayer open(Engine engine, LayerRecord record, List<FileChannel> open) throws IOException {
        Digest blob = record.parsedBlob();
        FileChannel channel = FileChannel.open(engine.content().path(blob), StandardOpenOption.READ);
        open.add(channel);
        Compression compression = Compression.detect(new BufferedInputStream(new ChannelInputStream(channel), 16));
        long tarSize = switch (compression) {
            case NONE -> channel.size();
            case GZIP, ZSTD -> record.tarSize() > 0 ? record.tarSize() : uncompressedSize(channel, compression);
            case BZIP2, XZ -> throw new IOException("layer " + record.diffId() + ": its blob " + blob + " is "
                    + compression.displayName() + "-compressed, which Strata cannot save");
        };
        return new SavedLayer(record.parsedDiffId(), tarSize, compression, blob, channel);
    }

    /** For a layer recorded before its tar length was kept: decompress once just to count. */
    private static long uncompressedSize(FileChannel channel, Compression compression) throws IOException {
        try (InputStream in = compression.decompress(new BufferedInputStream(new ChannelInputStream(channel), 1 << 16))) {
            return in.transferTo(OutputStream.nullOutputStream());
        }
    }

    /**
     * Reads a file channel from its start by positional reads, which leave the channel's position alone,
     * and ignores close (unlike {@link java.nio.channels.Channels#newInputStream}, which closes the
     * channel): the plan owns its channels until it is closed.
     */
    static final class ChannelInputStream extends InputStream {
        private final FileChannel channel;
        private long position;

        ChannelInputStream(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            int n = channel.read(java.nio.ByteBuffer.wrap(buffer, offset, length), position);
            if (n > 0) {
                position += n;
            }
            return n;
        }

        @Override
        public void close() {
            // the channel belongs to the plan
        }
    }

    @Override
    public void close() throws IOException {
        closeAll(open, null);
    }

    private static void closeAll(List<FileChannel> channels, Exception primary) throws IOException {
        IOException failure = null;
        for (FileChannel channel : channels) {
            try {
                channel.close();
            } catch (IOException e) {
                if (primary != null) {
                    primary.addSuppressed(e);
                } else if (failure == null) {
                    failure = e;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
