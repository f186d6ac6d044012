package dev.strata.layer;

import dev.strata.compression.Compression;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input that is not a whole, sound tar: refused with a message that says what is wrong. */
class MalformedTarTest {
    @TempDir
    Path dir;

    private void assertRefused(byte[] input, String message) throws IOException {
        Path root = Files.createDirectories(dir.resolve("root" + System.nanoTime()));
        assertThatThrownBy(() -> LayerExtractor.extract(new ByteArrayInputStream(input), root, WhiteoutMode.DIRECT))
                .isInstanceOf(LayerFormatException.class)
                .hasMessage(message);
    }

    private static byte[] sample() {
        return new TarBuilder().dir("etc/").file("etc/hostname", "strata\n")
                .file("usr/share/doc/" + "x".repeat(120), "a long name, so a PAX header")
                .file("big", new byte[3000], 0644, e -> { }).bytes();
    }

    @Test
    void emptyAndShortInputIsNotATar() throws Exception {
        assertRefused(new byte[0], "not a tar archive: the input is empty");
        assertRefused("hello".getBytes(StandardCharsets.UTF_8), "not a tar archive: only 5 bytes");
    }

    @Test
    void garbageIsNotATar() throws Exception {
        byte[] garbage = new byte[4096];
        new Random(1).nextBytes(garbage);
        Path root = Files.createDirectories(dir.resolve("root"));
        assertThatThrownBy(() -> LayerExtractor.extract(new ByteArrayInputStream(garbage), root, WhiteoutMode.DIRECT))
                .isInstanceOf(LayerFormatException.class)
                .hasMessageStartingWith("not a tar archive: ");
        byte[] text = "{\"schemaVersion\": 2, \"this\": \"is JSON, not a tar\"}".repeat(20).getBytes();
        assertThatThrownBy(() -> LayerExtractor.extract(new ByteArrayInputStream(text), root, WhiteoutMode.DIRECT))
                .isInstanceOf(LayerFormatException.class)
                .hasMessageStartingWith("not a tar archive: ");
        assertThat(WhiteoutTest.names(root)).isEmpty();
    }

    @Test
    void aTarCutInsideAFileIsTruncated() throws Exception {
        byte[] tar = sample();
        int bigData = indexOf(tar, "big".getBytes()) + 512; // the data of entry "big" starts after its header
        assertRefused(Arrays.copyOf(tar, bigData + 1000),
                "layer entry big: truncated: the layer ends inside this entry's data");
    }

    @Test
    void aTarCutBetweenEntriesIsTruncated() throws Exception {
        TarBuilder builder = new TarBuilder().dir("etc/").file("etc/hostname", "strata\n");
        byte[] cut = builder.bytesWithoutEnd();
        assertRefused(cut, "truncated: the layer ends at byte " + cut.length
                + " without the tar's end-of-archive block (after entry etc/hostname)");
    }

    @Test
    void aTarCutInsideAHeaderIsTruncated() throws Exception {
        byte[] tar = sample();
        int hostnameHeader = indexOf(tar, "etc/hostname".getBytes());
        assertRefused(Arrays.copyOf(tar, hostnameHeader + 200),
                "truncated: the layer ends at byte " + (hostnameHeader + 200)
                        + " without the tar's end-of-archive block (after entry etc/)");
        int paxHeader = indexOf(tar, "PaxHeaders".getBytes()) / 512 * 512;
        assertThatThrownBy(() -> LayerExtractor.extract(new ByteArrayInputStream(Arrays.copyOf(tar, paxHeader + 600)),
                Files.createDirectories(dir.resolve("pax")), WhiteoutMode.DIRECT))
                .isInstanceOf(LayerFormatException.class)
                .hasMessageContaining("truncated")
                .hasMessageContaining("(after entry etc/hostname)");
    }

    @Test
    void aCorruptedHeaderIsRefusedByItsChecksum() throws Exception {
        byte[] tar = sample();
        int hostnameHeader = indexOf(tar, "etc/hostname".getBytes());
        byte[] flipped = tar.clone();
        flipped[hostnameHeader + 5] ^= 0x01; // "etc/hostname" -> "etc/hístname"-ish, size and type intact
        assertRefused(flipped, "tar header at byte " + hostnameHeader
                + " has a wrong checksum (corrupted, or not a tar archive) (after entry etc/)");
        byte[] pax = tar.clone();
        int paxHeader = indexOf(tar, "PaxHeaders".getBytes()) / 512 * 512;
        pax[paxHeader + 3] ^= 0x01; // the PAX header's own header: commons-compress would not notice
        assertRefused(pax, "tar header at byte " + paxHeader
                + " has a wrong checksum (corrupted, or not a tar archive) (after entry etc/hostname)");
    }

