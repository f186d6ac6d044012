package dev.strata.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.strata.linux.Linux;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The crash story for real: a second JVM churns through prepare/commit/remove (and mounts) and is killed
 * with SIGKILL at a random moment; the next process must find a store it can use, with nothing leaked
 * once it has made one change.
 */
class KillRecoveryTest {
    @TempDir
    Path root;

    @AfterEach
    void detachLeftovers() throws IOException {
        for (Path target : Mounts.mountPointsUnder(root)) {
            Linux.umount(target, Linux.MNT_DETACH);
        }
    }

    @ParameterizedTest(name = "{0}, killed {1} ms after its first operation")
    @CsvSource({"overlay2, 0", "overlay2, 170", "vfs, 0", "vfs, 230"})
    void aKilledProcessLeavesAStoreTheNextOneCanUse(String driver, int delay) throws Exception {
        assumeThat(Linux.isRoot()).isTrue();
        try (Snapshotter s = Snapshotters.open(root, driver)) {
            s.prepare("extract-base", null);
            Files.writeString(s.extractTarget("extract-base").dir().resolve("base-file"), "base");
            s.commit("base", "extract-base");
        }
        killChurnAfter(driver, delay);
        System.out.println(driver + " killed after " + delay + " ms left: " + leftovers(root.resolve(driver)));

        try (Snapshotter s = Snapshotters.open(root, driver)) {
            s.prepare("after", "base"); // the first change settles what the killed process left
            Path home = root.resolve(driver);
            for (String scratch : List.of("intents", "staging", "trash", "tmp")) {
                assertThat(home.resolve(scratch)).as(scratch).isEmptyDirectory();
            }
            List<Info> all = s.list();
            assertThat(dataDirectories(driver)).as("one data directory per snapshot").isEqualTo(all.size());
            for (Info info : all) {
                switch (info.kind()) {
                    case ACTIVE -> assertThat(s.extractTarget(info.name()).dir()).isDirectory();
                    case COMMITTED -> s.usage(info.name());
                    case VIEW -> throw new AssertionError("the churn makes no views");
                }
            }
            assertThat(s.stat("base")).isPresent();
            // and every snapshot can be mounted and read through, then removed, leaves first
            for (Info info : all) {
                if (info.kind() == Info.Kind.COMMITTED) {
                    s.view("check", info.name());
                    assertEverythingReadable(s.mounts("check"));
                    s.remove("check");
                }
            }
            removeAll(s);
            assertThat(dataDirectories(driver)).isZero();
            if (driver.equals("overlay2")) {
                try (var links = Files.list(home.resolve("l"))) {
                    assertThat(links).isEmpty();
                }
            }
        }
    }

    private void killChurnAfter(String driver, int delay) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process churn = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Xshare:auto",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                SnapshotChurn.class.getName(), root.toString(), driver, Long.toString(new Random().nextLong()))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(churn.getInputStream(), StandardCharsets.UTF_8));
            String first = lines.readLine();
            assertThat(first).as("the churn process started working").isEqualTo("op 0");
            Thread.sleep(delay);
        } finally {
            churn.destroyForcibly(); // SIGKILL
            assertThat(churn.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    private void assertEverythingReadable(List<Mount> mounts) throws IOException {
        Path target = Files.createDirectories(root.resolve("check-mount"));
        Mounts.mount(mounts, target);
        try (var files = Files.walk(target)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.readAllBytes(file);
            }
            assertThat(Files.readString(target.resolve("base-file"))).isEqualTo("base");
        } finally {
            Mounts.unmount(target);
        }
    }

    private static void removeAll(Snapshotter s) throws IOException {
        List<Info> left = new ArrayList<>(s.list());
        while (!left.isEmpty()) {
            int before = left.size();
            for (Info info : List.copyOf(left)) {
                try {
                    s.remove(info.name());
                    left.remove(info);
                } catch (SnapshotInUseException e) {
                    // a parent: its children go first
                }
            }
            assertThat(left.size()).as("progress removing %s", left).isLessThan(before);
        }
    }

    /** What the kill interrupted, for the test's output: entries in the scratch directories. */
    private static String leftovers(Path home) throws IOException {
        StringBuilder out = new StringBuilder();
        for (String scratch : List.of("intents", "staging", "trash", "tmp")) {
            try (var entries = Files.list(home.resolve(scratch))) {
                out.append(scratch).append('=').append(entries.count()).append(' ');
            }
        }
        return out.toString().strip();
    }

    private long dataDirectories(String driver) throws IOException {
        Path dir = driver.equals("overlay2") ? root.resolve("overlay2") : root.resolve("vfs/dir");
        try (var entries = Files.list(dir)) {
            return entries.filter(p -> p.getFileName().toString().matches("[0-9a-f]{64}")).count();
        }
    }

}
