package dev.strata.archive;

import static dev.strata.archive.TarFixture.dockerArchive;
import static dev.strata.archive.TarFixture.flip;
import static dev.strata.archive.TarFixture.ociLayout;
import static dev.strata.archive.TarFixture.tar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.digest.Digest;
import dev.strata.engine.Engine;
import dev.strata.image.Descriptor;
import dev.strata.image.ImageIndex;
import dev.strata.image.Manifest;
import dev.strata.image.MediaTypes;
import dev.strata.json.Json;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every archive here is wrong in one way. Each must be refused with a message that names the file and
 * the fault, and leave the store byte for byte as it was (a store that already holds an image, so
 * "as it was" is not just "empty").
 */
class RefusalTest {
    @TempDir
    Path root;
    Engine engine;

    static final TestImage BASE = LoadTest.BASE;
    static final TestImage CHILD = LoadTest.CHILD;
    static final byte[] BIG_LAYER = TestImage.randomLayer("big", 2 * StreamedArchive.SMALL_ENTRY, 7);
    static final TestImage BIG = TestImage.withLayers(List.of("big:1"), List.of(BIG_LAYER));

    @BeforeEach
    void storeWithAnImage() throws Exception {
        engine = Engine.open(root);
        StoreArchives.load(engine, new ByteArrayInputStream(tar(dockerArchive(BASE))));
    }

    private void assertRefused(byte[] archive, String... messageParts) {
        StoreSnapshot before = StoreSnapshot.of(root);
        assertThatThrownBy(() -> StoreArchives.load(engine, new ByteArrayInputStream(archive)))
                .isInstanceOf(InvalidArchiveException.class)
                .message().contains(messageParts);
        assertThat(StoreSnapshot.of(root)).isEqualTo(before);
    }

    private static String layerPath(Map<String, Object> entries, int n) {
        return entries.keySet().stream().filter(k -> k.endsWith("/layer.tar")).toList().get(n);
    }

    @Test
    void aFlippedByteInALayer() {
        Map<String, Object> entries = dockerArchive(CHILD);
        String second = layerPath(entries, 1);
        byte[] layer = (byte[]) entries.get(second);
        entries.put(second, flip(layer, 600));
        assertRefused(tar(entries), second + ": diff ID mismatch: config " + CHILD.id().encoded() + ".json lists "
                + CHILD.diffIds().get(1) + " for layer 2, but the layer's uncompressed content hashes to "
                + Digest.sha256(flip(layer, 600)));
    }

    @Test
    void aFlippedByteInALayerTheStoreAlreadyHas() {
        // Docker skips a layer it already has without reading it; the archive must still be checked
        Map<String, Object> entries = dockerArchive(CHILD);
        String first = layerPath(entries, 0);
        entries.put(first, flip((byte[]) entries.get(first), 700));
        assertRefused(tar(entries), first + ": diff ID mismatch", "for layer 1");
    }

    @Test
    void aFlippedByteInALargeLayerStoredBeforeManifestJsonArrived() {
        Map<String, Object> entries = dockerArchive(BIG);
        String layer = layerPath(entries, 0);
        entries.put(layer, flip(BIG_LAYER, BIG_LAYER.length / 2));
        assertRefused(tar(entries), layer + ": diff ID mismatch");
    }

    @Test
    void aLayerFromAnotherImage() {
        Map<String, Object> entries = dockerArchive(CHILD);
        entries.put(layerPath(entries, 1), BIG_LAYER);
        assertRefused(tar(entries), "diff ID mismatch", "lists " + CHILD.diffIds().get(1) + " for layer 2",
                "hashes to " + Digest.sha256(BIG_LAYER), "belongs to another image");
    }

    @Test
    void aCutOffArchive() {
        byte[] archive = tar(dockerArchive(BIG, CHILD));
        // inside a large layer, inside a small entry, on an entry boundary, inside a later header
        for (int length : new int[] {BIG_LAYER.length / 2, archive.length - 2000, 512 * 3, 512 * 3 + 100}) {
            assertRefused(Arrays.copyOf(archive, length), "the archive is truncated");
        }
        assertRefused(Arrays.copyOf(archive, 100), "the archive is not a tar or compressed tar, or is truncated:"
                + " its 100 bytes end inside the first tar header");
    }

