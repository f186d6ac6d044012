package dev.strata.archive;

import dev.strata.engine.LoadResult;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.digest.Digest;
import dev.strata.engine.Engine;
import dev.strata.engine.ImportOptions;
import dev.strata.image.MediaTypes;
import dev.strata.json.JsonReader;
import java.io.ByteArrayInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Done-when 1 of issue 2, against the Docker 20.10 engine on this machine: archives go both ways. */
@Tag("integration")
class DockerInteropTest {
    @TempDir
    Path dir;
    private final List<String> dockerImages = new ArrayList<>();
    private final List<String> dockerContainers = new ArrayList<>();

    @AfterEach
    void removeWhatWeAddedToDocker() {
        for (String container : dockerContainers) {
            Peers.exec("docker", "rm", "-f", container);
        }
        Peers.dockerRmi(dockerImages);
    }

    private String dockerId(String image) {
        return Peers.run("docker", "image", "inspect", "--format", "{{.Id}}", image).strip();
    }

    private List<String> dockerDiffIds(String image) {
        String json = Peers.run("docker", "image", "inspect", "--format", "{{json .RootFS.Layers}}", image).strip();
        return ((List<?>) JsonReader.parse(json.getBytes())).stream().map(String::valueOf).toList();
    }

    @Test
    void anImageDockerSavedLoadsWithTheSameIdAndDiffIds() throws Exception {
        String repository = Peers.uniqueName("strata-it-docker-save");
        String base = repository + ":base";
        String child = repository + ":child";
        Path rootfs = dir.resolve("rootfs.tar");
        Files.write(rootfs, Peers.busyboxRootfs(Map.of("etc/os-release", "NAME=\"" + repository + "\"\nID=strata-it\n")));
        dockerImages.add(base);
        Peers.run("docker", "import", rootfs.toString(), base);
        // a child made in docker: saving both makes Docker write its shared layer once, the second copy a symlink
        String container = Peers.uniqueName("strata-it-c");
        dockerContainers.add(container);
        Peers.run("docker", "run", "--name", container, base, "sh", "-c", "echo hello > /hello");
        dockerImages.add(child);
        Peers.run("docker", "commit", container, child);
        Path archive = dir.resolve("docker-save.tar");
        Peers.run("docker", "save", "-o", archive.toString(), base, child);
        assertThat(Peers.run("tar", "tvf", archive.toString())).contains("layer.tar -> ../");

        Engine engine = Engine.open(dir.resolve("store"));
        LoadResult result;
        try (InputStream in = Files.newInputStream(archive)) {
            result = StoreArchives.load(engine, in);
        }

        assertThat(result.lines()).containsExactlyInAnyOrder("Loaded image: " + base, "Loaded image: " + child);
        for (String image : List.of(base, child)) {
            Digest id = engine.names().resolve(image);
            assertThat(id.toString()).isEqualTo(dockerId(image));
            assertThat(engine.store().layersOf(engine.store().image(id).orElseThrow()))
                    .extracting(l -> l.diffId().toString()).isEqualTo(dockerDiffIds(image));
        }
        assertThat(engine.store().images().record(engine.names().resolve(child)).orElseThrow().parent())
                .hasToString(dockerId(base));
        assertThat(StoreCheck.problems(engine)).isEmpty();

        // and the same archive gzip-compressed, as `docker save | gzip` makes it
        Engine again = Engine.open(dir.resolve("store-gz"));
        byte[] gz = TestImage.gzip(Files.readAllBytes(archive));
        assertThat(StoreArchives.load(again, new ByteArrayInputStream(gz)).images()).hasSize(2);
        assertThat(StoreCheck.problems(again)).isEmpty();
    }

    @Test
    void whatStrataSavesLoadsIntoDockerWithTheSameIdAndRuns() throws Exception {
        String repository = Peers.uniqueName("strata-it-strata-save");
        String imported = repository + ":imported";
        String layered = repository + ":layered";
        String osRelease = "NAME=\"" + repository + "\"\nID=strata-it\n";
        byte[] rootfs = Peers.busyboxRootfs(Map.of("etc/os-release", osRelease));
        Engine engine = Engine.open(dir.resolve("store"));
        engine.writer().importImage(new ByteArrayInputStream(rootfs), ImportOptions.tagged(imported));
        // a second image of two gzip layers from an OCI layout, so save must decompress as it streams
        byte[] top = TestImage.layerTar(Map.of("hello", (repository + "\n").getBytes()));
        TestImage two = TestImage.withLayers(List.of(layered), List.of(rootfs, top));
        StoreArchives.load(engine, new ByteArrayInputStream(TarFixture.tar(
                TarFixture.ociLayout(TestImage::gzip, MediaTypes.OCI_LAYER_GZIP, two))));

        Path archive = dir.resolve("strata-save.tar");
        try (FileOutputStream out = new FileOutputStream(archive.toFile())) {
            StoreArchives.save(engine, List.of(imported, layered), out);
        }
        dockerImages.add(imported);
        dockerImages.add(layered);
        String loaded = Peers.run("docker", "load", "-i", archive.toString());

        assertThat(loaded).contains("Loaded image: " + imported, "Loaded image: " + layered);
        for (String image : List.of(imported, layered)) {
            Digest id = engine.names().resolve(image);
            assertThat(dockerId(image)).isEqualTo(id.toString());
            assertThat(dockerDiffIds(image)).isEqualTo(engine.store().image(id).orElseThrow().diffIds().stream()
                    .map(Object::toString).toList());
        }
        assertThat(Peers.run("docker", "run", "--rm", imported, "cat", "/etc/os-release")).isEqualTo(osRelease);
        assertThat(Peers.run("docker", "run", "--rm", layered, "cat", "/hello")).isEqualTo(repository + "\n");
    }
}
