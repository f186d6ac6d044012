package dev.strata.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.digest.DigestingInputStream;
import dev.strata.linux.Linux;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerExtractorTest {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    @TempDir
    Path dir;

    private Path root() throws IOException {
        return Files.createDirectories(dir.resolve("root"));
    }

    @Test
    void keepsEveryEntryTypeWithItsModeOwnerAndTimes() throws Exception {
        String longName = "usr/share/" + "very-long-directory-name/".repeat(5) + "file-with-a-long-name.txt";
        byte[] tar = new TarBuilder()
                .dir("usr/")
                .dir("usr/bin/")
                .file("usr/bin/su", "setuid".getBytes(StandardCharsets.UTF_8), 04755, e -> { })
                .file("usr/bin/wall", "setgid".getBytes(StandardCharsets.UTF_8), 02755, e -> e.setGroupId(5L))
                .dir("tmp/", 01777, e -> { })
                .dir("home/user/", 0750, e -> {
                    e.setUserId(1000L);
                    e.setGroupId(1001L);
                })
                .file("home/user/notes", "hello".getBytes(StandardCharsets.UTF_8), 0600, e -> {
                    e.setUserId(1000L);
                    e.setGroupId(1001L);
                })
                .file("big-ids", new byte[0], 0644, e -> {
                    e.setUserId(3_000_000L); // beyond ustar's 7 octal digits: a PAX uid record
                    e.setGroupId(3_000_001L);
                })
                .symlink("usr/bin/sh", "busybox", e -> e.setUserId(1000L))
                .hardlink("usr/bin/su2", "usr/bin/su")
                .fifo("run-fifo")
                .device("dev/null", TarConstants.LF_CHR, 1, 3)
                .device("dev/loop0", TarConstants.LF_BLK, 7, 0)
                .file(longName, "long")
                .file("caf\u00e9/\u65e5\u672c", "utf-8 names")
                .bytes();

        ExtractResult result = LayerExtractor.extract(new ByteArrayInputStream(tar), root(), WhiteoutMode.DIRECT);

        Path root = dir.resolve("root");
        assertThat(FileStat.of(root.resolve("usr/bin/su")).permissions()).isEqualTo(04755);
        assertThat(FileStat.of(root.resolve("usr/bin/wall")).permissions()).isEqualTo(02755);
        assertThat(FileStat.of(root.resolve("tmp")).permissions()).isEqualTo(01777);
        assertThat(FileStat.of(root.resolve("home/user")).permissions()).isEqualTo(0750);
        assertThat(Files.readString(root.resolve("home/user/notes"))).isEqualTo("hello");
        assertThat(Files.readSymbolicLink(root.resolve("usr/bin/sh")).toString()).isEqualTo("busybox");
        assertThat(FileStat.of(root.resolve("usr/bin/su2")).ino()).isEqualTo(FileStat.of(root.resolve("usr/bin/su")).ino());
        assertThat(FileStat.of(root.resolve("run-fifo")).type()).isEqualTo(FileStat.S_IFIFO);
        assertThat(Files.readString(root.resolve(longName))).isEqualTo("long");
        assertThat(Files.readString(root.resolve("caf\u00e9/\u65e5\u672c"))).isEqualTo("utf-8 names");
        // times, on the symlink itself too, and on directories after their children were written
        for (String path : new String[] {"usr", "usr/bin", "usr/bin/su", "usr/bin/sh", "home/user", "run-fifo"}) {
            assertThat(Files.getLastModifiedTime(root.resolve(path), NOFOLLOW)).as(path).isEqualTo(TarBuilder.MTIME);
        }
        assertThat(result.entries()).isEqualTo(15);
        assertThat(result.contentBytes()).isEqualTo("setuid".length() + "setgid".length() + 5 + 4 + 11);
        if (Linux.isRoot()) {
            assertThat(FileStat.of(root.resolve("home/user/notes"))).extracting(FileStat::uid, FileStat::gid)
                    .containsExactly(1000, 1001);
            assertThat(FileStat.of(root.resolve("usr/bin/wall")).gid()).isEqualTo(5);
            assertThat(FileStat.of(root.resolve("usr/bin/sh")).uid()).isEqualTo(1000); // lchown
            assertThat(FileStat.of(root.resolve("big-ids"))).extracting(FileStat::uid, FileStat::gid)
                    .containsExactly(3_000_000, 3_000_001);
            FileStat nullDevice = FileStat.of(root.resolve("dev/null"));
            assertThat(nullDevice.type()).isEqualTo(FileStat.S_IFCHR);
            assertThat(nullDevice.major()).isEqualTo(1);
            assertThat(nullDevice.minor()).isEqualTo(3);
            assertThat(FileStat.of(root.resolve("dev/loop0")).type()).isEqualTo(FileStat.S_IFBLK);
            assertThat(result.skippedDevices()).isZero();
        } else {
            assertThat(result.skippedDevices()).isEqualTo(2);
        }
    }

    @Test
    void anUnprivilegedRunSkipsDevicesAndCountsThem() throws Exception {
        byte[] tar = new TarBuilder()
                .device("dev/null", TarConstants.LF_CHR, 1, 3)
                .device("dev/sda", TarConstants.LF_BLK, 8, 0)
                .fifo("dev/fifo")
                .bytes();
        ExtractResult result = new Extraction(root().toRealPath(), WhiteoutMode.DIRECT, false, null)
                .run(new ByteArrayInputStream(tar));
        assertThat(result.skippedDevices()).isEqualTo(2);
        assertThat(result.entries()).isEqualTo(3);
        assertThat(Files.exists(dir.resolve("root/dev/null"), NOFOLLOW)).isFalse();
        assertThat(FileStat.of(dir.resolve("root/dev/fifo")).type()).isEqualTo(FileStat.S_IFIFO);
    }

    @Test
    void keepsXattrsWithBinaryValuesByteForByte() throws Exception {
        byte[] binary = {0, (byte) 0xff, (byte) 0x80, (byte) 0xc3, 0x28, '=', '\n', 1};
        var described = TarBuilder.entry("file", TarConstants.LF_NORMAL, 0755);
        var records = new java.util.TreeMap<String, byte[]>();
        records.put("SCHILY.xattr.user.binary", binary);
        records.put("SCHILY.xattr.user.text", "caf\u00e9".getBytes(StandardCharsets.UTF_8));
        // file capabilities v2, cap_setuid (bit 7: a 0x80 byte) permitted and effective
        byte[] capability = {1, 0, 0, 2, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        if (Linux.isRoot()) {
            records.put("SCHILY.xattr.security.capability", capability);
        }
        byte[] tar = new TarBuilder().withRawPax(records, described, "#!/bin/true\n".getBytes()).bytes();

        ExtractResult result = LayerExtractor.extract(new ByteArrayInputStream(tar), root(), WhiteoutMode.DIRECT);

        Path file = dir.resolve("root/file");
        assertThat(Linux.getXattr(file, "user.binary")).get().isEqualTo(binary);
        assertThat(Linux.getXattr(file, "user.text")).get().isEqualTo("caf\u00e9".getBytes(StandardCharsets.UTF_8));
        if (Linux.isRoot()) {
            assertThat(Linux.getXattr(file, "security.capability")).get().isEqualTo(capability);
        }
        assertThat(result.ignoredXattrs()).isZero();
    }

    @Test
    void neverTakesOverlayMarkersFromATar() throws Exception {
        // A layer claiming an opaque directory or a redirect would hide or point at lower layers' files
        // without saying so with a whiteout: only the extractor itself may set these.
        byte[] tar = new TarBuilder()
                .dir("etc/", 0755, e -> {
                    e.addPaxHeader("SCHILY.xattr.trusted.overlay.opaque", "y");
                    e.addPaxHeader("SCHILY.xattr.trusted.overlay.redirect", "/elsewhere");
                    e.addPaxHeader("SCHILY.xattr.user.overlay.opaque", "y");
                    e.addPaxHeader("SCHILY.xattr.user.kept", "yes");
                })
                .bytes();
        LayerExtractor.extract(new ByteArrayInputStream(tar), root(), WhiteoutMode.OVERLAY);
        Path etc = dir.resolve("root/etc");
        assertThat(Linux.listXattrs(etc)).contains("user.kept")
                .noneMatch(name -> name.startsWith("trusted.overlay.") || name.startsWith("user.overlay."));
    }

    @Test
    void replacesAnExistingDirectorysAttributesAndKeepsItsContents() throws Exception {
        Path root = root();
        Path etc = Files.createDirectories(root.resolve("etc"));
        Files.writeString(etc.resolve("hosts"), "lower");
        Files.setAttribute(etc, "unix:mode", 0700);
        Linux.setXattr(etc, "user.lower", "x".getBytes());

        LayerExtractor.extract(new TarBuilder().dir("etc/", 0755, e -> e.addPaxHeader("SCHILY.xattr.user.upper", "y"))
                .stream(), root, WhiteoutMode.DIRECT);

        assertThat(FileStat.of(etc).permissions()).isEqualTo(0755);
        assertThat(Linux.listXattrs(etc)).contains("user.upper").doesNotContain("user.lower");
        assertThat(Files.readString(etc.resolve("hosts"))).isEqualTo("lower");
    }

    @Test
    void replacesWhateverIsInTheWayOfANonDirectoryAndTheOtherWayRound() throws Exception {
        Path root = root();
        Files.createDirectories(root.resolve("was-dir/sub"));
        Files.writeString(root.resolve("was-dir/sub/file"), "x");
        Files.writeString(root.resolve("was-file"), "x");
        Files.createSymbolicLink(root.resolve("was-link"), Path.of("/etc/passwd"));

        LayerExtractor.extract(new TarBuilder()
                .file("was-dir", "now a file")
                .dir("was-file/")
                .file("was-link", "now a file")
                .stream(), root, WhiteoutMode.DIRECT);

        assertThat(Files.readString(root.resolve("was-dir"))).isEqualTo("now a file");
        assertThat(Files.isDirectory(root.resolve("was-file"), NOFOLLOW)).isTrue();
        assertThat(Files.isSymbolicLink(root.resolve("was-link"))).isFalse();
        assertThat(Files.readString(root.resolve("was-link"))).isEqualTo("now a file");
    }

    @Test
    void linksToALowerLayersFileInDirectMode() throws Exception {
        Path root = root();
        Files.createDirectories(root.resolve("bin"));
        Files.writeString(root.resolve("bin/busybox"), "lower binary");

        LayerExtractor.extract(new TarBuilder().hardlink("bin/ls", "bin/busybox").stream(), root, WhiteoutMode.DIRECT);

        assertThat(FileStat.of(root.resolve("bin/ls")).ino()).isEqualTo(FileStat.of(root.resolve("bin/busybox")).ino());
    }

    @Test
    void refusesAHardlinkToAFileNotInAnOverlayLayer() throws Exception {
        assertThatThrownBy(() -> LayerExtractor.extract(new TarBuilder().hardlink("bin/ls", "bin/busybox").stream(),
                root(), WhiteoutMode.OVERLAY))
                .isInstanceOf(LayerFormatException.class)
                .hasMessage("layer entry bin/ls: hardlink target bin/busybox does not exist in the layer root"
                        + " (an overlay layer holds only its own files)");
    }

    @Test
    void readsTheInputToItsEndSoADigestCoversIt() throws Exception {
        byte[] tar = new TarBuilder().file("a", "a").bytes();
        byte[] padded = Arrays.copyOf(tar, tar.length + 10240); // record padding, as GNU tar writes it
        DigestingInputStream in = new DigestingInputStream(new ByteArrayInputStream(padded));
        LayerExtractor.extract(in, root(), WhiteoutMode.DIRECT);
        assertThat(in.count()).isEqualTo(padded.length);
    }

    @Test
    void aDotEntryStandsForTheRootAndOnlyAsADirectory() throws Exception {
        Path root = root();
        LayerExtractor.extract(new TarBuilder().dir("./", 0700, e -> { }).stream(), root, WhiteoutMode.DIRECT);
        assertThat(FileStat.of(root).permissions()).isEqualTo(0700);
        assertThat(Files.getLastModifiedTime(root)).isEqualTo(TarBuilder.MTIME);

        assertThatThrownBy(() -> LayerExtractor.extract(new TarBuilder().symlink("./", "/").stream(), root,
                WhiteoutMode.DIRECT))
                .isInstanceOf(LayerFormatException.class)
                .hasMessage("layer entry ./: only a directory can stand for the layer root");
        assertThat(Files.isDirectory(root, NOFOLLOW)).isTrue();
    }

    @Test
    void theRootMustBeADirectory() {
        assertThatThrownBy(() -> LayerExtractor.extract(new TarBuilder().stream(), dir.resolve("missing"),
                WhiteoutMode.DIRECT))
                .isInstanceOf(IOException.class)
                .hasMessage("extract layer into " + dir.resolve("missing") + ": not a directory");
    }

    static Map<String, String> snapshot(Path root) throws IOException {
        return TreeSnapshot.of(root);
    }
}
