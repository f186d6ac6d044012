package dev.strata.archive;

import dev.strata.engine.LoadResult;
import dev.strata.engine.LoadedImage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.digest.Digest;
import dev.strata.engine.Engine;
import dev.strata.engine.ImportOptions;
import dev.strata.image.MediaTypes;
import dev.strata.json.Json;
import dev.strata.layer.LayerRecord;
import java.io.ByteArrayInputStream;
import java.io.FileOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** skopeo and umoci read what Strata writes, and Strata reads the OCI layouts skopeo writes. */
@Tag("integration")
class SkopeoUmociTest {
    @TempDir
    Path dir;
    Engine engine;
    Digest imported;
    Digest layered;
    static final String OS_RELEASE = "NAME=\"strata\"\nID=strata-it\n";

    @BeforeEach
    void storeWithImages() throws Exception {
        engine = Engine.open(dir.resolve("store"));
        byte[] rootfs = Peers.busyboxRootfs(Map.of("etc/os-release", OS_RELEASE));
        imported = engine.writer().importImage(new ByteArrayInputStream(rootfs), ImportOptions.tagged("example.com/strata/imported:1.0"));
        TestImage two = TestImage.withLayers(List.of("example.com/strata/layered:2.0"),
                List.of(rootfs, TestImage.layerTar(Map.of("hello", "hi\n".getBytes()))));
        StoreArchives.load(engine, new ByteArrayInputStream(TarFixture.tar(
                TarFixture.ociLayout(TestImage::zstd, MediaTypes.OCI_LAYER_ZSTD, two))));
        layered = two.id();
    }

    private List<String> diffIds(Digest id) throws Exception {
        return engine.store().layersOf(engine.store().image(id).orElseThrow()).stream().map(l -> l.diffId().toString()).toList();
    }

    /** `skopeo inspect` of an image: its layers (for these uncompressed archives, the diff IDs) and the config's digest. */
    private void assertSkopeoSees(String transport, Digest id) throws Exception {
        Map<?, ?> inspect = Json.object(Peers.run("skopeo", "inspect", transport).getBytes()).members();
        assertThat(inspect.get("Layers")).isEqualTo(diffIds(id));
        assertThat(inspect.get("Architecture")).isEqualTo("amd64");
        assertThat(inspect.get("Os")).isEqualTo("linux");
        byte[] config = Peers.exec("skopeo", "inspect", "--config", "--raw", transport).stdout();
        assertThat(Digest.sha256(config)).isEqualTo(id);
    }

    @Test
    void skopeoReadsTheArchiveAsDockerArchiveAndAsOciArchive() throws Exception {
        Path archive = dir.resolve("save.tar");
        try (FileOutputStream out = new FileOutputStream(archive.toFile())) {
            StoreArchives.save(engine, List.of("example.com/strata/imported:1.0", "example.com/strata/layered:2.0"), out);
        }
        assertSkopeoSees("docker-archive:" + archive + ":example.com/strata/imported:1.0", imported);
        assertSkopeoSees("docker-archive:" + archive + ":example.com/strata/layered:2.0", layered);
        assertSkopeoSees("oci-archive:" + archive + ":1.0", imported);
        assertSkopeoSees("oci-archive:" + archive + ":2.0", layered);
    }

    @Test
    void skopeoReadsTheLayoutDirectoryInPlace() throws Exception {
        Path layout = dir.resolve("layout");
        StoreArchives.saveLayout(engine, List.of("example.com/strata/imported:1.0", "example.com/strata/layered:2.0"), layout);
        assertSkopeoSees("oci:" + layout + ":1.0", imported);
        assertSkopeoSees("oci:" + layout + ":2.0", layered);
    }

    @Test
    void umociUnpacksTheLayout() throws Exception {
        Path layout = dir.resolve("layout");
        StoreArchives.saveLayout(engine, List.of("example.com/strata/layered:2.0"), layout);
        Path bundle = dir.resolve("bundle");
        Peers.run("umoci", "unpack", "--image", layout + ":2.0", bundle.toString());

        assertThat(Files.readString(bundle.resolve("rootfs/etc/os-release"))).isEqualTo(OS_RELEASE);
        assertThat(Files.readString(bundle.resolve("rootfs/hello"))).isEqualTo("hi\n");
        assertThat(Files.isSymbolicLink(bundle.resolve("rootfs/bin/sh"))).isTrue();
        assertThat(Files.size(bundle.resolve("rootfs/bin/busybox"))).isEqualTo(Files.size(Path.of("/bin/busybox")));
        assertThat(Files.exists(bundle.resolve("config.json"))).isTrue();
    }

    @Test
    void layoutsSkopeoWritesLoad() throws Exception {
        Path archive = dir.resolve("save.tar");
        try (FileOutputStream out = new FileOutputStream(archive.toFile())) {
            StoreArchives.save(engine, List.of("example.com/strata/layered:2.0"), out);
        }
        for (String format : List.of("gzip", "zstd")) {
            Path layout = dir.resolve("skopeo-" + format);
            Peers.run("skopeo", "copy", "--dest-compress", "--dest-compress-format", format,
                    "docker-archive:" + archive, "oci:" + layout + ":copied");
            // skopeo rewrites the config as it converts it to OCI, so the image ID is that of its config
            Digest copied = Digest.sha256(Peers.exec("skopeo", "inspect", "--config", "--raw", "oci:" + layout + ":copied").stdout());
            Engine other = Engine.open(dir.resolve("other-" + format));

            LoadResult result = StoreArchives.loadDirectory(other, layout);

            // skopeo's ref name is a bare tag, which names no repository: the image loads untagged
            assertThat(result.images()).containsExactly(new LoadedImage(copied, List.of()));
            assertThat(result.lines()).containsExactly("Loaded image ID: " + copied);
            List<LayerRecord> layers = other.store().layersOf(other.store().image(copied).orElseThrow());
            assertThat(layers).extracting(l -> l.diffId().toString()).isEqualTo(diffIds(layered));
            assertThat(layers).extracting(LayerRecord::mediaType).containsOnly("application/vnd.oci.image.layer.v1.tar+" + format);
            assertThat(StoreCheck.problems(other)).isEmpty();
        }
    }
}
