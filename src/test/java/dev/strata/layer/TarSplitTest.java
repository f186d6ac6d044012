package dev.strata.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tar-split and the tree it was extracted to give back the tar byte for byte, whatever the tar holds
 * (PAX records, long names, links, devices, whiteouts, bytes after the end), in both whiteout modes; and
 * a tar that replaces content it wrote itself is said to have spoiled its split rather than giving a
 * wrong tar.
 */
class TarSplitTest {
    @TempDir
    Path dir;

    private int rounds;

    /** Extracts {@code tar} with a split into a new directory; returns the split, or null if spoiled. */
    private byte[] extract(byte[] tar, WhiteoutMode mode, Path root) throws IOException {
        ByteArrayOutputStream split = new ByteArrayOutputStream();
        String spoiled;
        try (TarSplit.Writer writer = new TarSplit.Writer(split)) {
            new Extraction(root.toRealPath(), mode, true, writer).run(new ByteArrayInputStream(tar));
            spoiled = writer.spoiled();
        }
        return spoiled == null ? split.toByteArray() : null;
    }

    private void assertRoundTrip(String what, byte[] tar) throws IOException {
        for (WhiteoutMode mode : WhiteoutMode.values()) {
            Path root = Files.createDirectories(dir.resolve("r" + rounds++));
            byte[] split = extract(tar, mode, root);
            assertThat(split).as("%s (%s): the split is sound", what, mode).isNotNull();
            assertThat(reassemble(split, root)).as("%s (%s)", what, mode).isEqualTo(tar);
        }
    }

    private static byte[] reassemble(byte[] split, Path root) throws IOException {
        try (InputStream tar = TarSplit.reassemble(new ByteArrayInputStream(split), root)) {
            return tar.readAllBytes();
        }
    }

    @Test
    void everyKindOfEntryComesBackByteForByte() throws IOException {
        Map<String, byte[]> xattrs = Map.of("SCHILY.xattr.user.bin", new byte[] {0, (byte) 0xff, 10},
                "SCHILY.xattr.user.other", new byte[] {1, 2, 3});
        Map<String, Supplier<byte[]>> cases = Map.of(
                "files and dirs", () -> new TarBuilder().dir("etc").file("etc/a", "alpha").file("etc/empty", "")
                        .file("b", "x".repeat(513)).bytes(),
                "links and devices", () -> new TarBuilder().dir("bin").file("bin/tool", "tool")
                        .hardlink("bin/tool2", "bin/tool").symlink("bin/sh", "/bin/tool").fifo("pipe")
                        .device("dev-null", TarConstants.LF_CHR, 1, 3).bytes(),
                "long names and PAX", () -> new TarBuilder()
                        .dir("d".repeat(90))
                        .file("d".repeat(90) + "/" + "f".repeat(150), "long")
                        .withRawPax(TarBuilder.records(xattrs), TarBuilder.entry("caps", TarConstants.LF_NORMAL, 0755),
                                "binary xattrs".getBytes(StandardCharsets.UTF_8))
                        .bytes(),
                "whiteouts and opaque markers", () -> new TarBuilder().dir("gone").whiteout(".wh.old")
                        .dir("opaque").whiteout("opaque/.wh..wh..opq").file("opaque/new", "n").bytes(),
                "a file through a symlink made earlier in the layer", () -> new TarBuilder().dir("real")
                        .symlink("link", "real").file("link/inside", "resolved to real/inside").bytes(),
                "a large file", () -> {
                    byte[] big = new byte[3 << 20];
                    new SplittableRandom(7).nextBytes(big);
                    return new TarBuilder().file("big", big, 0600, e -> { }).bytes();
                });
        for (var c : cases.entrySet()) {
            assertRoundTrip(c.getKey(), c.getValue().get());
        }
    }

    @Test
    void bytesAfterTheEndOfTheArchiveAreKeptToo() throws IOException {
        byte[] tar = new TarBuilder().file("a", "a").bytes();
        byte[] padded = new byte[tar.length + 10240 + 7];
        System.arraycopy(tar, 0, padded, 0, tar.length);
        padded[padded.length - 1] = 'x'; // not a tar's business, but part of the bytes the diff ID names
        assertRoundTrip("trailing bytes", padded);
    }

    @Test
    void contentOfEntriesTheExtractorSkipsIsKeptRaw() throws IOException {
        // a symlink entry with a size: its data is read past, not written anywhere
        byte[] tar = new TarBuilder().symlink("l", "target", e -> e.setSize(0)).file("f", "after").bytes();
        assertRoundTrip("a symlink", tar);
    }

