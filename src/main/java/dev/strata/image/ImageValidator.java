package dev.strata.image;

import dev.strata.compression.Compression;
import dev.strata.digest.DiffId;
import dev.strata.digest.Digest;
import dev.strata.digest.DigestingInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks an image against itself, reading every byte, as go-containerregistry's {@code validate.Image}
 * does: the config parses and its digest is the image ID; there is one layer per diff ID, in order; each
 * layer's tar hashes to its diff ID and is as long as the layer says; each blob a layer is kept as hashes
 * to its digest, has its size, and decompresses to the diff ID; a manifest's config and layer
 * descriptors name those blobs with their sizes. Tests end with it, and it judges what any source or
 * sink made.
 */
public final class ImageValidator {
    private ImageValidator() {
    }

    /** Every problem found in {@code source}; empty when it is sound. */
    public static List<String> problems(ImageSource source) throws IOException {
        List<String> problems = new ArrayList<>();
        Image image = source.image();
        if (!Digest.sha256(image.rawConfig()).equals(image.id())) {
            problems.add("the config hashes to " + Digest.sha256(image.rawConfig()) + ", not the image ID " + image.id());
        }
        try {
            Image reparsed = Image.fromConfig(image.rawConfig());
            if (!reparsed.diffIds().equals(image.diffIds())) {
                problems.add("the parsed config's diff IDs are not the ones its bytes list");
            }
        } catch (RuntimeException e) {
            problems.add("the config does not parse: " + e.getMessage());
            return problems;
        }
        List<DiffId> diffIds = image.diffIds();
        List<Layer> layers = source.layers();
        if (layers.size() != diffIds.size()) {
            problems.add("the image has " + layers.size() + " layers for " + diffIds.size() + " diff IDs");
            return problems;
        }
        for (int i = 0; i < layers.size(); i++) {
            checkLayer(i + 1, layers.get(i), diffIds.get(i), problems);
        }
        return problems;
    }

    private static void checkLayer(int number, Layer layer, DiffId expected, List<String> problems) throws IOException {
        String name = "layer " + number;
        if (!layer.diffId().equals(expected)) {
            problems.add(name + " says its diff ID is " + layer.diffId() + ", the config " + expected);
        }
        try (DigestingInputStream tar = new DigestingInputStream(layer.openTar())) {
            tar.drain();
            if (!tar.digest().equals(expected.digest())) {
                problems.add(name + "'s tar hashes to " + tar.digest() + ", not its diff ID " + expected);
            }
            if (tar.count() != layer.tarSize()) {
                problems.add(name + "'s tar is " + tar.count() + " bytes, not the " + layer.tarSize() + " it says");
            }
        } catch (RuntimeException e) {
            problems.add(name + "'s tar cannot be read: " + e.getMessage());
        }
        for (Descriptor blob : layer.blobs()) {
            checkBlob(name, layer, blob, expected, problems);
        }
    }

    private static void checkBlob(String name, Layer layer, Descriptor blob, DiffId expected, List<String> problems)
            throws IOException {
        Digest digest = blob.parsedDigest();
        try (InputStream raw = layer.openBlob(digest);
             DigestingInputStream compressed = new DigestingInputStream(raw);
             BufferedInputStream buffered = new BufferedInputStream(compressed, 1 << 16);
             DigestingInputStream plain = new DigestingInputStream(Compression.detect(buffered).decompress(buffered))) {
            plain.drain();
            buffered.transferTo(java.io.OutputStream.nullOutputStream());
            if (!compressed.digest().equals(digest)) {
                problems.add(name + "'s blob " + digest + " hashes to " + compressed.digest());
            }
            if (compressed.count() != blob.size()) {
                problems.add(name + "'s blob " + digest + " is " + compressed.count() + " bytes, not " + blob.size());
            }
            if (!plain.digest().equals(expected.digest())) {
                problems.add(name + "'s blob " + digest + " decompresses to " + plain.digest() + ", not " + expected);
            }
        } catch (RuntimeException e) {
            problems.add(name + "'s blob " + digest + " cannot be read: " + e.getMessage());
        }
    }

    /**
     * Problems of {@code manifest} (raw bytes) as the manifest of {@code source}: its config descriptor
     * names the config by digest and size, and its layers name, in order, blobs the layers are kept as
     * (or, for a layer kept uncompressed, its tar by diff ID and tar size).
     */
    public static List<String> manifestProblems(byte[] manifest, ImageSource source) throws IOException {
        List<String> problems = new ArrayList<>();
        Manifest parsed;
        try {
            parsed = Manifest.fromJson(dev.strata.json.Json.requireObject(manifest));
        } catch (RuntimeException e) {
            return List.of("the manifest does not parse: " + e.getMessage());
        }
        Image image = source.image();
        if (parsed.config() == null || !image.id().toString().equals(parsed.config().digest())
                || parsed.config().size() != image.rawConfig().length) {
            problems.add("the manifest's config descriptor does not name the config (" + image.id() + ", "
                    + image.rawConfig().length + " bytes)");
        }
        List<Descriptor> named = parsed.layers() == null ? List.of() : parsed.layers();
        List<Layer> layers = source.layers();
        if (named.size() != layers.size()) {
            problems.add("the manifest lists " + named.size() + " layers, the image has " + layers.size());
            return problems;
        }
        for (int i = 0; i < layers.size(); i++) {
            Descriptor descriptor = named.get(i);
            Layer layer = layers.get(i);
            boolean asTar = descriptor.digest().equals(layer.diffId().toString()) && descriptor.size() == layer.tarSize();
            boolean asBlob = layer.blobs().stream().anyMatch(b -> b.digest().equals(descriptor.digest())
                    && b.size() == descriptor.size());
            if (!asTar && !asBlob) {
                problems.add("the manifest's layer " + (i + 1) + " (" + descriptor.digest() + ", " + descriptor.size()
                        + " bytes) is not how the image keeps its layer " + layer.diffId());
            }
        }
        return problems;
    }
}
