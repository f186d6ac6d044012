package dev.strata.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The split recorded from a tar a tree was written to re-creates that tar from the tree byte for byte;
 * a tree that no longer holds what the tar does (a file of another size, or gone, or reached through a
 * symbolic link) spoils it, so the caller keeps the tar.
 */
class WrittenTreeSplitTest {
    @TempDir
    Path dir;

    private static final class Recorded {
        final byte[] split;
        final String spoiled;

        Recorded(byte[] split, String spoiled) {
            this.split = split;
            this.spoiled = spoiled;
        }
    }

    private static Recorded record(byte[] tar, Path root) throws IOException {
        ByteArrayOutputStream split = new ByteArrayOutputStream();
        String spoiled;
        try (TarSplit.Writer writer = new TarSplit.Writer(split)) {
            WrittenTreeSplit.record(new ByteArrayInputStream(tar), root, writer);
            spoiled = writer.spoiled();
        }
        return new Recorded(split.toByteArray(), spoiled);
    }

    private static byte[] reassemble(byte[] split, Path root) throws IOException {
        try (InputStream tar = TarSplit.reassemble(new ByteArrayInputStream(split), root)) {
            return tar.readAllBytes();
        }
    }

    private static byte[] tarOf(Path root) throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        TreeTar.writeContents(root, tar);
        return tar.toByteArray();
    }

    private Path tree() throws IOException {
        Path root = Files.createDirectories(dir.resolve("tree"));
        Files.createDirectories(root.resolve("app/lib/deep"));
        Files.writeString(root.resolve("app/main.txt"), "hello\n");
        Files.write(root.resolve("app/empty"), new byte[0]);
        byte[] big = new byte[3 * 1024 * 1024 + 17];
        new SplittableRandom(7).nextBytes(big);
        Files.write(root.resolve("app/lib/deep/big.bin"), big);
        Files.createSymbolicLink(root.resolve("app/link"), Path.of("main.txt"));
        Files.createLink(root.resolve("app/hard"), root.resolve("app/main.txt"));
        Files.writeString(root.resolve("app/lib/" + "n".repeat(150)), "a long name\n");
        return root;
    }

    @Test
    void theSplitAndTheTreeGiveBackTheTarByteForByte() throws IOException {
        Path root = tree();
        byte[] tar = tarOf(root);

        Recorded recorded = record(tar, root);

        assertThat(recorded.spoiled).isNull();
        assertThat(reassemble(recorded.split, root)).isEqualTo(tar);
        assertThat(recorded.split.length).isLessThan(tar.length / 100);
    }

    @Test
    void aFileOfAnotherSizeOrGoneSpoilsTheSplit() throws IOException {
        Path root = tree();
        byte[] tar = tarOf(root);

        Files.writeString(root.resolve("app/lib/deep/big.bin"), "shorter\n");
        assertThat(record(tar, root).spoiled).isEqualTo("the tree has no regular file app/lib/deep/big.bin of "
                + (3 * 1024 * 1024 + 17) + " bytes");

        Files.delete(root.resolve("app/lib/deep/big.bin"));
        assertThat(record(tar, root).spoiled).contains("app/lib/deep/big.bin");
    }

    @Test
    void aFileReachedThroughASymbolicLinkSpoilsTheSplit() throws IOException {
        Path root = Files.createDirectories(dir.resolve("linked"));
        Files.createDirectories(root.resolve("real"));
        Files.writeString(root.resolve("real/file"), "x");
        Files.createSymbolicLink(root.resolve("via"), Path.of("real"));
        byte[] tar = new TarBuilder().file("via/file", "x").bytes();

        assertThat(record(tar, root).spoiled).contains("via/file");
    }

    @Test
    void whiteoutsAndDirectoriesNeedNothingFromTheTree() throws IOException {
        Path root = Files.createDirectories(dir.resolve("bare"));
        byte[] tar = new TarBuilder().dir("etc").whiteout("etc/.wh.gone").whiteout("etc/.wh..wh..opq").bytes();

        Recorded recorded = record(tar, root);

        assertThat(recorded.spoiled).isNull();
        assertThat(reassemble(recorded.split, root)).isEqualTo(tar);
    }

    @Test
    void anEntryTwiceSpoilsTheSplit() throws IOException {
        Path root = Files.createDirectories(dir.resolve("twice"));
        Files.writeString(root.resolve("f"), "b");
        byte[] tar = new TarBuilder().file("f", "a").file("f", "b").bytes();

        assertThat(record(tar, root).spoiled).contains("twice");
    }
}
