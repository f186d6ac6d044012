package dev.strata.archive;

import dev.strata.compression.Compression;
import dev.strata.content.BlobSpool;
import dev.strata.digest.DiffId;
import dev.strata.digest.Digest;
import dev.strata.image.Descriptor;
import dev.strata.image.History;
import dev.strata.image.Image;
import dev.strata.image.ImageIndex;
import dev.strata.image.InvalidImageException;
import dev.strata.image.Manifest;
import dev.strata.image.MediaTypes;
import dev.strata.image.Platform;
import dev.strata.json.Json;
import dev.strata.json.JsonException;
import dev.strata.json.JsonObject;
import dev.strata.reference.InvalidReferenceException;
import dev.strata.reference.Reference;
import dev.strata.compression.Compression;
import dev.strata.digest.VerifyingInputStream;
import dev.strata.image.ImageSource;
import dev.strata.image.Layer;
import dev.strata.image.TaggedImage;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads the images of an archive or layout: every config parsed, every layer's diff ID checked against
 * the one its config lists (whether or not the destination has that layer: Docker skips known layers
 * unread, which is how it takes corrupted archives), every tag valid, a parent named only when it is
 * loaded too and really is the parent. What comes out is a list of {@link TaggedImage}s whose layers are
 * the blobs the files view kept in its spool; a refusal is an {@link InvalidArchiveException} naming the
 * file, before anything reaches a sink.
 */
final class ArchiveReader {
    static final String MANIFEST_JSON = "manifest.json";
    static final String INDEX_JSON = "index.json";
    static final String OCI_LAYOUT = "oci-layout";
    static final String REPOSITORIES = "repositories";
    /** Annotations of an OCI index entry that name the image: containerd's full name, and the OCI ref name. */
    static final String CONTAINERD_IMAGE_NAME = "io.containerd.image.name";
    static final String OCI_REF_NAME = "org.opencontainers.image.ref.name";
    private static final Pattern CONFIG_FILE_NAME = Pattern.compile("([a-f0-9]{64})\\.json");
    private static final int MAX_INDEX_DEPTH = 8;

    private final ArchiveFiles files;
    private final BlobSpool spool;

    /** An image checked: its config, layers, tags, and the parent its manifest.json entry names (unchecked). */
    private record Pending(Image image, List<Layer> layers, List<Reference> tags, Digest parent) {
    }

    /** Reads {@code files}, whose layers they keep in {@code spool}. */
    ArchiveReader(ArchiveFiles files, BlobSpool spool) {
        this.files = files;
        this.spool = spool;
    }

    List<TaggedImage> read() throws IOException {
        List<Pending> pending;
        if (files.contains(MANIFEST_JSON)) {
            // Docker's format; a Docker 25 archive is also an OCI layout, but manifest.json is what Docker reads
            pending = fromDockerManifest();
        } else if (files.contains(INDEX_JSON)) {
            pending = fromOciIndex();
        } else if (files.contains(REPOSITORIES)) {
            throw new InvalidArchiveException(files.describe() + " has a repositories file but no manifest.json: it is in the"
                    + " format of Docker before 1.10, which Strata does not load");
        } else {
            throw new InvalidArchiveException(files.describe() + " contains neither manifest.json (a docker save archive)"
                    + " nor index.json (an OCI image layout)");
        }
        return tagged(pending);
    }

    // ---- Docker's manifest.json ----

