package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.testing.Validate;
import dev.strata.digest.DigestingInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8, done-when 6: the 200 MB Debian image, loaded from {@code docker save} and run once, takes at
 * most 1.1 times the disk Docker takes for the same image (its overlay2 directory and its layer
 * metadata), since Strata keeps an unpacked layer as its tree and a tar-split rather than tree and tar;
 * and {@code save} still writes the layer tar byte for byte as Docker saved it.
 */
@Tag("integration")
class DiskUseIntegrationTest {
    private static final String IMAGE = "strata-disk-test/debian:bookworm";

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ALWAYS)
    Path scratch;

    private Path root;

    @AfterEach
    void removeFromDocker() throws Exception {
        new ProcessBuilder("docker", "rmi", "-f", IMAGE).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    }

    @Test
    void aLoadedAndRunImageTakesNoMoreDiskThanDockersAndSavesTheSameTar() throws Exception {
        Path rootfs = Path.of(run("scripts/debian-rootfs").strip());
        // the store on the file system Docker's root is on, so both are measured alike
        root = Files.createTempDirectory(Path.of("/var/tmp"), "strata-disk-test");
        try {
            check(rootfs);
        } finally {
            CliRun.run(root, "rmi", "-f", IMAGE);
            run("rm", "-rf", root.toString());
        }
    }

    private void check(Path rootfs) throws Exception {
        run("docker", "import", rootfs.toString(), IMAGE);
        Path saved = scratch.resolve("docker-save.tar");
        run("docker", "save", "-o", saved.toString(), IMAGE);
        String diffId = run("docker", "inspect", "--format", "{{index .RootFS.Layers 0}}", IMAGE).strip();

        ok("--storage-driver", "overlay2", "load", "-i", saved.toString());
        ok("--storage-driver", "overlay2", "run", "--rm", IMAGE, "true");
        long strata = diskUse(root);
        Validate.storedImage(dev.strata.engine.Engine.open(root, "overlay2"), IMAGE);

        // Docker's share for this image: the layer's overlay2 directory and its layerdb entry (one layer:
        // its chain ID is its diff ID); the image config is a few kilobytes either way
        Path layerdb = Path.of("/var/lib/docker/image/overlay2/layerdb/sha256", diffId.substring("sha256:".length()));
        String cacheId = Files.readString(layerdb.resolve("cache-id")).strip();
        long docker = diskUse(Path.of("/var/lib/docker/overlay2", cacheId)) + diskUse(layerdb);
        System.out.printf("disk use: strata %,d bytes, docker %,d bytes, ratio %.3f%n", strata, docker,
                (double) strata / docker);
        assertThat(strata).as("strata's store against docker's layer").isLessThanOrEqualTo((long) (docker * 1.1));

        Path resaved = scratch.resolve("strata-save.tar");
        ok("save", "-o", resaved.toString(), IMAGE);
        String layerPath = "blobs/sha256/" + diffId.substring("sha256:".length());
        assertThat(hashOfEntry(resaved, layerPath)).isEqualTo(diffId);
        // Docker 20.10 names the layer by a v1 ID in its manifest.json: the same bytes under another name
        assertThat(hashOfEntry(saved, dockerLayerPath(saved))).isEqualTo(hashOfEntry(resaved, layerPath));
        assertThat(ok("system", "check").out()).startsWith("OK: 1 images, 1 layers");
    }

    private CliRun ok(String... args) {
        CliRun run = CliRun.run(root, args);
        assertThat(run.exitCode()).as("strata " + String.join(" ", args) + ": " + run.err()).isZero();
        return run;
    }

    /** Allocated bytes under {@code path}, as {@code du} counts them (hard links once). */
    private static long diskUse(Path path) throws Exception {
        String out = run("du", "-s", "--block-size=1", path.toString());
        return Long.parseLong(out.substring(0, out.indexOf('\t')));
    }

    /** The path of the (only) layer in a {@code docker save} archive, from its manifest.json. */
    private static String dockerLayerPath(Path archive) throws IOException {
        String manifest = bytesOfEntry(archive, "manifest.json");
        int layers = manifest.indexOf("\"Layers\":[\"");
        int start = layers + "\"Layers\":[\"".length();
        return manifest.substring(start, manifest.indexOf('"', start));
    }

    private static String bytesOfEntry(Path tar, String name) throws IOException {
        try (InputStream in = Files.newInputStream(tar); TarArchiveInputStream entries = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry entry; (entry = entries.getNextEntry()) != null; ) {
                if (entry.getName().equals(name)) {
                    return new String(entries.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError(tar + " has no entry " + name);
    }

    /** The sha256 of an entry of a tar (a layer in a {@code docker save} archive, looked up by its name). */
    private static String hashOfEntry(Path tar, String name) throws IOException {
        try (InputStream in = Files.newInputStream(tar); TarArchiveInputStream entries = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry entry; (entry = entries.getNextEntry()) != null; ) {
                if (entry.getName().equals(name)) {
                    DigestingInputStream digest = new DigestingInputStream(entries);
                    digest.drain();
                    return digest.digest().toString();
                }
            }
        }
        throw new AssertionError(tar + " has no entry " + name);
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        int code = process.waitFor();
        if (code != 0) {
            throw new AssertionError(String.join(" ", command) + " exited " + code + ": "
                    + new String(out, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
