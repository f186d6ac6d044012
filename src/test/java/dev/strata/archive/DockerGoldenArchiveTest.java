package dev.strata.archive;

import dev.strata.engine.LoadResult;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.digest.Digest;
import dev.strata.engine.Engine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real archive, so the format is pinned even where no docker runs: {@code docker save strata-golden:base
 * strata-golden:child} from Docker 20.10.24, the base made by {@code docker import} of a tar holding
 * /etc/os-release, the child by a classic-builder {@code COPY hello /hello}. Docker wrote the child's copy
 * of the base layer as a symlink that comes before its target, and a Parent link in manifest.json. The
 * IDs and diff IDs below are what {@code docker image inspect} printed for these images.
 */
class DockerGoldenArchiveTest {
    @TempDir
    Path root;

    static final Digest BASE = Digest.parse("sha256:6277038a8b4accd44c56b176f05f323ff8c4e2f270a7b39b8d3a8263add72d77");
    static final Digest CHILD = Digest.parse("sha256:99b153dc151d81b065e4e92de3485d5480c8535a31aa84d5d4bebbc5ce393c8f");
    static final List<String> BASE_DIFF_IDS = List.of("sha256:d14dd3f9236fc3890239c2f8750afc5827253112358730397878270cc5f32cb0");
    static final List<String> CHILD_DIFF_IDS = List.of("sha256:d14dd3f9236fc3890239c2f8750afc5827253112358730397878270cc5f32cb0",
            "sha256:38c523342338c30eff95ca9fd65b04cf5ea21395b937505bc3a04a0c81c222c2");
    /** Where the child's own layer starts in the archive (its layer.tar entry's content). */
    static final String CHILD_LAYER = "c90180e4a35fddc70727dab40c178a669d5c5affb8082f7c6ef047ccfb49d374/layer.tar";

    static byte[] golden() throws Exception {
        try (InputStream in = DockerGoldenArchiveTest.class.getResourceAsStream("docker-20.10-save.tar")) {
            return in.readAllBytes();
        }
    }

    private static List<String> diffIds(Engine engine, Digest id) throws Exception {
        return engine.store().layersOf(engine.store().image(id).orElseThrow()).stream().map(l -> l.diffId().toString()).toList();
    }

    @Test
    void loadsWithDockersIdsDiffIdsAndParent() throws Exception {
        Engine engine = Engine.open(root);
        LoadResult result = StoreArchives.load(engine, new ByteArrayInputStream(golden()));

        assertThat(result.lines()).containsExactly("Loaded image: strata-golden:base", "Loaded image: strata-golden:child");
        assertThat(engine.names().resolve("strata-golden:base")).isEqualTo(BASE);
        assertThat(engine.names().resolve("strata-golden:child")).isEqualTo(CHILD);
        assertThat(diffIds(engine, BASE)).isEqualTo(BASE_DIFF_IDS);
        assertThat(diffIds(engine, CHILD)).isEqualTo(CHILD_DIFF_IDS);
        assertThat(engine.store().images().record(CHILD).orElseThrow().parent()).isEqualTo(BASE);
        assertThat(StoreCheck.problems(engine)).isEmpty();
    }

    @Test
    void aFlippedByteInTheRealArchiveIsRefused() throws Exception {
        byte[] archive = golden();
        // find the child layer's content: the block after its header
        int header = indexOf(archive, CHILD_LAYER.getBytes());
        byte[] damaged = TarFixture.flip(archive, header + 512 + 700);
        Engine engine = Engine.open(root);
        // the store's lock file appears with its first write, whatever that is: make it exist beforehand
        engine.garbage().collect();
        StoreSnapshot before = StoreSnapshot.of(root);
        assertThatThrownBy(() -> StoreArchives.load(engine, new ByteArrayInputStream(damaged)))
                .isInstanceOf(InvalidArchiveException.class)
                .hasMessageStartingWith(CHILD_LAYER + ": diff ID mismatch: config " + CHILD.encoded() + ".json lists "
                        + CHILD_DIFF_IDS.get(1) + " for layer 2");
        assertThat(StoreSnapshot.of(root)).isEqualTo(before);
    }

    @Test
    void strataSavesTheSameConfigsAndLayers() throws Exception {
        Engine engine = Engine.open(root.resolve("a"));
        StoreArchives.load(engine, new ByteArrayInputStream(golden()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StoreArchives.save(engine, List.of("strata-golden:base", "strata-golden:child"), out);

        var entries = SaveTest.entries(out.toByteArray());
        assertThat(Digest.sha256(entries.get("blobs/sha256/" + CHILD.encoded()))).isEqualTo(CHILD);
        for (String diffId : CHILD_DIFF_IDS) {
            assertThat(Digest.sha256(entries.get("blobs/sha256/" + Digest.parse(diffId).encoded())).toString()).isEqualTo(diffId);
        }
        assertThat(new String(entries.get("manifest.json"))).endsWith(",\"Parent\":\"" + BASE + "\"}]\n");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
