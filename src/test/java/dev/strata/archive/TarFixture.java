package dev.strata.archive;

import dev.strata.digest.Digest;
import dev.strata.image.Descriptor;
import dev.strata.image.ImageIndex;
import dev.strata.image.Manifest;
import dev.strata.image.MediaTypes;
import dev.strata.image.Platform;
import dev.strata.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Archives built entry by entry, so tests can write them the way Docker, skopeo or a careless tool
 * would, and damage them precisely. An entry's value is its content (byte[]) or a {@link Link}.
 */
final class TarFixture {
    private TarFixture() {
    }

    /** A symbolic link entry. */
    record Link(String target) {
    }

    /** Writes the entries, in order, as a tar. */
    static byte[] tar(Map<String, Object> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (var e : entries.entrySet()) {
                TarArchiveEntry entry;
                if (e.getValue() instanceof Link(String target)) {
                    entry = new TarArchiveEntry(e.getKey(), TarArchiveEntry.LF_SYMLINK);
                    entry.setLinkName(target);
                    entry.setModTime(0);
                    tar.putArchiveEntry(entry);
                } else {
                    byte[] content = (byte[]) e.getValue();
                    entry = new TarArchiveEntry(e.getKey());
                    entry.setSize(content.length);
                    entry.setModTime(0);
                    tar.putArchiveEntry(entry);
                    tar.write(content);
                }
                tar.closeArchiveEntry();
            }
            tar.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * A {@code docker save} archive as Docker 20.10 writes it: per layer a directory with VERSION, json
     * and layer.tar (a symlink to the first copy when a layer repeats), a config {@code HEX.json} per
     * image, then manifest.json and repositories last.
     */
    static Map<String, Object> dockerArchive(TestImage... images) {
        Map<String, Object> entries = new LinkedHashMap<>();
        List<Map<String, Object>> manifest = new ArrayList<>();
        Map<String, String> firstDirByDiffId = new HashMap<>();
        Map<String, Map<String, String>> repositories = new TreeMap<>();
        int layerNumber = 0;
        for (TestImage image : images) {
            List<String> layerPaths = new ArrayList<>();
            for (byte[] layer : image.layers()) {
                String diffId = Digest.sha256(layer).encoded();
                // Docker names these directories by v1 layer IDs, different per image; any unique name will do
                String dir = Digest.sha256("v1 " + image.id() + " " + layerNumber++).encoded();
                entries.put(dir + "/VERSION", "1.0".getBytes(StandardCharsets.UTF_8));
                entries.put(dir + "/json", ("{\"id\":\"" + dir + "\"}").getBytes(StandardCharsets.UTF_8));
                String first = firstDirByDiffId.putIfAbsent(diffId, dir);
                entries.put(dir + "/layer.tar", first == null ? layer : new Link("../" + first + "/layer.tar"));
                layerPaths.add(dir + "/layer.tar");
            }
            entries.put(image.id().encoded() + ".json", image.config());
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("Config", image.id().encoded() + ".json");
            item.put("RepoTags", image.tags().isEmpty() ? null : image.tags());
            item.put("Layers", layerPaths);
            manifest.add(item);
            for (String tag : image.tags()) {
                int colon = tag.lastIndexOf(':');
                if (colon < 0) {
                    continue;
                }
                repositories.computeIfAbsent(tag.substring(0, colon), k -> new TreeMap<>())
                        .put(tag.substring(colon + 1), "x");
            }
        }
        entries.put("manifest.json", Json.write(manifest));
        entries.put("repositories", Json.write(repositories));
        return entries;
    }

    /**
     * An OCI image layout: blobs (layers compressed by {@code compress}, named {@code mediaType}), one
     * manifest per image, and index.json naming each tag with the annotations Docker 25 writes.
     */
    static Map<String, Object> ociLayout(UnaryOperator<byte[]> compress, String layerMediaType, TestImage... images) {
        Map<String, Object> blobs = new LinkedHashMap<>();
        List<Descriptor> index = new ArrayList<>();
        for (TestImage image : images) {
            Descriptor manifest = ociManifest(blobs, compress, layerMediaType, image);
            if (image.tags().isEmpty()) {
                index.add(manifest);
            }
            for (String tag : image.tags()) {
                var ref = dev.strata.reference.Reference.parse(tag);
                index.add(manifest.withAnnotations(new TreeMap<>(Map.of(
                        "io.containerd.image.name", ref.toString(),
                        "org.opencontainers.image.ref.name", ref.tag().orElseThrow()))));
            }
        }
        Map<String, Object> entries = new LinkedHashMap<>();
        entries.put("oci-layout", ArchiveWriter.OCI_LAYOUT_CONTENT);
        blobs.forEach(entries::put);
        entries.put("index.json", Json.write(ImageIndex.oci(index)));
        return entries;
    }

    /** Adds an image's layer, config and manifest blobs; returns the manifest's descriptor (with platform). */
    static Descriptor ociManifest(Map<String, Object> blobs, UnaryOperator<byte[]> compress, String layerMediaType,
                                  TestImage image) {
        List<Descriptor> layers = new ArrayList<>();
        for (byte[] layer : image.layers()) {
            byte[] blob = compress.apply(layer);
            layers.add(new Descriptor(layerMediaType, putBlob(blobs, blob), blob.length));
        }
        Digest config = putBlob(blobs, image.config());
        byte[] manifest = Json.write(Manifest.oci(new Descriptor(MediaTypes.OCI_CONFIG, config, image.config().length), layers));
        return new Descriptor(MediaTypes.OCI_MANIFEST, putBlob(blobs, manifest), manifest.length)
                .withPlatform(Platform.of("linux", "amd64"));
    }

    static Digest putBlob(Map<String, Object> blobs, byte[] content) {
        Digest digest = Digest.sha256(content);
        blobs.put("blobs/sha256/" + digest.encoded(), content);
        return digest;
    }

    /** Writes entries as files (and symlinks) under {@code dir}. */
    static void writeDirectory(Map<String, Object> entries, Path dir) throws IOException {
        for (var e : entries.entrySet()) {
            Path path = dir.resolve(e.getKey());
            Files.createDirectories(path.getParent());
            if (e.getValue() instanceof Link(String target)) {
                Files.createSymbolicLink(path, Path.of(target));
            } else {
                Files.write(path, (byte[]) e.getValue());
            }
        }
    }

    /** A copy of {@code data} with one byte inverted. */
    static byte[] flip(byte[] data, int at) {
        byte[] copy = data.clone();
        copy[at] ^= (byte) 0xff;
        return copy;
    }
}
