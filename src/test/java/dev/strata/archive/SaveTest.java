package dev.strata.archive;

import dev.strata.engine.LoadResult;
import dev.strata.engine.LoadedImage;
import static dev.strata.archive.TarFixture.dockerArchive;
import static dev.strata.archive.TarFixture.ociLayout;
import static dev.strata.archive.TarFixture.tar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.digest.Digest;
import dev.strata.engine.Engine;
import dev.strata.engine.NoSuchImageException;
import dev.strata.image.MediaTypes;
import dev.strata.layer.LayerRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SaveTest {
    @TempDir
    Path root;
    Engine engine;

    static final TestImage BASE = LoadTest.BASE;
    static final TestImage CHILD = LoadTest.CHILD;

    @BeforeEach
    void storeWithTwoImages() throws Exception {
        engine = Engine.open(root.resolve("store"));
        StoreArchives.load(engine, new ByteArrayInputStream(tar(dockerArchive(BASE, CHILD))));
    }

    private byte[] save(Engine from, String... names) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StoreArchives.save(from, List.of(names), out);
        return out.toByteArray();
    }

    /** Entries of a tar in order, with their content; headers are checked to be Strata's fixed ones. */
    static Map<String, byte[]> entries(byte[] archive) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(archive))) {
            TarArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                assertThat(entry.getModTime().getTime()).isZero();
                assertThat(entry.getLongUserId()).isZero();
                assertThat(entry.getLongGroupId()).isZero();
                assertThat(entry.getUserName()).isEmpty();
                // permission bits only, as Go's archive/tar writes them
                assertThat(entry.getMode()).isEqualTo(entry.isDirectory() ? 0755 : 0644);
                out.put(entry.getName(), in.readAllBytes());
            }
        }
        return out;
    }

    private static String blob(Digest digest) {
        return "blobs/sha256/" + digest.encoded();
    }

    private static String text(byte[] bytes) {
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void oneImageIsDockers25LayoutExactly() throws Exception {
        Map<String, byte[]> entries = entries(save(engine, "base:1"));

        byte[] layer = BASE.layers().getFirst();
        Digest diffId = Digest.sha256(layer);
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + BASE.id()
                + "\",\"size\":" + BASE.config().length + "},\"layers\":[{\"mediaType\":"
                + "\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + diffId + "\",\"size\":" + layer.length + "}]}";
        Digest manifestDigest = Digest.sha256(manifest);
        assertThat(entries.keySet()).containsExactly("blobs/", "blobs/sha256/", blob(diffId), blob(BASE.id()),
                blob(manifestDigest), "index.json", "manifest.json", "oci-layout", "repositories");
        assertThat(entries.get(blob(diffId))).isEqualTo(layer);
        assertThat(entries.get(blob(BASE.id()))).isEqualTo(BASE.config());
        assertThat(text(entries.get(blob(manifestDigest)))).isEqualTo(manifest);
        assertThat(text(entries.get("index.json"))).isEqualTo("{\"schemaVersion\":2,\"mediaType\":"
                + "\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{\"mediaType\":"
                + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + manifestDigest + "\",\"size\":"
                + manifest.length() + ",\"annotations\":{\"io.containerd.image.name\":\"docker.io/library/base:1\","
                + "\"org.opencontainers.image.ref.name\":\"1\"},\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}}]}");
        assertThat(text(entries.get("manifest.json"))).isEqualTo("[{\"Config\":\"" + blob(BASE.id())
                + "\",\"RepoTags\":[\"base:1\"],\"Layers\":[\"" + blob(diffId) + "\"]}]\n");
        assertThat(text(entries.get("oci-layout"))).isEqualTo("{\"imageLayoutVersion\": \"1.0.0\"}");
        assertThat(text(entries.get("repositories"))).isEqualTo("{\"base\":{\"1\":\"" + diffId.encoded() + "\"}}\n");
    }

    @Test
    void savingIsReproducibleAndTheSameThroughAFileChannel() throws Exception {
        byte[] first = save(engine, "base:1", "child:2");
        byte[] second = save(engine, "base:1", "child:2");
        assertThat(second).isEqualTo(first);

        Path file = root.resolve("out.tar");
        try (FileOutputStream out = new FileOutputStream(file.toFile())) {
            StoreArchives.save(engine, List.of("base:1", "child:2"), out);
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(first);
        // tar's own framing: 512-byte blocks, ending in two zero blocks
        assertThat(first.length % 512).isZero();
        assertThat(java.util.Arrays.copyOfRange(first, first.length - 1024, first.length)).containsOnly(0);
    }

    @Test
    void aSharedLayerIsWrittenOnce() throws Exception {
        Map<String, byte[]> entries = entries(save(engine, "base:1", "child:2"));
        String shared = blob(BASE.diffIds().getFirst().digest());
        String top = blob(CHILD.diffIds().get(1).digest());
        assertThat(entries.keySet().stream().filter(k -> k.equals(shared))).hasSize(1);
        assertThat(text(entries.get("manifest.json"))).isEqualTo("[{\"Config\":\"" + blob(BASE.id())
                + "\",\"RepoTags\":[\"base:1\"],\"Layers\":[\"" + shared + "\"]},{\"Config\":\"" + blob(CHILD.id())
                + "\",\"RepoTags\":[\"child:2\"],\"Layers\":[\"" + shared + "\",\"" + top + "\"]}]\n");
        assertThat(text(entries.get("repositories"))).isEqualTo("{\"base\":{\"1\":\"" + BASE.diffIds().getFirst().digest().encoded()
                + "\"},\"child\":{\"2\":\"" + CHILD.diffIds().get(1).digest().encoded() + "\"}}\n");
        // 2 directories, 2 layers, 2 configs, 2 manifests, 4 files at the top
        assertThat(entries).hasSize(12);
    }

    @Test
    void savedByIdAnImageHasNoTags() throws Exception {
        for (String byId : List.of(BASE.id().toString(), BASE.id().encoded(), BASE.id().encoded().substring(0, 10))) {
            Map<String, byte[]> entries = entries(save(engine, byId));
            assertThat(text(entries.get("manifest.json"))).isEqualTo("[{\"Config\":\"" + blob(BASE.id())
                    + "\",\"RepoTags\":null,\"Layers\":[\"" + blob(BASE.diffIds().getFirst().digest()) + "\"]}]\n");
            assertThat(entries).doesNotContainKey("repositories");
            assertThat(text(entries.get("index.json"))).doesNotContain("annotations").contains("\"platform\"");
        }
    }

    @Test
    void aBareNameSavesEveryTagOfTheRepository() throws Exception {
        engine.names().tag("base:1", "base:extra");
        engine.names().tag("child:2", "base:child");
        Map<String, byte[]> entries = entries(save(engine, "base"));
        assertThat(text(entries.get("manifest.json")))
                .contains("\"RepoTags\":[\"base:1\",\"base:extra\"]")
                .contains("\"RepoTags\":[\"base:child\"]");
        assertThatThrownBy(() -> save(engine, "nothing:here")).isInstanceOf(NoSuchImageException.class)
                .hasMessage("No such image: nothing:here");
    }

    @Test
    void whatIsSavedLoadsBackTheSame() throws Exception {
        engine.names().tag("child:2", "localhost:5000/team/child:v2");
        byte[] archive = save(engine, "base:1", "child:2", "localhost:5000/team/child:v2");
        Engine other = Engine.open(root.resolve("other"));

        LoadResult result = StoreArchives.load(other, new ByteArrayInputStream(archive));

        assertThat(result.lines()).containsExactly("Loaded image: base:1", "Loaded image: child:2",
                "Loaded image: localhost:5000/team/child:v2");
        assertThat(result.images()).containsExactly(new LoadedImage(BASE.id(), List.of("base:1")),
                new LoadedImage(CHILD.id(), List.of("child:2", "localhost:5000/team/child:v2")));
        for (TestImage image : List.of(BASE, CHILD)) {
            assertThat(other.store().image(image.id()).orElseThrow().rawConfig()).isEqualTo(image.config());
            assertThat(other.store().layersOf(other.store().image(image.id()).orElseThrow()))
                    .isEqualTo(engine.store().layersOf(engine.store().image(image.id()).orElseThrow()));
        }
        assertThat(StoreCheck.problems(other)).isEmpty();
        assertThat(save(other, "base:1", "child:2", "localhost:5000/team/child:v2")).isEqualTo(archive);
    }

    @Test
    void aCompressedLayerIsSavedUncompressed() throws Exception {
        Engine oci = Engine.open(root.resolve("oci"));
        StoreArchives.load(oci, new ByteArrayInputStream(tar(ociLayout(TestImage::gzip, MediaTypes.OCI_LAYER_GZIP, BASE, CHILD))));
        assertThat(oci.store().layersOf(oci.store().image(CHILD.id()).orElseThrow()))
                .extracting(LayerRecord::mediaType).containsOnly(MediaTypes.OCI_LAYER_GZIP);

        byte[] archive = save(oci, "base:1", "child:2");
        assertThat(archive).isEqualTo(save(engine, "base:1", "child:2"));

        // a record from before tar sizes were kept: the size is found by decompressing once more
        for (LayerRecord record : oci.store().layers().list()) {
            oci.store().layers().put(new LayerRecord(record.chainId(), record.diffId(), record.parent(), record.blob(),
                    record.mediaType(), record.blobSize(), record.size(), 0, record.tarSplit()));
        }
        assertThat(oci.store().layers().list()).extracting(LayerRecord::tarSize).containsOnly(0L);
        assertThat(save(oci, "base:1", "child:2")).isEqualTo(archive);
    }

    @Test
    void aDamagedCompressedLayerIsNotPassedOn() throws Exception {
        Engine oci = Engine.open(root.resolve("oci"));
        byte[] layer = TestImage.layerTar(Map.of("f", "content that will be damaged".getBytes()));
        TestImage image = TestImage.withLayers(List.of("damaged:1"), List.of(layer));
        StoreArchives.load(oci, new ByteArrayInputStream(tar(ociLayout(TestImage::gzip, MediaTypes.OCI_LAYER_GZIP, image))));
        LayerRecord record = oci.store().layersOf(oci.store().image(image.id()).orElseThrow()).getFirst();
        // same length, different content, a valid gzip: only the diff ID can tell
        byte[] other = TestImage.gzip(TestImage.layerTar(Map.of("f", "content that will be DAMAGED".getBytes())));
        Path blobFile = oci.store().content().path(record.blob());
        Files.write(blobFile, other);

        assertThatThrownBy(() -> save(oci, "damaged:1")).isInstanceOf(dev.strata.error.CorruptDataException.class)
                .hasMessageContaining("layer " + record.diffId() + " is damaged in the store");
    }

    @Test
    void aLayoutDirectoryHoldsTheSameFiles() throws Exception {
        Path dir = root.resolve("layout");
        StoreArchives.saveLayout(engine, List.of("base:1", "child:2"), dir);

        Map<String, byte[]> expected = new TreeMap<>();
        entries(save(engine, "base:1", "child:2")).forEach((name, content) -> {
            if (!name.endsWith("/")) {
                expected.put(name, content);
            }
        });
        Map<String, byte[]> actual = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                actual.put(dir.relativize(file).toString(), Files.readAllBytes(file));
            }
        }
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        actual.forEach((name, content) -> assertThat(content).as(name).isEqualTo(expected.get(name)));

        Engine other = Engine.open(root.resolve("other"));
        assertThat(StoreArchives.loadDirectory(other, dir).lines()).containsExactly("Loaded image: base:1", "Loaded image: child:2");

        assertThatThrownBy(() -> StoreArchives.saveLayout(engine, List.of("base:1"), dir))
                .hasMessageContaining("is not empty");
    }

    @Test
    void theParentLinkIsWrittenWhenBothImagesAreSaved() throws Exception {
        Engine withParent = Engine.open(root.resolve("parent"));
        Map<String, Object> archive = dockerArchive(BASE, CHILD);
        archive.put("manifest.json", text((byte[]) archive.get("manifest.json"))
                .replaceFirst("\\}\\]$", ",\"Parent\":\"" + BASE.id() + "\"}]").getBytes());
        StoreArchives.load(withParent, new ByteArrayInputStream(tar(archive)));

        assertThat(text(entries(save(withParent, "base:1", "child:2")).get("manifest.json")))
                .endsWith("],\"Parent\":\"" + BASE.id() + "\"}]\n");
        assertThat(text(entries(save(withParent, "child:2")).get("manifest.json"))).doesNotContain("Parent");
    }

    @Test
    void tarHeadersReadBackIncludingHugeSizes() throws Exception {
        long huge = 10L << 30;
        TarArchiveEntry parsed = new TarArchiveEntry(TarOutput.header("blobs/sha256/" + "a".repeat(64), huge, '0', 0644));
        assertThat(parsed.getSize()).isEqualTo(huge);
        assertThat(parsed.getName()).isEqualTo("blobs/sha256/" + "a".repeat(64));
        long justFits = TarOutput.MAX_OCTAL_SIZE;
        assertThat(new TarArchiveEntry(TarOutput.header("f", justFits, '0', 0644)).getSize()).isEqualTo(justFits);
        assertThat(org.apache.commons.compress.archivers.tar.TarUtils.verifyCheckSum(
                TarOutput.header("f", huge, '0', 0644))).isTrue();
    }
}
