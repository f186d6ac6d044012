package dev.strata.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.strata.linux.Linux;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A layer unpacked for overlayfs and written back from the upper directory means the same change: the
 * original applied to a lower tree, and the rewritten one applied to a copy of it, give trees equal
 * in every path, type, mode, owner, mtime, content, link, device and xattr.
 */
class RoundTripTest {
    @TempDir
    Path dir;

    @Test
    void overlayUpperWrittenBackAppliesLikeTheOriginalLayer() throws Exception {
        assumeTrue(Linux.isRoot(), "OVERLAY mode writes whiteout devices and trusted.overlay.opaque");
        Path lower = Files.createDirectories(dir.resolve("lower"));
        byte[] base = new TarBuilder()
                .dir("etc/").file("etc/hosts", "hosts").file("etc/passwd", "passwd").file("etc/group", "group")
                .dir("usr/").dir("usr/lib/").file("usr/lib/libc.so", "libc").dir("usr/lib/old/").file("usr/lib/old/x", "x")
                .dir("var/").dir("var/cache/").file("var/cache/a", "a").file("var/cache/b", "b")
                .dir("bin/").file("bin/busybox", "busybox")
                .bytes();
        LayerExtractor.extract(new ByteArrayInputStream(base), lower, WhiteoutMode.DIRECT);

        SortedMap<String, byte[]> xattrs = new TreeMap<>();
        xattrs.put("SCHILY.xattr.security.capability",
                new byte[] {1, 0, 0, 2, (byte) 0x80, 0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        xattrs.put("SCHILY.xattr.user.binary", new byte[] {(byte) 0xff, 0, (byte) 0x80});
        byte[] layer = new TarBuilder()
                .dir("etc/", 0750, e -> e.setGroupId(42L))
                .whiteout("etc/.wh.passwd")
                .file("etc/hosts", "new hosts".getBytes(StandardCharsets.UTF_8), 0640, e -> e.setUserId(7L))
                .file("etc/motd", "hello".getBytes(StandardCharsets.UTF_8), 0644, e -> { })
                .dir("usr/").dir("usr/lib/").whiteout("usr/lib/.wh.old")
                .dir("var/").dir("var/cache/").whiteout("var/cache/.wh..wh..opq").file("var/cache/c", "c")
                .dir("bin/")
                .withRawPax(xattrs, TarBuilder.entry("bin/ping", TarConstants.LF_NORMAL, 04755), "ping".getBytes())
                .hardlink("bin/ping6", "bin/ping")
                .symlink("bin/sh", "busybox")
                .fifo("bin/fifo")
                .dir("dev/").device("dev/null", TarConstants.LF_CHR, 1, 3).device("dev/sda", TarConstants.LF_BLK, 8, 0)
                .dir("new/", 01777, e -> { }).dir("new/deep/").file("new/deep/" + "n".repeat(130), "long name")
                .bytes();

        Path expected = TreeCopy.copy(lower, dir.resolve("expected"));
        LayerExtractor.extract(new ByteArrayInputStream(layer), expected, WhiteoutMode.DIRECT);

        Path upper = Files.createDirectories(dir.resolve("upper"));
        LayerExtractor.extract(new ByteArrayInputStream(layer), upper, WhiteoutMode.OVERLAY);
        ByteArrayOutputStream rewritten = new ByteArrayOutputStream();
        LayerDiff.writeOverlayUpper(upper, rewritten);
        Path actual = TreeCopy.copy(lower, dir.resolve("actual"));
        LayerExtractor.extract(new ByteArrayInputStream(rewritten.toByteArray()), actual, WhiteoutMode.DIRECT);

        SortedMap<String, String> want = TreeSnapshot.of(expected);
        SortedMap<String, String> got = TreeSnapshot.of(actual);
        want.remove("/"); // the root's mtime is the time of extraction: no entry in either layer sets it
        got.remove("/");
        assertThat(got).isEqualTo(want);
        assertThat(want).doesNotContainKeys("/etc/passwd", "/usr/lib/old", "/var/cache/a").containsKey("/var/cache/c");
        assertThat(FileStat.of(actual.resolve("bin/ping6")).ino()).isEqualTo(FileStat.of(actual.resolve("bin/ping")).ino());
    }
}