    @Test
    void aTarThatReplacesItsOwnFileSpoilsTheSplit() throws IOException {
        List<byte[]> spoilers = List.of(
                new TarBuilder().file("twice", "first").file("twice", "second").bytes(),
                new TarBuilder().dir("d").file("d/f", "inside").symlink("d", "elsewhere").bytes(),
                new TarBuilder().file("f", "file").dir("f").bytes(),
                new TarBuilder().file("a", "a").file("b", "b").hardlink("a", "b").bytes());
        for (byte[] tar : spoilers) {
            for (WhiteoutMode mode : WhiteoutMode.values()) {
                assertThat(extract(tar, mode, Files.createDirectories(dir.resolve("s" + rounds++)))).isNull();
            }
        }
    }

    @Test
    void randomTarsComeBackOrSayTheyCannot() throws IOException {
        SplittableRandom random = new SplittableRandom(20261203);
        int sound = 0;
        int spoiled = 0;
        int refused = 0;
        for (int round = 0; round < 150; round++) {
            TarBuilder tar = new TarBuilder();
            List<String> names = new ArrayList<>();
            List<String> dirs = new ArrayList<>();
            int entries = 1 + random.nextInt(12);
            for (int i = 0; i < entries; i++) {
                // mostly new names, in directories made before; now and then one already used, which may
                // replace what the layer wrote (and spoil the split) or stand where a directory was
                String name = dirs.isEmpty() || random.nextInt(3) == 0 ? "n" + random.nextInt(40)
                        : dirs.get(random.nextInt(dirs.size())) + "/c" + random.nextInt(8);
                switch (random.nextInt(6)) {
                    case 0 -> {
                        tar.dir(name);
                        dirs.add(name);
                    }
                    case 1, 2 -> {
                        byte[] content = new byte[random.nextInt(2000)];
                        random.nextBytes(content);
                        tar.file(name, content, 0644, e -> { });
                    }
                    case 3 -> tar.symlink(name, names.isEmpty() ? "x" : names.get(random.nextInt(names.size())));
                    case 4 -> tar.whiteout(parentOf(name) + ".wh." + "n" + random.nextInt(6));
                    default -> tar.file(name, new byte[0], 0600, e -> { });
                }
                names.add(name);
            }
            byte[] bytes = tar.bytes();
            for (WhiteoutMode mode : WhiteoutMode.values()) {
                Path root = Files.createDirectories(dir.resolve("x" + rounds++));
                byte[] split;
                try {
                    split = extract(bytes, mode, root);
                } catch (IOException | RuntimeException e) {
                    refused++; // a tar the extractor refuses has no split to judge
                    continue;
                }
                if (split != null) {
                    assertThat(reassemble(split, root)).as("round %d (%s)", round, mode).isEqualTo(bytes);
                    sound++;
                } else {
                    spoiled++;
                }
            }
        }
        System.out.printf("random tars: %d sound, %d spoiled, %d refused%n", sound, spoiled, refused);
        assertThat(sound).as("sound %d, spoiled %d, refused %d", sound, spoiled, refused).isGreaterThan(150);
    }

    private static String parentOf(String name) {
        int slash = name.lastIndexOf('/');
        return slash < 0 ? "" : name.substring(0, slash + 1);
    }

    @Test
    void aTreeThatLostBytesIsCaughtByName() throws IOException {
        byte[] tar = new TarBuilder().dir("etc").file("etc/passwd", "root:x:0:0::/root:/bin/sh\n").bytes();
        Path root = Files.createDirectories(dir.resolve("damaged"));
        byte[] split = extract(tar, WhiteoutMode.DIRECT, root);
        Files.writeString(root.resolve("etc/passwd"), "root");
        assertThatThrownBy(() -> reassemble(split, root)).isInstanceOf(IOException.class)
                .hasMessageContaining("etc/passwd").hasMessageContaining("shorter");
        Files.delete(root.resolve("etc/passwd"));
        assertThatThrownBy(() -> reassemble(split, root)).isInstanceOf(IOException.class)
                .hasMessageContaining("has lost etc/passwd");
    }

    @Test
    void theSplitIsSmallBesideTheContent() throws IOException {
        TarBuilder tar = new TarBuilder().dir("usr");
        byte[] content = new byte[4096];
        for (int i = 0; i < 500; i++) {
            new SplittableRandom(i).nextBytes(content);
            tar.file("usr/file-" + i, content, 0644, e -> { });
        }
        byte[] bytes = tar.bytes();
        byte[] split = extract(bytes, WhiteoutMode.OVERLAY, Files.createDirectories(dir.resolve("small")));
        assertThat(split.length).as("split of %d bytes of tar", bytes.length).isLessThan(bytes.length / 50);
        assertThat(TarSplit.describe(split).lines().filter(l -> l.startsWith("F ")).count()).isEqualTo(500);
    }
}
