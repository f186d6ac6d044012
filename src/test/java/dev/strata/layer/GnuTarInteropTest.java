package dev.strata.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.strata.linux.Linux;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Layers in the formats GNU tar writes (GNU long names and sparse files, POSIX with xattrs) extract to
 * the tree they were made from; and GNU tar reads the layers we write back to the same tree.
 */
class GnuTarInteropTest {
    private static final FileTime T = FileTime.from(Instant.parse("2022-02-02T02:02:02Z"));

    @TempDir
    Path dir;

    private Path source;

    @BeforeEach
    void tree() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/tar")) || Files.isExecutable(Path.of("/bin/tar")), "GNU tar");
        source = Files.createDirectories(dir.resolve("source"));
        String longDir = "a-directory-name-of-some-length/".repeat(4);
        LayerDiffTest.write(source.resolve(longDir + "file-" + "x".repeat(120)), "long names", 0644, T);
        LayerDiffTest.write(source.resolve("bin/tool"), "tool", 04755, T);
        Files.createLink(source.resolve("bin/tool-link"), source.resolve("bin/tool"));
        Files.createSymbolicLink(source.resolve("bin/sh"), Path.of("../" + "t".repeat(150)));
        TestCalls.setTimes(source.resolve("bin/sh"), T, T);
        Linux.setXattr(source.resolve("bin/tool"), "user.origin", "gnu tar".getBytes());
        Path sparse = source.resolve("sparse.img");
        try (FileChannel channel = FileChannel.open(sparse, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap("middle".getBytes()), 5_000_000);
            channel.truncate(12_000_000);
            channel.write(java.nio.ByteBuffer.wrap(new byte[0]), 12_000_000);
        }
        run(List.of("truncate", "-s", "12000000", sparse.toString()));
        TestCalls.setTimes(sparse, T, T);
        for (Path d : List.of(source.resolve("bin"), source)) {
            TestCalls.setTimes(d, T, T);
        }
    }

    @Test
    void extractsWhatGnuTarWrites() throws Exception {
        for (String format : List.of("gnu", "posix")) {
            Path tar = dir.resolve(format + ".tar");
            run(List.of("tar", "--format=" + format, "--sparse", "--xattrs", "--xattrs-include=user.*",
                    "--numeric-owner", "-cf", tar.toString(), "-C", source.toString(), "."));
            Path root = Files.createDirectories(dir.resolve("extracted-" + format));
            try (InputStream in = Files.newInputStream(tar)) {
                LayerExtractor.extract(in, root, WhiteoutMode.DIRECT);
            }
            SortedMap<String, String> want = TreeSnapshot.of(source);
            SortedMap<String, String> got = TreeSnapshot.of(root);
            assertThat(got).as(format).isEqualTo(want);
            // the holes stayed holes
            assertThat(Files.size(root.resolve("sparse.img"))).isEqualTo(12_000_000);
            assertThat(blocks(root.resolve("sparse.img"))).as("%s: 512-byte blocks allocated", format).isLessThan(100);
        }
    }

    /** GNU tar's own archives (sparse entries, long names, xattrs) re-created from tree and tar-split. */
    @Test
    void gnuTarsArchivesComeBackFromTheirTarSplit() throws Exception {
        for (String format : List.of("gnu", "posix")) {
            Path tar = dir.resolve(format + "-split.tar");
            run(List.of("tar", "--format=" + format, "--sparse", "--xattrs", "--xattrs-include=user.*",
                    "--numeric-owner", "-cf", tar.toString(), "-C", source.toString(), "."));
            Path root = Files.createDirectories(dir.resolve("split-" + format));
            java.io.ByteArrayOutputStream split = new java.io.ByteArrayOutputStream();
            try (InputStream in = Files.newInputStream(tar); TarSplit.Writer writer = new TarSplit.Writer(split)) {
                LayerExtractor.extract(in, root, WhiteoutMode.OVERLAY, writer);
                assertThat(writer.spoiled()).isNull();
            }
            try (InputStream again = TarSplit.reassemble(new java.io.ByteArrayInputStream(split.toByteArray()), root)) {
                assertThat(again.readAllBytes()).as(format).isEqualTo(Files.readAllBytes(tar));
            }
        }
    }

    @Test
    void gnuTarReadsWhatWeWrite() throws Exception {
        Path tar = dir.resolve("ours.tar");
        try (OutputStream out = Files.newOutputStream(tar)) {
            LayerDiff.writeTreeDifference(Files.createDirectories(dir.resolve("empty")), source, out);
        }
        Path root = Files.createDirectories(dir.resolve("by-gnu-tar"));
        run(List.of("tar", "--xattrs", "--xattrs-include=*", "--numeric-owner", "-xpf", tar.toString(),
                "-C", root.toString()));
        SortedMap<String, String> want = TreeSnapshot.of(source);
        SortedMap<String, String> got = TreeSnapshot.of(root);
        want.remove("/");
        got.remove("/");
        assertThat(got).isEqualTo(want);
    }

    private static long blocks(Path file) throws IOException, InterruptedException {
        return Long.parseLong(run(List.of("stat", "-c", "%b", file.toString())).trim());
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        process.getInputStream().transferTo(output);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + ": " + output);
        }
        return output.toString();
    }
}
