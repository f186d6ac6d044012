package dev.strata.archive;

import dev.strata.digest.Digest;
import dev.strata.image.Descriptor;
import dev.strata.image.Image;
import dev.strata.image.ImageSink;
import dev.strata.image.Layer;
import dev.strata.image.TaggedImage;
import dev.strata.image.ImageConfig;
import dev.strata.image.ImageIndex;
import dev.strata.image.Manifest;
import dev.strata.image.MediaTypes;
import dev.strata.image.Platform;
import dev.strata.json.Json;
import dev.strata.reference.Reference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes images as Docker 25 writes {@code docker save}: one tree that is both Docker's archive
 * (manifest.json and repositories, whose paths point into blobs/) and an OCI image layout (oci-layout,
 * index.json, OCI manifests), so Docker 20.10, Docker 25+, skopeo and umoci all read it. Layers are
 * written uncompressed and named by their diff IDs; a layer shared by several images is written once.
 *
 * <p>Entry order is fixed (per image: its layers not yet written, its config, its manifest; then
 * index.json, manifest.json, oci-layout, repositories) and so is every byte of metadata, so saving the
 * same images twice gives the same archive. Layers come first so a streaming reader can store them as
 * they pass and meet the small files last, as in Docker's own archives.
 */
final class ArchiveWriter implements ImageSink {
    /** Docker writes exactly this, with the space after the colon. */
    static final byte[] OCI_LAYOUT_CONTENT = "{\"imageLayoutVersion\": \"1.0.0\"}".getBytes(StandardCharsets.US_ASCII);

    private final ArchiveSink sink;
    private final Set<String> written = new HashSet<>();
    private final List<DockerManifestItem> items = new ArrayList<>();
    private final List<Descriptor> indexEntries = new ArrayList<>();
    private final Map<String, Map<String, String>> repositories = new TreeMap<>();

    ArchiveWriter(ArchiveSink sink) throws IOException {
        this.sink = sink;
        sink.directory("blobs");
        sink.directory("blobs/sha256");
    }

    /** Writes {@code images} in their order, then the index and manifests. */
    static void write(List<TaggedImage> images, ArchiveSink sink) throws IOException {
        ArchiveWriter writer = new ArchiveWriter(sink);
        for (TaggedImage image : images) {
            writer.put(image);
        }
        writer.finish();
    }

    @Override
    public void put(TaggedImage saved) throws IOException {
        Image image = saved.image().image();
        List<Layer> layers = saved.image().layers();
        List<String> layerPaths = new ArrayList<>();
        List<Descriptor> layerDescriptors = new ArrayList<>();
        for (Layer layer : layers) {
            String path = ArchiveFiles.blobPath(layer.diffId().digest());
            if (written.add(path)) {
                sink.layer(path, layer);
            }
            layerPaths.add(path);
            layerDescriptors.add(new Descriptor(MediaTypes.OCI_LAYER, layer.diffId().digest(), layer.tarSize()));
        }
        byte[] config = image.rawConfig();
        Digest id = image.id();
        String configPath = ArchiveFiles.blobPath(id);
        if (written.add(configPath)) {
            sink.file(configPath, config);
        }
        byte[] manifest = Json.write(Manifest.oci(new Descriptor(MediaTypes.OCI_CONFIG, id, config.length), layerDescriptors));
        Digest manifestDigest = Digest.sha256(manifest);
        String manifestPath = ArchiveFiles.blobPath(manifestDigest);
        if (written.add(manifestPath)) {
            sink.file(manifestPath, manifest);
        }
        Descriptor entry = new Descriptor(MediaTypes.OCI_MANIFEST, manifestDigest, manifest.length)
                .withPlatform(platformOf(image.config()));
        List<String> repoTags = new ArrayList<>();
        if (saved.tags().isEmpty()) {
            indexEntries.add(entry);
        }
        for (Reference tag : saved.tags()) {
            // Go writes map keys sorted, and these two happen to be in that order
            Map<String, String> annotations = new LinkedHashMap<>();
            annotations.put(ArchiveReader.CONTAINERD_IMAGE_NAME, tag.toString());
            annotations.put(ArchiveReader.OCI_REF_NAME, tag.tag().orElseThrow());
            indexEntries.add(entry.withAnnotations(annotations));
            repoTags.add(tag.familiarString());
            if (!layers.isEmpty()) {
                // Docker 25 names the top layer here, by its diff ID (older Dockers wrote a v1 layer ID)
                repositories.computeIfAbsent(tag.familiarName(), k -> new TreeMap<>())
                        .put(tag.tag().orElseThrow(), layers.getLast().diffId().digest().encoded());
            }
        }
        items.add(new DockerManifestItem(configPath, repoTags.isEmpty() ? null : repoTags, layerPaths,
                saved.parent() == null ? null : saved.parent().toString(), null));
    }

    @Override
    public void finish() throws IOException {
        sink.file(ArchiveReader.INDEX_JSON, Json.write(ImageIndex.oci(indexEntries)));
        // Docker writes these two with Go's json.Encoder, which ends them with a newline
        sink.file(ArchiveReader.MANIFEST_JSON, withNewline(Json.write(items)));
        sink.file(ArchiveReader.OCI_LAYOUT, OCI_LAYOUT_CONTENT);
        if (!repositories.isEmpty()) {
            sink.file(ArchiveReader.REPOSITORIES, withNewline(Json.write(repositories)));
        }
        sink.finish();
    }

    private static Platform platformOf(ImageConfig config) {
        if (config.os() == null || config.os().isEmpty() || config.architecture() == null || config.architecture().isEmpty()) {
            return null;
        }
        return config.platform();
    }

    private static byte[] withNewline(byte[] json) {
        byte[] out = new byte[json.length + 1];
        System.arraycopy(json, 0, out, 0, json.length);
        out[json.length] = '\n';
        return out;
    }
}
