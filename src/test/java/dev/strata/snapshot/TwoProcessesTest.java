package dev.strata.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.strata.linux.Linux;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Two processes unpacking the same chain at the same time, as two {@code strata pull}s would. */
class TwoProcessesTest {
    private static final int LAYERS = 40;

    @TempDir
    Path root;

    @AfterEach
    void detachLeftovers() throws IOException {
        for (Path target : Mounts.mountPointsUnder(root)) {
            Linux.umount(target, Linux.MNT_DETACH);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlay2", "vfs"})
    void unpackingOneChainTwiceAtOnceGivesOneIntactChain(String driver) throws Exception {
        assumeThat(Linux.isRoot()).isTrue();
        Files.createDirectories(root);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> unpackers = new ArrayList<>();
        for (String me : List.of("one", "two")) {
            unpackers.add(new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"), ChainUnpacker.class.getName(),
                    root.toString(), driver, Integer.toString(LAYERS), me)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start());
        }
        List<Integer> wins = new ArrayList<>();
        for (Process unpacker : unpackers) {
            assertThat(unpacker.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(unpacker.exitValue()).isZero();
            wins.add(Integer.parseInt(new String(unpacker.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip()));
        }
        int won = wins.stream().mapToInt(Integer::intValue).sum();
        System.out.println(driver + ": commits won by each process " + wins + " of " + LAYERS);
        assertThat(won).as("every layer committed exactly once").isEqualTo(LAYERS);

        try (Snapshotter s = Snapshotters.open(root, driver)) {
            assertThat(s.list()).extracting(Info::name).allMatch(name -> name.startsWith("chain-")).hasSize(LAYERS);
            s.view("check", "chain-" + (LAYERS - 1));
            Path target = Files.createDirectories(root.resolve("check"));
            Mounts.mount(s.mounts("check"), target);
            try {
                for (int i = 0; i < LAYERS; i++) {
                    assertThat(Files.readString(target.resolve("layer-" + i))).isEqualTo("layer " + i);
                }
            } finally {
                Mounts.unmount(target);
            }
            for (String scratch : List.of("intents", "staging", "trash")) {
                assertThat(root.resolve(driver).resolve(scratch)).isEmptyDirectory();
            }
        }
    }
}
