package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.testing.Validate;
import dev.strata.container.BusyboxImage;
import dev.strata.digest.Digest;
import dev.strata.engine.Engine;
import dev.strata.image.Image;
import dev.strata.layer.LayerRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 3, done-when 1 and 2, through the real CLI, real snapshots (overlay2 and vfs), real runc and
 * the real Docker engine: copy-on-write in a container, commit, and the committed image in Docker.
 */
@Tag("integration")
class CopyOnWriteIntegrationTest {
    @TempDir
    Path root;
    @TempDir
    Path scratch;
    private final List<String> dockerImages = new ArrayList<>();
    private String driver;

    private CliRun strata(String... args) {
        List<String> all = new ArrayList<>(List.of("--storage-driver", driver));
        all.addAll(List.of(args));
        return CliRun.run(root, all.toArray(String[]::new));
    }

    private CliRun ok(String... args) {
        CliRun run = strata(args);
        assertThat(run.exitCode()).as("strata " + String.join(" ", args) + ": " + run.err()).isZero();
        return run;
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (driver != null) {
            for (String id : strata("ps", "-aq", "--no-trunc").out().lines().toList()) {
                strata("rm", "-f", id);
            }
        }
        for (String image : dockerImages) {
            new ProcessBuilder("docker", "rmi", "-f", image).redirectErrorStream(true).start().waitFor();
        }
    }