    @Test
    void aCutOffArchiveWithoutItsEndMarker() {
        byte[] archive = tar(dockerArchive(CHILD));
        // commons-compress (and Go) write two zero blocks at the end, then pad; drop all of it
        int end = archive.length;
        while (end > 0 && archive[end - 1] == 0) {
            end--;
        }
        int cut = ((end + 511) / 512) * 512;
        assertRefused(Arrays.copyOf(archive, cut), "the archive is truncated: it ends after entry repositories"
                + " without the tar end-of-archive marker");
    }

    @Test
    void aCutOffCompressedArchive() {
        byte[] gzip = TestImage.gzip(tar(dockerArchive(BIG, CHILD)));
        assertRefused(Arrays.copyOf(gzip, gzip.length / 2), "the archive is truncated");
        byte[] zstd = TestImage.zstd(tar(dockerArchive(BIG, CHILD)));
        assertRefused(Arrays.copyOf(zstd, zstd.length / 2), "the archive is truncated");
    }

    @Test
    void aManifestNamingAMissingLayer() {
        Map<String, Object> entries = dockerArchive(CHILD);
        String layer = layerPath(entries, 1);
        entries.remove(layer);
        assertRefused(tar(entries), "manifest.json names layer \"" + layer + "\", which the archive does not contain");
    }

    @Test
    void aManifestNamingAMissingConfig() {
        Map<String, Object> entries = dockerArchive(CHILD);
        entries.remove(CHILD.id().encoded() + ".json");
        assertRefused(tar(entries), "manifest.json names config \"" + CHILD.id().encoded()
                + ".json\", which the archive does not contain");
    }

    @Test
    void aSymlinkToNothing() {
        Map<String, Object> entries = dockerArchive(BASE, CHILD);
        // CHILD's first layer is a link to BASE's copy; take the copy away
        String target = layerPath(entries, 0);
        entries.remove(target);
        assertRefused(tar(entries), "which the archive does not contain");
    }

    @Test
    void moreLayersThanDiffIds() {
        Map<String, Object> entries = dockerArchive(CHILD);
        String manifest = new String((byte[]) entries.get("manifest.json"));
        String first = layerPath(entries, 0);
        entries.put("manifest.json", manifest.replace("\"Layers\":[", "\"Layers\":[\"" + first + "\",").getBytes());
        assertRefused(tar(entries), "manifest.json image 1 lists 3 layers, but its config " + CHILD.id().encoded()
                + ".json has 2 diff IDs");
    }

    @Test
    void aConfigWhoseNameIsNotItsDigest() {
        Map<String, Object> entries = dockerArchive(CHILD);
        String name = CHILD.id().encoded() + ".json";
        byte[] changed = new String(CHILD.config()).replace("/bin/sh", "/bin/xx").getBytes();
        entries.put(name, changed);
        assertRefused(tar(entries), name + ": content does not match the digest in its name: it hashes to "
                + Digest.sha256(changed));
    }

    @Test
    void aBlobWhoseContentIsNotItsName() {
        Map<String, Object> entries = ociLayout(TestImage::gzip, MediaTypes.OCI_LAYER_GZIP, CHILD);
        String blob = entries.keySet().stream().filter(k -> k.startsWith("blobs/")).findFirst().orElseThrow();
        byte[] content = flip((byte[]) entries.get(blob), 20);
        entries.put(blob, content);
        assertRefused(tar(entries), blob + ": content does not match the digest in its name: it hashes to "
                + Digest.sha256(content));
    }

    @Test
    void anUnreferencedBlobIsCheckedToo() {
        Map<String, Object> entries = ociLayout(TestImage::gzip, MediaTypes.OCI_LAYER_GZIP, CHILD);
        String bogus = "blobs/sha256/" + "0".repeat(64);
        entries.put(bogus, BIG_LAYER);
        assertRefused(tar(entries), bogus + ": content does not match the digest in its name");
    }