    @Test
    void aCutOffCompressedLayerIsTruncated() throws Exception {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream out = Compression.gzip(gz, 6)) {
            byte[] noise = new byte[200_000];
            new Random(2).nextBytes(noise); // incompressible, so the cut falls inside this file's data
            out.write(new TarBuilder().file("noise", noise, 0644, e -> { }).bytes());
        }
        byte[] cut = Arrays.copyOf(gz.toByteArray(), gz.size() / 2);
        Path root = Files.createDirectories(dir.resolve("root"));
        assertThatThrownBy(() -> LayerExtractor.extract(LayerCompression.decompressed(new ByteArrayInputStream(cut)), root,
                WhiteoutMode.DIRECT))
                .isInstanceOf(LayerFormatException.class)
                .hasMessage("layer entry noise: truncated: the layer ends inside this entry's data");
    }

    @Test
    void unknownEntryTypesAreRefused() throws Exception {
        var entry = TarBuilder.entry("weird", (byte) 'Z', 0644);
        assertRefused(new TarBuilder().put(entry, null).bytes(), "layer entry weird: unsupported tar entry type 'Z'");
    }

    /**
     * Seeded random damage to a valid layer (flipped bytes, cuts, both): extraction either succeeds or
     * throws an IOException, never anything else, never hangs, and never touches anything outside its
     * root. The layer holds every kind of entry, whiteouts and links, so the damage reaches them all.
     */
    @Test
    void damagedLayersFailCleanlyAndStayInsideTheirRoot() throws Exception {
        TreeMap<String, byte[]> xattrs = new TreeMap<>();
        xattrs.put("SCHILY.xattr.user.bin", new byte[] {0, (byte) 0xff, 1});
        byte[] valid = new TarBuilder()
                .dir("etc/").file("etc/hostname", "strata\n").symlink("etc/localtime", "/usr/share/zoneinfo/UTC")
                .hardlink("etc/hostname2", "etc/hostname").symlink("up", "../..").symlink("slash", "/")
                .file("slash/etc/motd", "hi").whiteout("etc/.wh.gone").dir("opaque/").whiteout("opaque/.wh..wh..opq")
                .fifo("fifo").device("null", TarConstants.LF_CHR, 1, 3)
                .withRawPax(xattrs, TarBuilder.entry("x/" + "long-name-".repeat(12), TarConstants.LF_NORMAL, 0644),
                        "with xattrs".getBytes())
                .file("data", new byte[1500], 0600, e -> { })
                .bytes();
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("sentinel"), "untouched");
        HostGuard guard = HostGuard.watch(List.of(Path.of("/etc/passwd"), outside.resolve("sentinel")),
                List.of(Path.of("/"), Path.of("/etc"), outside));
        Random random = new Random(20261125L);
        int failures = 0;
        for (int round = 0; round < 300; round++) {
            byte[] damaged = damage(valid, random);
            Path root = Files.createDirectories(dir.resolve("fuzz/" + round));
            WhiteoutMode mode = round % 2 == 0 ? WhiteoutMode.DIRECT : WhiteoutMode.OVERLAY;
            Throwable thrown = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                try {
                    LayerExtractor.extract(new ByteArrayInputStream(damaged), root, mode);
                    return null;
                } catch (Throwable t) {
                    return t;
                }
            }, "round " + round);
            if (thrown != null) {
                failures++;
                assertThat(thrown).as("round %d", round).isInstanceOfAny(IOException.class, dev.strata.error.InvalidInputException.class);
            }
            assertThat(WhiteoutTest.names(dir.resolve("fuzz"))).as("round %d", round).hasSize(round + 1);
        }
        guard.assertUntouched();
        assertThat(WhiteoutTest.names(dir)).containsExactly("fuzz", "outside");
        assertThat(failures).as("most damaged layers are refused").isGreaterThan(75);
    }

    private static byte[] damage(byte[] valid, Random random) {
        byte[] out = valid.clone();
        int kind = random.nextInt(4);
        if (kind != 1) {
            int flips = 1 + random.nextInt(8);
            for (int i = 0; i < flips; i++) {
                int at = random.nextInt(Math.min(out.length, 512 * 24)); // where the headers are
                out[at] ^= (byte) (1 << random.nextInt(8));
            }
        }
        if (kind != 0) {
            out = Arrays.copyOf(out, random.nextInt(out.length));
        }
        return out;
    }

    static int indexOf(byte[] haystack, byte[] needle) {
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