    private void importBase() throws IOException {
        Path tree = BusyboxImage.buildRoot(scratch.resolve("rootfs"));
        Files.writeString(tree.resolve("etc/demo.txt"), "original\n");
        Files.createDirectories(tree.resolve("data"));
        Files.writeString(tree.resolve("data/gone.txt"), "delete me\n");
        Files.writeString(tree.resolve("data/kept.txt"), "keep me\n");
        Path tar = scratch.resolve("rootfs.tar");
        Process p = new ProcessBuilder("tar", "--numeric-owner", "-C", tree.toString(), "-cf", tar.toString(), ".")
                .inheritIO().start();
        try {
            assertThat(p.waitFor()).isZero();
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
        ok("import", "-c", "CMD [\"sh\"]", tar.toString(), "cow/base:1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlay2", "vfs"})
    void basicsRunExitCodesDetachedLogsAndExec(String driverName) throws Exception {
        driver = driverName;
        importBase();
        assertThat(ok("run", "--rm", "cow/base:1", "cat", "/etc/os-release").out()).contains("ID=busybox");
        assertThat(strata("run", "--rm", "cow/base:1", "sh", "-c", "exit 3").exitCode()).isEqualTo(3);
        String id = ok("run", "-d", "--name", "sleeper", "cow/base:1", "sh", "-c", "echo hello; sleep 30").out().strip();
        assertThat(id).matches("[0-9a-f]{64}");
        assertThat(ok("exec", "sleeper", "cat", "/etc/demo.txt").out()).isEqualTo("original\n");
        for (int i = 0; i < 50 && !strata("logs", "sleeper").out().contains("hello"); i++) {
            Thread.sleep(100);
        }
        assertThat(ok("logs", "sleeper").out()).isEqualTo("hello\n");
        assertThat(ok("ps", "--format", "{{.Names}} {{.Status}}").out()).startsWith("sleeper Up ");
        ok("stop", "-t", "1", "sleeper");
        assertThat(ok("ps", "-a", "--format", "{{.Names}} {{.Status}}").out()).startsWith("sleeper Exited (");
        ok("rm", "sleeper");
        assertThat(ok("ps", "-aq").out()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlay2", "vfs"})
    void changesGoToTheUpperLayerAndCommitCarriesThemIntoDocker(String driverName) throws Exception {
        driver = driverName;
        importBase();
        ok("run", "--name", "cow", "cow/base:1", "sh", "-c", "echo changed > /etc/demo.txt && rm /data/gone.txt");

        // the lower layer, shared with every other container of the image, is untouched
        Engine engine = Engine.open(root, driver);
        Image image = engine.store().image(engine.names().resolve("cow/base:1")).orElseThrow();
        String lowerName = engine.store().layersOf(image).getLast().chainId().toString();
        Path lower = lowerDir(engine, lowerName);
        assertThat(Files.readString(lower.resolve("etc/demo.txt"))).isEqualTo("original\n");
        assertThat(lower.resolve("data/gone.txt")).exists();

        String containerId = ok("inspect", "--format", "{{.Id}}", "cow").out().strip();
        if (driver.equals("overlay2")) {
            Path upper = Path.of(ok("inspect", "--format", "{{.GraphDriver.Data.UpperDir}}", "cow").out().strip());
            assertThat(Files.readString(upper.resolve("etc/demo.txt"))).isEqualTo("changed\n");
            // a deletion through overlayfs leaves a 0/0 character device in the upper directory
            Path whiteout = upper.resolve("data/gone.txt");
            assertThat((int) Files.getAttribute(whiteout, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0170000).isEqualTo(0020000);
            assertThat(Files.getAttribute(whiteout, "unix:rdev", LinkOption.NOFOLLOW_LINKS)).isEqualTo(0L);
            assertThat(upper.resolve("data/kept.txt")).doesNotExist();
        }
        assertThat(ok("diff", "cow").out().lines().toList())
                .contains("C /etc", "C /etc/demo.txt", "C /data", "D /data/gone.txt")
                .doesNotContain("C /data/kept.txt");
        assertThat(containerId).hasSize(64);

        ok("commit", "-m", "copy-on-write demo", "cow", "cow/committed:1");
        Engine after = Engine.open(root, driver);
        Image committed = after.store().image(after.names().resolve("cow/committed:1")).orElseThrow();
        Validate.storedImage(after, committed.id());
        LayerRecord top = after.store().layersOf(committed).getLast();
        Map<String, String> entries = tarEntries(after, top.blob());
        assertThat(entries).containsEntry("etc/demo.txt", "changed\n").containsKey("data/.wh.gone.txt")
                .doesNotContainKey("data/kept.txt");

        // the committed image in the real Docker engine shows the same files
        Path archive = scratch.resolve("committed.tar");
        String tag = "strata-cow-" + driver + ":1";
        ok("tag", "cow/committed:1", tag);
        ok("save", "-o", archive.toString(), tag);
        dockerImages.add(tag);
        assertThat(docker("load", "-i", archive.toString())).contains("Loaded image: " + tag);
        assertThat(docker("run", "--rm", tag, "cat", "/etc/demo.txt")).isEqualTo("changed\n");
        assertThat(docker("run", "--rm", tag, "ls", "/data")).isEqualTo("kept.txt\n");
        assertThat(docker("image", "inspect", "--format", "{{.Id}}", tag).strip())
                .isEqualTo(committed.id().toString());
    }

    /** The directory holding a committed layer snapshot's files: overlay2's diff dir, or vfs's tree. */
    private static Path lowerDir(Engine engine, String snapshotName) throws IOException {
        var snapshots = engine.snapshots().snapshotter();
        Map<String, String> data = snapshots.graphDriverData(snapshotName);
        if (data.containsKey("UpperDir")) {
            return Path.of(data.get("UpperDir"));
        }
        // a vfs view is a read-only bind of its parent's own tree
        snapshots.view("probe", snapshotName);
        try {
            return Path.of(snapshots.mounts("probe").getFirst().source());
        } finally {
            snapshots.remove("probe");
        }
    }

    private static Map<String, String> tarEntries(Engine engine, Digest blob) throws IOException {
        Map<String, String> out = new java.util.TreeMap<>();
        try (InputStream in = engine.store().content().open(blob); TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = entry.getName().startsWith("./") ? entry.getName().substring(2) : entry.getName();
                out.put(name, entry.isFile() ? new String(tar.readAllBytes(), StandardCharsets.UTF_8) : "");
            }
        }
        return out;
    }

    private static String docker(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        process.getInputStream().transferTo(out);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("docker " + String.join(" ", args) + ": " + err).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }
}