    @Test
    void garbage() {
        byte[] noise = new byte[4096];
        new Random(3).nextBytes(noise);
        assertRefused(noise, "the archive is not a tar or compressed tar");
        assertRefused(new String(noise, java.nio.charset.StandardCharsets.ISO_8859_1).replace('\0', ' ').repeat(2)
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), "the archive is not a tar or compressed tar");
        assertRefused("{\"hello\": 1}\n".getBytes(), "the archive is not a tar or compressed tar");
        assertRefused(TestImage.gzip(noise), "the archive is not a tar or compressed tar (it is gzip-compressed,"
                + " but what it holds is not a tar)");
        assertRefused(new byte[0], "the archive is empty");
        assertRefused(new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0, 1, 2}, "the archive is xz-compressed");
    }

    @Test
    void aDamagedTarHeader() {
        byte[] archive = tar(dockerArchive(CHILD));
        // the first header's name field: the checksum no longer agrees
        assertRefused(flip(archive, 10), "the archive is not a tar or compressed tar");
        // a later header
        Map<String, Object> entries = dockerArchive(CHILD);
        byte[] whole = tar(entries);
        int second = 512 + ((((byte[]) entries.values().iterator().next()).length + 511) / 512) * 512;
        assertRefused(flip(whole, second + 3), "the archive is not a valid tar", "checksum");
    }

    @Test
    void invalidRepoTags() {
        for (var bad : Map.of("Not:Valid:Tag", "is not a valid reference", "library/Upper:1", "is not a valid reference",
                "plain", "is not of the form name:tag", "a@sha256:" + "a".repeat(64), "is not of the form name:tag").entrySet()) {
            Map<String, Object> entries = dockerArchive(CHILD.withTags(bad.getKey()));
            assertRefused(tar(entries), "manifest.json: RepoTags entry \"" + bad.getKey() + "\" " + bad.getValue());
        }
    }

    @Test
    void malformedJson() {
        Map<String, Object> entries = dockerArchive(CHILD);
        entries.put("manifest.json", "[{\"Config\":".getBytes());
        assertRefused(tar(entries), "manifest.json is not valid JSON");

        entries = dockerArchive(CHILD);
        entries.put("manifest.json", "null".getBytes());
        assertRefused(tar(entries), "manifest.json is null");

        byte[] config = "{\"rootfs\": [".getBytes();
        String name = Digest.sha256(config).encoded() + ".json";
        entries = dockerArchive(CHILD);
        entries.put(name, config);
        entries.put("manifest.json", ("[{\"Config\":\"" + name + "\",\"RepoTags\":null,\"Layers\":[]}]").getBytes());
        assertRefused(tar(entries), name + ": image config is not valid JSON");
    }

    @Test
    void aWindowsImage() {
        TestImage windows = new TestImage(TestImage.config(CHILD.layers(), "amd64", "windows"), CHILD.layers(), List.of("w:1"));
        assertRefused(tar(dockerArchive(windows)), windows.id().encoded() + ".json: cannot load windows image on linux");
    }

    @Test
    void anEntryClimbingOutOfTheArchive() {
        Map<String, Object> entries = new LinkedHashMap<>();
        entries.put("../../etc/evil", "x".getBytes());
        entries.putAll(dockerArchive(CHILD));
        assertRefused(tar(entries), "archive entry \"../../etc/evil\" points outside the archive");
    }

    @Test
    void neitherManifestNorIndex() {
        Map<String, Object> entries = dockerArchive(CHILD);
        entries.remove("manifest.json");
        assertRefused(tar(entries), "has a repositories file but no manifest.json");
        entries.remove("repositories");
        assertRefused(tar(entries), "the archive contains neither manifest.json (a docker save archive) nor index.json");
    }

    @Test
    void ociDescriptorsThatDisagreeWithTheirBlobs() {
        // a layer descriptor whose size is wrong
        Map<String, Object> entries = ociLayout(TestImage::gzip, MediaTypes.OCI_LAYER_GZIP, CHILD);
        rewriteManifest(entries, m -> Manifest.oci(m.config(), List.of(m.layers().get(0),
                new Descriptor(m.layers().get(1).mediaType(), m.layers().get(1).parsedDigest(), m.layers().get(1).size() + 1))));
        assertRefused(tar(entries), ": the manifest blobs/sha256/", "says the layer is", "but the blob has");

        // a layer said to be gzip that is not
        entries = ociLayout(b -> b, MediaTypes.OCI_LAYER, CHILD);
        rewriteManifest(entries, m -> Manifest.oci(m.config(), m.layers().stream()
                .map(l -> new Descriptor(MediaTypes.OCI_LAYER_GZIP, l.parsedDigest(), l.size())).toList()));
        assertRefused(tar(entries), "the manifest gives media type application/vnd.oci.image.layer.v1.tar+gzip,"
                + " but the blob is uncompressed");

        // a manifest naming a blob the layout lacks
        entries = ociLayout(TestImage::gzip, MediaTypes.OCI_LAYER_GZIP, CHILD);
        String layer = "blobs/sha256/" + Digest.sha256(TestImage.gzip(CHILD.layers().get(1))).encoded();
        entries.remove(layer);
        assertRefused(tar(entries), "names layer " + layer + ", which the archive does not contain");

        // an index naming a manifest the layout lacks
        entries = ociLayout(TestImage::gzip, MediaTypes.OCI_LAYER_GZIP, CHILD);
        ImageIndex index = ImageIndex.fromJson(Json.object((byte[]) entries.get("index.json")));
        String manifest = "blobs/sha256/" + index.manifests().getFirst().parsedDigest().encoded();
        entries.remove(manifest);
        assertRefused(tar(entries), "index.json names manifest " + manifest + ", which the archive does not contain");
    }

    @Test
    void aMultiPlatformIndexWithoutTheHost() {
        Map<String, Object> blobs = new LinkedHashMap<>();
        TestImage arm = new TestImage(TestImage.config(CHILD.layers(), "arm64", "linux"), CHILD.layers(), List.of());
        Descriptor armManifest = TarFixture.ociManifest(blobs, b -> b, MediaTypes.OCI_LAYER, arm)
                .withPlatform(dev.strata.image.Platform.of("linux", "arm64"));
        byte[] nested = Json.write(ImageIndex.oci(List.of(armManifest)));
        Digest nestedDigest = TarFixture.putBlob(blobs, nested);
        Map<String, Object> entries = new LinkedHashMap<>(blobs);
        entries.put("index.json", Json.write(ImageIndex.oci(List.of(new Descriptor(MediaTypes.OCI_INDEX, nestedDigest, nested.length)))));
        assertRefused(tar(entries), "blobs/sha256/" + nestedDigest.encoded() + ": the image index has no image for linux/amd64"
                + " (it has linux/arm64)");
    }

    @Test
    void refusalsFromALayoutDirectoryLeaveTheStoreAlone() throws Exception {
        Map<String, Object> entries = ociLayout(TestImage::gzip, MediaTypes.OCI_LAYER_GZIP, CHILD);
        String layer = "blobs/sha256/" + Digest.sha256(TestImage.gzip(CHILD.layers().get(1))).encoded();
        entries.put(layer, flip((byte[]) entries.get(layer), 30));
        Path dir = root.getParent().resolve(root.getFileName() + "-layout");
        TarFixture.writeDirectory(entries, dir);
        StoreSnapshot before = StoreSnapshot.of(root);
        assertThatThrownBy(() -> StoreArchives.loadDirectory(engine, dir))
                .isInstanceOf(InvalidArchiveException.class)
                .hasMessageContaining(layer + ": content does not match the digest in its name");
        assertThat(StoreSnapshot.of(root)).isEqualTo(before);
    }

    private static void rewriteManifest(Map<String, Object> entries, java.util.function.UnaryOperator<Manifest> change) {
        ImageIndex index = ImageIndex.fromJson(Json.object((byte[]) entries.get("index.json")));
        Descriptor old = index.manifests().getFirst();
        String oldPath = "blobs/sha256/" + old.parsedDigest().encoded();
        Manifest manifest = change.apply(Manifest.fromJson(Json.object((byte[]) entries.remove(oldPath))));
        byte[] bytes = Json.write(manifest);
        Digest digest = Digest.sha256(bytes);
        entries.put("blobs/sha256/" + digest.encoded(), bytes);
        Descriptor replaced = new Descriptor(old.mediaType(), digest.toString(), bytes.length, null, old.annotations(),
                old.platform(), null);
        entries.put("index.json", Json.write(ImageIndex.oci(List.of(replaced))));
    }
}