    private List<Pending> fromDockerManifest() throws IOException {
        byte[] bytes = files.read(MANIFEST_JSON).orElseThrow();
        List<DockerManifestItem> items;
        try {
            items = Json.list(bytes, DockerManifestItem::fromJson);
        } catch (JsonException e) {
            throw new InvalidArchiveException(MANIFEST_JSON + " is not valid JSON: " + firstLine(e.getMessage()));
        }
        if (items == null) {
            throw new InvalidArchiveException(MANIFEST_JSON + " is null: it must be a list of images (which may be empty)");
        }
        List<Pending> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            out.add(fromDockerItem(items.get(i), i + 1));
        }
        return out;
    }

    private Pending fromDockerItem(DockerManifestItem item, int number) throws IOException {
        String where = MANIFEST_JSON + " image " + number;
        if (item == null || item.config() == null || item.config().isEmpty()) {
            throw new InvalidArchiveException(where + " has no Config");
        }
        String configPath = item.config();
        byte[] raw = files.read(configPath).orElseThrow(() -> new InvalidArchiveException(
                MANIFEST_JSON + " names config \"" + configPath + "\", which " + files.describe() + " does not contain"));
        Image image = parseConfig(raw, configPath);
        var nameMatch = CONFIG_FILE_NAME.matcher(configPath);
        if (nameMatch.matches() && !image.id().encoded().equals(nameMatch.group(1))) {
            throw ArchiveFiles.contentMismatch(configPath, image.id());
        }
        List<Reference> tags = repoTags(item.repoTags());
        List<String> layerPaths = item.layers() == null ? List.of() : item.layers();
        List<DiffId> diffIds = image.diffIds();
        if (layerPaths.size() != diffIds.size()) {
            throw new InvalidArchiveException(where + " lists " + layerPaths.size() + " layers, but its config " + configPath
                    + " has " + diffIds.size() + " diff IDs");
        }
        List<Layer> layers = new ArrayList<>();
        for (int j = 0; j < layerPaths.size(); j++) {
            String path = layerPaths.get(j);
            if (path == null || path.isEmpty()) {
                throw new InvalidArchiveException(where + " has an empty layer path");
            }
            LayerProbe.StoredBlob blob = files.layer(path).orElseThrow(() -> new InvalidArchiveException(
                    MANIFEST_JSON + " names layer \"" + path + "\", which " + files.describe() + " does not contain"));
            checkLayer(path, blob, diffIds.get(j), j, configPath, null, null);
            layers.add(new ArchivedLayer(blob, diffIds.get(j), blob.facts().compression().layerMediaType(), spool));
        }
        Digest parent = item.parent() != null && Digest.isDigest(item.parent()) ? Digest.parse(item.parent()) : null;
        return new Pending(image, layers, tags, parent);
    }

    private static List<Reference> repoTags(List<String> repoTags) throws InvalidArchiveException {
        List<Reference> out = new ArrayList<>();
        if (repoTags == null) {
            return out;
        }
        for (String text : repoTags) {
            Reference reference;
            try {
                reference = Reference.parse(text == null ? "" : text);
            } catch (InvalidReferenceException e) {
                throw new InvalidArchiveException(MANIFEST_JSON + ": RepoTags entry \"" + text + "\" is not a valid reference: "
                        + e.getMessage());
            }
            if (reference.tag().isEmpty() || reference.digest().isPresent()) {
                throw new InvalidArchiveException(MANIFEST_JSON + ": RepoTags entry \"" + text
                        + "\" is not of the form name:tag");
            }
            out.add(reference);
        }
        return out;
    }

    // ---- OCI image layout ----

    private List<Pending> fromOciIndex() throws IOException {
        Optional<byte[]> layout = files.read(OCI_LAYOUT);
        if (layout.isPresent()) {
            checkLayoutVersion(layout.get());
        }
        ImageIndex index = parseJson(files.read(INDEX_JSON).orElseThrow(), ImageIndex::fromJson, INDEX_JSON, "index");
        if (index.schemaVersion() != 2) {
            throw new InvalidArchiveException(INDEX_JSON + ": schemaVersion is " + index.schemaVersion() + ", expected 2");
        }
        List<Pending> out = new ArrayList<>();
        for (Descriptor entry : orEmpty(index.manifests())) {
            if (entry == null) {
                throw new InvalidArchiveException(INDEX_JSON + " has a null entry in manifests");
            }
            Descriptor manifest;
            if (MediaTypes.isIndex(entry.mediaType())) {
                manifest = selectForHost(entry, INDEX_JSON, 1);
            } else if (MediaTypes.isManifest(entry.mediaType())) {
                manifest = entry;
            } else {
                // not an image (an artifact, a signature): nothing to load, and no reason to refuse the rest
                continue;
            }
            out.add(fromOciManifest(manifest, INDEX_JSON, tagsOf(entry)));
        }
        return out;
    }

    private static void checkLayoutVersion(byte[] bytes) throws InvalidArchiveException {
        Object version;
        try {
            JsonObject layout = Json.object(bytes);
            version = layout == null ? null : layout.members().get("imageLayoutVersion");
        } catch (JsonException e) {
            throw new InvalidArchiveException(OCI_LAYOUT + " is not valid JSON: " + firstLine(e.getMessage()));
        }
        if (!(version instanceof String text) || !text.startsWith("1.")) {
            throw new InvalidArchiveException(OCI_LAYOUT + ": unsupported imageLayoutVersion " + version + " (expected 1.x)");
        }
    }

    /**
     * The tag an index entry gives its image: containerd's full name if present, else the OCI ref name
     * when it is a whole reference. A bare ref name ("latest", as umoci and skopeo write it) says no
     * repository, so the image loads untagged.
     */
    private static List<Reference> tagsOf(Descriptor entry) throws InvalidArchiveException {
        Map<String, String> annotations = entry.annotations();
        if (annotations == null) {
            return List.of();
        }
        String full = annotations.get(CONTAINERD_IMAGE_NAME);
        String source = CONTAINERD_IMAGE_NAME;
        if (full == null) {
            String refName = annotations.get(OCI_REF_NAME);
            if (refName == null || !(refName.contains("/") || refName.contains(":"))) {
                return List.of();
            }
            full = refName;
            source = OCI_REF_NAME;
        }
        Reference reference;
        try {
            reference = Reference.parse(full).withDefaultTag();
        } catch (InvalidReferenceException e) {
            throw new InvalidArchiveException(INDEX_JSON + ": annotation " + source + " \"" + full
                    + "\" is not a valid reference: " + e.getMessage());
        }
        return reference.tag().isPresent() && reference.digest().isEmpty() ? List.of(reference) : List.of();
    }

    /** From a (possibly nested) index, the manifest of the image for this machine's platform. */
    private Descriptor selectForHost(Descriptor indexDescriptor, String referrer, int depth) throws IOException {
        String path = blobPathOf(indexDescriptor, referrer);
        if (depth > MAX_INDEX_DEPTH) {
            throw new InvalidArchiveException(path + ": indexes nested more than " + MAX_INDEX_DEPTH + " deep");
        }
        ImageIndex index = parseJson(readBlob(indexDescriptor, referrer, "index"), ImageIndex::fromJson, path, "index");
        List<Descriptor> entries = orEmpty(index.manifests());
        Platform host = Platform.host();
        List<String> offered = new ArrayList<>();
        for (Descriptor entry : entries) {
            boolean unlabelledOnly = entries.size() == 1 && entry.platform() == null;
            if (!unlabelledOnly && (entry.platform() == null || !entry.platform().serves(host))) {
                if (entry.platform() != null) {
                    offered.add(entry.platform().toString());
                }
                continue;
            }
            if (MediaTypes.isManifest(entry.mediaType())) {
                return entry;
            }
            if (MediaTypes.isIndex(entry.mediaType())) {
                return selectForHost(entry, path, depth + 1);
            }
        }
        throw new InvalidArchiveException(path + ": the image index has no image for " + host
                + (offered.isEmpty() ? "" : " (it has " + String.join(", ", offered) + ")"));
    }

    private Pending fromOciManifest(Descriptor descriptor, String referrer, List<Reference> tags) throws IOException {
        String path = blobPathOf(descriptor, referrer);
        Manifest manifest = parseJson(readBlob(descriptor, referrer, "manifest"), Manifest::fromJson, path, "manifest");
        if (manifest.config() == null) {
            throw new InvalidArchiveException(path + ": the manifest has no config");
        }
        String configPath = blobPathOf(manifest.config(), path);
        Image image = parseConfig(readBlob(manifest.config(), path, "config"), configPath);
        List<Descriptor> layerDescriptors = orEmpty(manifest.layers());
        List<DiffId> diffIds = image.diffIds();
        if (layerDescriptors.size() != diffIds.size()) {
            throw new InvalidArchiveException(path + ": the manifest lists " + layerDescriptors.size()
                    + " layers, but its config " + configPath + " has " + diffIds.size() + " diff IDs");
        }
        List<Layer> layers = new ArrayList<>();
        for (int j = 0; j < layerDescriptors.size(); j++) {
            Descriptor layer = layerDescriptors.get(j);
            String layerPath = blobPathOf(layer, path);
            Compression declared = MediaTypes.isLayer(layer.mediaType()) ? Compression.ofLayerMediaType(layer.mediaType()) : null;
            if (declared == null) {
                throw new InvalidArchiveException(path + ": layer " + (j + 1) + " has media type " + layer.mediaType()
                        + ", which is not a layer type Strata loads (plain, gzip or zstd tar)");
            }
            LayerProbe.StoredBlob blob = files.layer(layerPath).orElseThrow(() -> new InvalidArchiveException(
                    path + " names layer " + layerPath + ", which " + files.describe() + " does not contain"));
            if (blob.size() != layer.size()) {
                throw new InvalidArchiveException(layerPath + ": the manifest " + path + " says the layer is " + layer.size()
                        + " bytes, but the blob has " + blob.size());
            }
            checkLayer(layerPath, blob, diffIds.get(j), j, configPath, declared, layer.mediaType());
            layers.add(new ArchivedLayer(blob, diffIds.get(j), layer.mediaType(), spool));
        }
        return new Pending(image, layers, tags, null);
    }

    /** The content of the blob a descriptor names, checked against the descriptor's size (its digest is checked by name). */
    private byte[] readBlob(Descriptor descriptor, String referrer, String what) throws IOException {
        String path = blobPathOf(descriptor, referrer);
        byte[] bytes = files.read(path).orElseThrow(() -> new InvalidArchiveException(
                referrer + " names " + what + " " + path + ", which " + files.describe() + " does not contain"));
        if (bytes.length != descriptor.size()) {
            throw new InvalidArchiveException(path + ": " + referrer + " says the " + what + " is " + descriptor.size()
                    + " bytes, but the blob has " + bytes.length);
        }
        return bytes;
    }

    private static String blobPathOf(Descriptor descriptor, String referrer) throws InvalidArchiveException {
        Digest digest;
        try {
            digest = descriptor.parsedDigest();
        } catch (RuntimeException e) {
            throw new InvalidArchiveException(referrer + ": a descriptor has an invalid digest \"" + descriptor.digest() + "\"");
        }
        if (!digest.algorithm().equals(Digest.SHA256)) {
            throw new InvalidArchiveException(referrer + ": descriptor digest " + digest + " uses " + digest.algorithm()
                    + "; Strata supports sha256 only");
        }
        return ArchiveFiles.blobPath(digest);
    }

    // ---- checks shared by both formats ----

    private static Image parseConfig(byte[] raw, String path) throws InvalidArchiveException {
        Image image;
        try {
            image = Image.fromConfig(raw);
        } catch (InvalidImageException e) {
            throw new InvalidArchiveException(path + ": " + e.getMessage());
        }
        String os = image.config().os();
        if (os != null && !os.isEmpty() && !os.equals("linux")) {
            throw new InvalidArchiveException(path + ": cannot load " + os + " image on linux");
        }
        return image;
    }

    /**
     * A layer is accepted only when its uncompressed content hashes to the diff ID its config lists,
     * whether or not the store already has that layer: Docker skips known layers unread, which is how it
     * takes corrupted archives without a word.
     */
    private static void checkLayer(String path, LayerProbe.StoredBlob blob, DiffId expected, int index, String configPath,
                                   Compression declared, String mediaType) throws InvalidArchiveException {
        LayerFacts facts = blob.facts();
        if (facts.diffId() == null) {
            throw new InvalidArchiveException(path + ": " + facts.problem());
        }
        if (!facts.diffId().equals(expected)) {
            throw new InvalidArchiveException(path + ": diff ID mismatch: config " + configPath + " lists " + expected
                    + " for layer " + (index + 1) + ", but the layer's uncompressed content hashes to " + facts.diffId()
                    + " (the layer is corrupt or belongs to another image)");
        }
        if (facts.problem() != null) {
            throw new InvalidArchiveException(path + ": " + facts.problem());
        }
        if (declared != null && declared != facts.compression()) {
            throw new InvalidArchiveException(path + ": the manifest gives media type " + mediaType + ", but the blob is "
                    + facts.compression().displayName());
        }
    }

    private static <T> T parseJson(byte[] bytes, Function<JsonObject, T> reader, String path,
                                   String what) throws InvalidArchiveException {
        T value;
        try {
            JsonObject object = Json.object(bytes);
            value = object == null ? null : reader.apply(object);
        } catch (JsonException e) {
            throw new InvalidArchiveException(path + ": the " + what + " is not valid JSON: " + firstLine(e.getMessage()));
        }
        if (value == null) {
            throw new InvalidArchiveException(path + ": the " + what + " is null");
        }
        return value;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    // ---- the images read ----

    /**
     * The images as a sink takes them. A parent is named only when it is among the images read and
     * really is the parent; an image listed twice keeps each listing's tags.
     */
    private static List<TaggedImage> tagged(List<Pending> pending) {
        Set<Digest> readIds = new HashSet<>();
        for (Pending p : pending) {
            readIds.add(p.image().id());
        }
        List<TaggedImage> out = new ArrayList<>();
        for (Pending p : pending) {
            Digest parent = p.parent() != null && readIds.contains(p.parent()) && isValidParent(p, pending)
                    ? p.parent() : null;
            out.add(new TaggedImage(new ArchivedImage(p.image(), p.layers()), p.tags(), parent));
        }
        return out;
    }

    /** An image of the archive: its config, and its layers as the spool keeps them. */
    private record ArchivedImage(Image image, List<Layer> layers) implements ImageSource {
    }

    /**
     * A layer of the archive, kept in the spool as one blob (plain, gzip or zstd) and already checked:
     * its facts were learned in the pass that kept it.
     */
    private record ArchivedLayer(LayerProbe.StoredBlob kept, DiffId diffId, String mediaType, BlobSpool spool)
            implements Layer {
        @Override
        public long tarSize() {
            return kept.facts().tarSize();
        }

        @Override
        public long contentSize() {
            return kept.facts().contentSize();
        }

        @Override
        public List<Descriptor> blobs() {
            return List.of(new Descriptor(mediaType, kept.digest(), kept.size()));
        }

        @Override
        public InputStream openTar() throws IOException {
            InputStream blob = spool.open(kept.digest());
            Compression compression = kept.facts().compression();
            if (compression == Compression.NONE) {
                return blob; // named by its digest, which is the diff ID
            }
            return new VerifyingInputStream(compression.decompress(new BufferedInputStream(blob, 1 << 16)),
                    diffId.digest(), actual -> "layer " + diffId + " kept from the archive now decompresses to "
                    + actual);
        }

        @Override
        public InputStream openBlob(Digest digest) throws IOException {
            if (!digest.equals(kept.digest())) {
                throw new dev.strata.error.NotFoundException("layer " + diffId + " is not kept as blob " + digest);
            }
            return spool.open(digest);
        }
    }

    /**
     * Docker's test that a manifest's Parent really is the parent: its history is the child's minus the
     * last step (or both have none).
     */
    private static boolean isValidParent(Pending child, List<Pending> pending) {
        Image parent = null;
        for (Pending p : pending) {
            if (p.image().id().equals(child.parent())) {
                parent = p.image();
            }
        }
        if (parent == null) {
            return false;
        }
        List<History> childHistory = child.image().config().historyOrEmpty();
        List<History> parentHistory = parent.config().historyOrEmpty();
        if (childHistory.isEmpty() && parentHistory.isEmpty()) {
            return true;
        }
        return childHistory.size() - parentHistory.size() == 1
                && childHistory.subList(0, parentHistory.size()).equals(parentHistory);
    }
}
