package dev.strata.archive;

import dev.strata.testing.Validate;
import dev.strata.engine.LoadResult;
import dev.strata.engine.LoadedImage;
import static dev.strata.archive.TarFixture.dockerArchive;
import static dev.strata.archive.TarFixture.ociLayout;
import static dev.strata.archive.TarFixture.tar;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.digest.ChainId;
import dev.strata.digest.Digest;
import dev.strata.engine.Engine;
import dev.strata.image.Descriptor;
import dev.strata.image.ImageIndex;
import dev.strata.image.MediaTypes;
import dev.strata.image.Platform;
import dev.strata.json.Json;
import dev.strata.layer.LayerRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadTest {
    @TempDir
    Path root;
    Engine engine;

    static final TestImage BASE = TestImage.of(List.of("base:1"), Map.of("etc/os-release", "NAME=base\n"));
    /** Shares its first layer with BASE. */
    static final TestImage CHILD = TestImage.withLayers(List.of("child:2"),
            List.of(BASE.layers().getFirst(), TestImage.layerTar(Map.of("hello", "hi\n".getBytes()))));

    @BeforeEach
    void open() throws Exception {
        engine = Engine.open(root);
    }

    private LoadResult load(byte[] archive) throws Exception {
        return StoreArchives.load(engine, new ByteArrayInputStream(archive));
    }

    private void assertStored(TestImage image) throws Exception {
        Validate.storedImage(engine, image.id());
        assertThat(engine.store().image(image.id())).isPresent();
        assertThat(engine.store().image(image.id()).orElseThrow().rawConfig()).isEqualTo(image.config());
        List<LayerRecord> layers = engine.store().layersOf(engine.store().image(image.id()).orElseThrow());
        assertThat(layers).extracting(LayerRecord::diffId).isEqualTo(image.diffIds());
        assertThat(layers).extracting(LayerRecord::chainId).isEqualTo(ChainId.chain(image.diffIds()));
        for (String tag : image.tags()) {
            assertThat(engine.names().resolve(tag)).isEqualTo(image.id());
        }
    }

    @Test
    void loadsDockersArchiveWithASymlinkedSharedLayer() throws Exception {
        Map<String, Object> entries = dockerArchive(BASE, CHILD);
        assertThat(entries.values()).anyMatch(v -> v instanceof TarFixture.Link);

        LoadResult result = load(tar(entries));

        assertThat(result.lines()).containsExactly("Loaded image: base:1", "Loaded image: child:2");
        assertThat(result.images()).containsExactly(new LoadedImage(BASE.id(), List.of("base:1")),
                new LoadedImage(CHILD.id(), List.of("child:2")));
        assertStored(BASE);
        assertStored(CHILD);
        // the shared layer is one record and one blob; an uncompressed layer's blob is its diff ID
        LayerRecord shared = engine.store().layers().get(ChainId.first(BASE.diffIds().getFirst())).orElseThrow();
        assertThat(shared.blob()).isEqualTo(BASE.diffIds().getFirst().digest());
        assertThat(shared.mediaType()).isEqualTo(MediaTypes.OCI_LAYER);
        assertThat(shared.tarSize()).isEqualTo(BASE.layers().getFirst().length);
        assertThat(shared.size()).isEqualTo("NAME=base\n".length());
        assertThat(engine.store().content().list()).hasSize(2 + 2);
        assertThat(StoreCheck.problems(engine)).isEmpty();
    }

    @Test
    void largeEntriesAreStoredAsTheyPassAndUnneededOnesDropped() throws Exception {
        byte[] big = TestImage.randomLayer("data", 3 * StreamedArchive.SMALL_ENTRY, 1);
        TestImage image = TestImage.withLayers(List.of("big:1"), List.of(big));
        Map<String, Object> entries = dockerArchive(image);
        byte[] stray = TestImage.randomLayer("stray", 2 * StreamedArchive.SMALL_ENTRY, 2);
        Map<String, Object> withStray = new LinkedHashMap<>();
        withStray.put("stray/layer.tar", stray);
        withStray.putAll(entries);

        load(tar(withStray));

        assertStored(image);
        assertThat(engine.store().content().contains(Digest.sha256(stray))).isFalse();
        assertThat(engine.store().content().list()).containsExactlyInAnyOrder(image.id(), Digest.sha256(big));
        assertThat(StoreCheck.problems(engine)).isEmpty();
    }

    @Test
    void untaggedImagesPrintTheirIds() throws Exception {
        LoadResult result = load(tar(dockerArchive(BASE.withTags())));
        assertThat(result.lines()).containsExactly("Loaded image ID: " + BASE.id());
        assertThat(result.images()).containsExactly(new LoadedImage(BASE.id(), List.of()));
        assertThat(engine.names().repoTags(BASE.id())).isEmpty();
    }

    @Test
    void likeDockerAnUntaggedLastImagePrintsEveryId() throws Exception {
        LoadResult result = load(tar(dockerArchive(BASE, CHILD.withTags())));
        assertThat(result.lines()).containsExactly("Loaded image: base:1",
                "Loaded image ID: " + BASE.id(), "Loaded image ID: " + CHILD.id());
    }

    @Test
    void aMovedTagIsAnnouncedAsDockerDoes() throws Exception {
        load(tar(dockerArchive(BASE)));
        LoadResult result = load(tar(dockerArchive(CHILD.withTags("base:1"))));
        assertThat(result.lines()).containsExactly(
                "The image base:1 already exists, renaming the old one with ID " + BASE.id() + " to empty string",
                "Loaded image: base:1");
        assertThat(engine.names().resolve("base:1")).isEqualTo(CHILD.id());
        assertThat(engine.names().repoTags(BASE.id())).isEmpty();
    }

    @Test
    void loadingTwiceChangesNothingButTheTagTime() throws Exception {
        load(tar(dockerArchive(BASE, CHILD)));
        var layersBefore = engine.store().layers().list();
        var blobsBefore = engine.store().content().list();
        LoadResult again = load(tar(dockerArchive(BASE, CHILD)));
        assertThat(again.lines()).containsExactly("Loaded image: base:1", "Loaded image: child:2");
        assertThat(engine.store().layers().list()).containsExactlyInAnyOrderElementsOf(layersBefore);
        assertThat(engine.store().content().list()).isEqualTo(blobsBefore);
        assertThat(StoreCheck.problems(engine)).isEmpty();
    }

    @Test
    void compressedArchivesLoad() throws Exception {
        byte[] archive = tar(dockerArchive(BASE, CHILD));
        ByteArrayOutputStream bzip2 = new ByteArrayOutputStream();
        try (var out = new BZip2CompressorOutputStream(bzip2)) {
            out.write(archive);
        }
        for (byte[] compressed : List.of(TestImage.gzip(archive), TestImage.zstd(archive), bzip2.toByteArray())) {
            Engine fresh = Engine.open(root.resolve("s" + compressed.length));
            LoadResult result = StoreArchives.load(fresh, new ByteArrayInputStream(compressed));
            assertThat(result.lines()).containsExactly("Loaded image: base:1", "Loaded image: child:2");
            assertThat(StoreCheck.problems(fresh)).isEmpty();
        }
    }

    @Test
    void dockerParentLinkIsKeptWhenBothImagesLoad() throws Exception {
        // CHILD's history is BASE's plus one step, so Docker's parent test passes
        Map<String, Object> entries = dockerArchive(BASE, CHILD);
        String manifest = new String((byte[]) entries.get("manifest.json"));
        entries.put("manifest.json", manifest.replaceFirst("\\}\\]$",
                ",\"Parent\":\"" + BASE.id() + "\"}]").getBytes());
        load(tar(entries));
        assertThat(engine.store().images().record(CHILD.id()).orElseThrow().parent()).isEqualTo(BASE.id());
        assertThat(engine.store().images().record(BASE.id()).orElseThrow().parent()).isNull();
    }

    @Test
    void entriesNamedWithDotSlashLoad() throws Exception {
        Map<String, Object> entries = new LinkedHashMap<>();
        dockerArchive(BASE, CHILD).forEach((name, value) -> entries.put("./" + name, value));
        assertThat(load(tar(entries)).lines()).containsExactly("Loaded image: base:1", "Loaded image: child:2");
    }

    @Test
    void ociLayoutWithGzipAndZstdLayers() throws Exception {
        record Case(UnaryOperator<byte[]> compress, String mediaType) {
        }
        for (Case c : List.of(new Case(TestImage::gzip, MediaTypes.OCI_LAYER_GZIP),
                new Case(TestImage::zstd, MediaTypes.OCI_LAYER_ZSTD),
                new Case(TestImage::gzip, MediaTypes.DOCKER_LAYER_GZIP),
                new Case(b -> b, MediaTypes.OCI_LAYER))) {
            Engine fresh = Engine.open(root.resolve(c.mediaType().replace('/', '_')));
            LoadResult result = StoreArchives.load(fresh, new ByteArrayInputStream(tar(ociLayout(c.compress(), c.mediaType(), BASE, CHILD))));

            assertThat(result.lines()).containsExactly("Loaded image: base:1", "Loaded image: child:2");
            List<LayerRecord> layers = fresh.store().layersOf(fresh.store().image(CHILD.id()).orElseThrow());
            assertThat(layers).extracting(LayerRecord::diffId).isEqualTo(CHILD.diffIds());
            for (int i = 0; i < layers.size(); i++) {
                byte[] blob = c.compress().apply(CHILD.layers().get(i));
                assertThat(layers.get(i).blob()).isEqualTo(Digest.sha256(blob));
                assertThat(layers.get(i).blobSize()).isEqualTo(blob.length);
                assertThat(layers.get(i).mediaType()).isEqualTo(c.mediaType());
                assertThat(layers.get(i).tarSize()).isEqualTo(CHILD.layers().get(i).length);
            }
            assertThat(StoreCheck.problems(fresh)).isEmpty();
        }
    }

    @Test
    void ociRefNameAloneNamesNoRepository() throws Exception {
        Map<String, Object> entries = ociLayout(b -> b, MediaTypes.OCI_LAYER, BASE.withTags());
        ImageIndex index = ImageIndex.fromJson(Json.object((byte[]) entries.get("index.json")));
        Descriptor only = index.manifests().getFirst();
        List<Descriptor> named = List.of(only.withAnnotations(Map.of("org.opencontainers.image.ref.name", "v1")),
                only.withAnnotations(Map.of("org.opencontainers.image.ref.name", "example.com/app:v2")));
        entries.put("index.json", Json.write(ImageIndex.oci(named)));

        LoadResult result = load(tar(entries));

        assertThat(result.lines()).containsExactly("Loaded image: example.com/app:v2");
        assertThat(result.images()).containsExactly(new LoadedImage(BASE.id(), List.of("example.com/app:v2")));
    }

    @Test
    void aMultiPlatformIndexLoadsTheHostsImage() throws Exception {
        TestImage arm = new TestImage(TestImage.config(BASE.layers(), "arm64", "linux"), BASE.layers(), List.of());
        Map<String, Object> blobs = new LinkedHashMap<>();
        Descriptor armManifest = TarFixture.ociManifest(blobs, b -> b, MediaTypes.OCI_LAYER, arm)
                .withPlatform(Platform.of("linux", "arm64"));
        Descriptor hostManifest = TarFixture.ociManifest(blobs, b -> b, MediaTypes.OCI_LAYER, BASE)
                .withPlatform(Platform.host());
        byte[] nested = Json.write(ImageIndex.oci(List.of(armManifest, hostManifest)));
        Digest nestedDigest = TarFixture.putBlob(blobs, nested);
        Map<String, Object> entries = new LinkedHashMap<>(blobs);
        entries.put("index.json", Json.write(ImageIndex.oci(List.of(new Descriptor(MediaTypes.OCI_INDEX, nestedDigest,
                nested.length).withAnnotations(Map.of("io.containerd.image.name", "docker.io/library/multi:1"))))));

        LoadResult result = load(tar(entries));

        assertThat(result.images()).containsExactly(new LoadedImage(BASE.id(), List.of("multi:1")));
        assertThat(engine.store().image(arm.id())).isEmpty();
        // the arm image's config was stored as it passed, and dropped as unneeded
        assertThat(engine.store().content().contains(arm.id())).isFalse();
        assertThat(StoreCheck.problems(engine)).isEmpty();
    }

    @Test
    void loadsLayoutAndUnpackedArchiveDirectories() throws Exception {
        Path layout = root.resolve("layout");
        TarFixture.writeDirectory(ociLayout(TestImage::gzip, MediaTypes.OCI_LAYER_GZIP, BASE, CHILD), layout);
        Path unpacked = root.resolve("unpacked");
        TarFixture.writeDirectory(dockerArchive(BASE, CHILD), unpacked);

        for (Path dir : List.of(layout, unpacked)) {
            Engine fresh = Engine.open(root.resolve("store-" + dir.getFileName()));
            LoadResult result = StoreArchives.loadDirectory(fresh, dir);
            assertThat(result.lines()).containsExactly("Loaded image: base:1", "Loaded image: child:2");
            assertThat(StoreCheck.problems(fresh)).isEmpty();
        }
    }

    @Test
    void anEmptyManifestListLoadsNothing() throws Exception {
        LoadResult result = load(tar(Map.of("manifest.json", "[]".getBytes())));
        assertThat(result.images()).isEmpty();
        assertThat(result.lines()).isEmpty();
    }

    @Test
    void manyImagesAndRepeatedLayers() throws Exception {
        byte[] empty = TestImage.layerTar(Map.of());
        List<TestImage> images = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            images.add(TestImage.withLayers(List.of("many:" + i),
                    List.of(BASE.layers().getFirst(), empty, empty, TestImage.layerTar(Map.of("n", ("" + i).getBytes())))));
        }
        LoadResult result = load(tar(dockerArchive(images.toArray(TestImage[]::new))));
        assertThat(result.images()).hasSize(5);
        for (TestImage image : images) {
            assertStored(image);
        }
        assertThat(StoreCheck.problems(engine)).isEmpty();
    }
}
