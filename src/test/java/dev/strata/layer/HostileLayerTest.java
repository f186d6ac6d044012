package dev.strata.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Layers that try to write, link or delete outside their root. Each is either refused with a
 * {@link LayerFormatException} naming the entry, or confined: what it names lands inside the root.
 * Either way every test checks, byte for byte, that the host's /etc/passwd, a sentinel file beside the
 * root and one in a sibling directory are as they were, and that no name appeared in /, /etc or beside
 * the root.
 */
class HostileLayerTest {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    @TempDir
    Path dir;

    private Path root;
    private Path outside;
    private HostGuard guard;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(dir.resolve("root"));
        outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(dir.resolve("sentinel"), "beside the root");
        Files.writeString(outside.resolve("sentinel"), "in a sibling directory");
        guard = HostGuard.watch(List.of(Path.of("/etc/passwd"), dir.resolve("sentinel"), outside.resolve("sentinel")),
                List.of(Path.of("/"), Path.of("/etc"), dir, outside));
    }

    /** Extracts, checks the host is untouched, and returns what was thrown (null if nothing). */
    private Throwable extract(TarBuilder tar, WhiteoutMode mode) throws IOException {
        Throwable thrown = catchThrowable(() -> LayerExtractor.extract(tar.stream(), root, mode));
        guard.assertUntouched();
        return thrown;
    }

    private void assertRefused(TarBuilder tar, WhiteoutMode mode, String message) throws IOException {
        assertThat(extract(tar, mode)).isInstanceOf(LayerFormatException.class).hasMessage(message);
    }

    @Test
    void dotDotThatClimbsOutIsRefused() throws Exception {
        for (WhiteoutMode mode : WhiteoutMode.values()) {
            assertRefused(new TarBuilder().file("../../etc/evil", "x"), mode,
                    "layer entry ../../etc/evil: path escapes the layer root");
            assertRefused(new TarBuilder().file("a/../../sentinel", "x"), mode,
                    "layer entry a/../../sentinel: path escapes the layer root");
            // an absolute name is relative to the root, but that doesn't make /.. the root again
            assertRefused(new TarBuilder().file("/../etc/evil", "x"), mode,
                    "layer entry /../etc/evil: path escapes the layer root");
            assertRefused(new TarBuilder().dir("../outside/"), mode,
                    "layer entry ../outside/: path escapes the layer root");
        }
        assertThat(WhiteoutTest.names(root)).isEmpty();
    }

    @Test
    void dotDotInsideTheRootIsJustAPath() throws Exception {
        assertThat(extract(new TarBuilder().file("a/b/../c", "c"), WhiteoutMode.DIRECT)).isNull();
        assertThat(root.resolve("a/c")).hasContent("c");
    }

    @Test
    void absoluteNamesAreConfinedToTheRoot() throws Exception {
        assertThat(extract(new TarBuilder().file("/etc/evil", "x").dir("/usr/"), WhiteoutMode.DIRECT)).isNull();
        assertThat(root.resolve("etc/evil")).hasContent("x");
        assertThat(Path.of("/etc/evil")).doesNotExist();
    }

    /** The case: a symlink to / and a file written through it. */
    @Test
    void aFileWrittenThroughASymlinkToSlashStaysInTheRoot() throws Exception {
        for (WhiteoutMode mode : WhiteoutMode.values()) {
            Throwable thrown = extract(new TarBuilder().symlink("x", "/").file("x/etc/passwd", "root::0:0::/:/bin/sh\n"),
                    mode);
            assertThat(thrown).isNull();
            assertThat(root.resolve("etc/passwd")).hasContent("root::0:0::/:/bin/sh\n");
            assertThat(Files.readSymbolicLink(root.resolve("x")).toString()).isEqualTo("/");
            WhiteoutTest.deleteTree(root);
            Files.createDirectory(root);
        }
    }

    @Test
    void symlinksClimbingWithDotDotStopAtTheRoot() throws Exception {
        assertThat(extract(new TarBuilder()
                .symlink("up", "../../../../../../../..")
                .file("up/sentinel", "pwned")
                .symlink("d/deep", "../../..")
                .file("d/deep/outside/sentinel", "pwned"), WhiteoutMode.DIRECT)).isNull();
        assertThat(root.resolve("sentinel")).hasContent("pwned");
        assertThat(root.resolve("outside/sentinel")).hasContent("pwned");
    }

    @Test
    void chainedSymlinksAndAbsoluteTargetsAreResolvedInsideTheRoot() throws Exception {
        String outsideAbsolute = outside.toString();
        assertThat(extract(new TarBuilder()
                .symlink("a", "b")
                .symlink("b", "/")
                .file("a/etc/shadow", "x")
                .symlink("s", outsideAbsolute) // the host path of the sibling directory
                .file("s/sentinel", "pwned"), WhiteoutMode.DIRECT)).isNull();
        assertThat(root.resolve("etc/shadow")).hasContent("x");
        assertThat(root.resolve(outsideAbsolute.substring(1)).resolve("sentinel")).hasContent("pwned");
    }

    @Test
    void aSymlinkInTheWayIsReplacedNotFollowed() throws Exception {
        assertThat(extract(new TarBuilder()
                .symlink("passwd", "/etc/passwd")
                .file("passwd", "mine")
                .symlink("sentinel", "../sentinel")
                .file("sentinel", "mine too"), WhiteoutMode.DIRECT)).isNull();
        assertThat(Files.isSymbolicLink(root.resolve("passwd"))).isFalse();
        assertThat(root.resolve("passwd")).hasContent("mine");
        assertThat(root.resolve("sentinel")).hasContent("mine too");
    }

    @Test
    void aLowerLayersSymlinkCannotLeadOutEither() throws Exception {
        Files.createSymbolicLink(root.resolve("conf"), Path.of("/etc")); // as an earlier layer left them
        Files.createSymbolicLink(root.resolve("near"), Path.of("../outside"));
        assertThat(extract(new TarBuilder().file("conf/passwd", "x").file("near/sentinel", "y"), WhiteoutMode.DIRECT))
                .isNull();
        assertThat(root.resolve("outside/sentinel")).hasContent("y"); // near -> ../outside is ROOT/outside
        assertThat(root.resolve("etc/passwd")).hasContent("x"); // /etc is ROOT/etc

        // and in a chroot, etc -> /etc is a loop, not the host's /etc
        Files.createSymbolicLink(root.resolve("loop"), Path.of("/loop"));
        assertRefused(new TarBuilder().file("loop/passwd", "x"), WhiteoutMode.DIRECT,
                "layer entry loop/passwd: too many levels of symbolic links at loop");
    }

    @Test
    void hardlinksToHostFilesAreRefused() throws Exception {
        for (WhiteoutMode mode : WhiteoutMode.values()) {
            assertRefused(new TarBuilder().hardlink("passwd", "../../etc/passwd"), mode,
                    "layer entry passwd: hardlink target ../../etc/passwd escapes the layer root");
            // absolute: looked up as ROOT/etc/passwd, which isn't there
            assertThat(extract(new TarBuilder().hardlink("passwd", "/etc/passwd"), mode))
                    .isInstanceOf(LayerFormatException.class)
                    .hasMessageStartingWith("layer entry passwd: hardlink target /etc/passwd does not exist in the layer root");
            // through a symlink to /: still ROOT/etc/passwd
            assertThat(extract(new TarBuilder().symlink("host", "/").hardlink("passwd", "host/etc/passwd"), mode))
                    .isInstanceOf(LayerFormatException.class)
                    .hasMessageStartingWith("layer entry passwd: hardlink target host/etc/passwd does not exist");
        }
        assertThat(Files.exists(root.resolve("passwd"), NOFOLLOW)).isFalse();
    }

    @Test
    void aHardlinkToTheImagesOwnPasswdLinksThatOne() throws Exception {
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/passwd"), "image passwd");
        assertThat(extract(new TarBuilder().hardlink("copy", "/etc/passwd"), WhiteoutMode.DIRECT)).isNull();
        assertThat(FileStat.of(root.resolve("copy")).ino()).isEqualTo(FileStat.of(root.resolve("etc/passwd")).ino());
    }

    @Test
    void aHardlinkToASymlinkThatPointsOutIsOnlyAnotherSymlink() throws Exception {
        assertThat(extract(new TarBuilder()
                .symlink("link", "/etc/passwd")
                .hardlink("hard", "link")
                .file("hard", "replaced, not written through"), WhiteoutMode.DIRECT)).isNull();
        assertThat(Files.readSymbolicLink(root.resolve("link")).toString()).isEqualTo("/etc/passwd");
        assertThat(root.resolve("hard")).hasContent("replaced, not written through");

        assertThat(extract(new TarBuilder().symlink("link2", "/etc/passwd").hardlink("hard2", "link2"),
                WhiteoutMode.DIRECT)).isNull();
        assertThat(Files.isSymbolicLink(root.resolve("hard2"))).isTrue(); // link(2) links the symlink itself
    }

    @Test
    void whiteoutsDeleteOnlyInsideTheRoot() throws Exception {
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/passwd"), "image passwd");
        Files.createSymbolicLink(root.resolve("host"), Path.of("/")); // lower layers' symlinks
        Files.createSymbolicLink(root.resolve("sib"), outside);
        Files.createSymbolicLink(root.resolve("up"), Path.of("../.."));
        assertThat(extract(new TarBuilder()
                .whiteout("host/etc/.wh.passwd")
                .whiteout("sib/.wh.sentinel")
                .whiteout("sib/.wh..wh..opq")
                .whiteout("up/.wh.sentinel")
                .whiteout("up/.wh..wh..opq") // the root itself, reached through "up": empties ROOT, nothing else
                .whiteout(".wh.host"), WhiteoutMode.DIRECT)).isNull();
        assertThat(WhiteoutTest.names(root)).isEmpty(); // the links went, not what they point at
    }

    @Test
    void overlayWhiteoutsThroughSymlinksStayInTheRoot() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(dev.strata.linux.Linux.isRoot(), "whiteout devices need root");
        assertThat(extract(new TarBuilder()
                .symlink("host", "/")
                .whiteout("host/etc/.wh.passwd")
                .symlink("sib", outside.toString())
                .whiteout("sib/.wh..wh..opq"), WhiteoutMode.OVERLAY)).isNull();
        assertThat(FileStat.of(root.resolve("etc/passwd")).isWhiteout()).isTrue();
        assertThat(LayerXattrs.isOpaque(root.resolve(outside.toString().substring(1)))).isTrue();
        assertThat(LayerXattrs.isOpaque(outside)).isFalse();
    }

    @Test
    void symlinkLoopsAndFilesUsedAsDirectoriesAreRefused() throws Exception {
        assertRefused(new TarBuilder().symlink("a", "b").symlink("b", "a").file("a/x", "x"), WhiteoutMode.DIRECT,
                "layer entry a/x: too many levels of symbolic links at a");
        assertRefused(new TarBuilder().file("f", "x").file("f/x", "x"), WhiteoutMode.DIRECT,
                "layer entry f/x: f is not a directory");
    }

    @Test
    void namesWithNulBytesAreRefused() throws Exception {
        var entry = TarBuilder.entry("ignored", org.apache.commons.compress.archivers.tar.TarConstants.LF_NORMAL, 0644);
        var records = new java.util.TreeMap<String, byte[]>();
        records.put("path", "etc/passwd\0.txt".getBytes());
        assertRefused(new TarBuilder().withRawPax(records, entry, new byte[0]), WhiteoutMode.DIRECT,
                "layer entry etc/passwd\\x00.txt: name contains a NUL byte");
    }

    @Test
    void devicesAreMadeInsideTheRootOnly() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(dev.strata.linux.Linux.isRoot(), "mknod needs root");
        assertThat(extract(new TarBuilder()
                .symlink("devices", "/dev")
                .device("devices/sda-copy", org.apache.commons.compress.archivers.tar.TarConstants.LF_BLK, 8, 0),
                WhiteoutMode.DIRECT)).isNull();
        assertThat(FileStat.of(root.resolve("dev/sda-copy")).type()).isEqualTo(FileStat.S_IFBLK);
        assertThat(Path.of("/dev/sda-copy")).doesNotExist();
    }
}
