package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.testing.Validate;
import dev.strata.container.BusyboxImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 2, done-when 2, end to end through the CLI on overlay2: two images on one 200 MB base layer
 * keep its blob once and unpack it once, however many containers run on them; removing one image
 * leaves the other whole; removing both leaves no blob and no layer data behind.
 */
@Tag("integration")
class SharedBaseLayerIntegrationTest {
    private static final long MB = 1_000_000;

    @TempDir
    Path root;
    @TempDir
    Path scratch;

    private CliRun ok(String... args) {
        CliRun run = CliRun.run(root, args);
        assertThat(run.exitCode()).as("strata " + String.join(" ", args) + ": " + run.err()).isZero();
        return run;
    }

    @AfterEach
    void removeContainers() {
        for (String id : CliRun.run(root, "ps", "-aq", "--no-trunc").out().lines().toList()) {
            CliRun.run(root, "rm", "-f", id);
        }
    }

    @Test
    void twoImagesOnOneBigBaseStoreAndUnpackItOnce() throws Exception {
        Path base = baseArchive();
        ok("--storage-driver", "overlay2", "import", base.toString(), "shared/base:1");
        Files.delete(base);
        for (String name : List.of("a", "b")) {
            ok("--storage-driver", "overlay2", "run", "--name", "maker-" + name, "shared/base:1", "sh", "-c", "echo " + name + " > /" + name);
            ok("commit", "maker-" + name, "shared/" + name + ":1");
            Validate.storedImage(dev.strata.engine.Engine.open(root, "overlay2"), "shared/" + name + ":1");
            ok("rm", "maker-" + name);
        }
        assertThat(ok("rmi", "shared/base:1").out()).isEqualTo("Untagged: shared/base:1\n");

        assertThat(ok("run", "--rm", "shared/a:1", "cat", "/a", "/big/file-7").out()).startsWith("a\n");
        assertThat(ok("run", "--rm", "shared/b:1", "cat", "/b").out()).isEqualTo("b\n");
        // one copy of the base (200 MB and busybox's 2 MB), unpacked, though two images and two containers used
        // it: its tar gave way to its tar-split once unpacked, so the blob store holds configs and splits only
        assertThat(bytesUnder("content")).isLessThan(MB);
        assertThat(bytesUnder("overlay2")).isBetween(200 * MB, 205 * MB);

        CliRun removed = ok("rmi", "shared/a:1");
        assertThat(removed.out()).startsWith("Untagged: shared/a:1\nDeleted: sha256:");
        assertThat(ok("run", "--rm", "shared/b:1", "cat", "/b").out()).isEqualTo("b\n");
        // b and its untagged parent, the base, whose layer b shares
        assertThat(ok("system", "check").out()).startsWith("OK: 2 images, 2 layers");
        assertThat(bytesUnder("content")).isLessThan(MB);
        assertThat(bytesUnder("overlay2")).isBetween(200 * MB, 205 * MB);

        ok("rmi", "shared/b:1");
        assertThat(ok("images", "-aq").out()).isEmpty();
        assertThat(bytesUnder("content")).isZero();
        assertThat(bytesUnder("overlay2")).isLessThan(10_000);
        assertThat(ok("system", "check").out()).startsWith("OK: 0 images, 0 layers, 0 blobs");
    }

    /** busybox and 200 files of 1 MB of random bytes (so no file system can share or compress them). */
    private Path baseArchive() throws IOException, InterruptedException {
        Path tree = BusyboxImage.buildRoot(scratch.resolve("rootfs"));
        Path big = Files.createDirectories(tree.resolve("big"));
        SplittableRandom random = new SplittableRandom(42);
        byte[] chunk = new byte[(int) MB];
        for (int i = 0; i < 200; i++) {
            random.nextBytes(chunk);
            try (OutputStream out = Files.newOutputStream(big.resolve("file-" + i))) {
                out.write(chunk);
            }
        }
        Path tar = scratch.resolve("base.tar");
        Process p = new ProcessBuilder("tar", "--numeric-owner", "-C", tree.toString(), "-cf", tar.toString(), ".")
                .inheritIO().start();
        assertThat(p.waitFor()).isZero();
        try (Stream<Path> files = Files.walk(tree)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
        return tar;
    }

    /** Bytes of the regular files under ROOT/dir, a file with several names counted once. */
    private long bytesUnder(String dir) throws IOException {
        Path top = root.resolve(dir);
        if (!Files.exists(top)) {
            return 0;
        }
        Set<Object> inodes = new HashSet<>();
        long total = 0;
        try (Stream<Path> files = Files.walk(top)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                        && inodes.add(Files.getAttribute(file, "unix:ino", LinkOption.NOFOLLOW_LINKS))) {
                    total += Files.size(file);
                }
            }
        }
        return total;
    }
}
