package dev.strata.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.strata.linux.Linux;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WhiteoutTest {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    @TempDir
    Path dir;

    /** A lower layer: a/b/c/bar, etc/hosts, etc/passwd, x/old, f. */
    private Path lower(String name) throws IOException {
        Path root = Files.createDirectories(dir.resolve(name));
        Files.createDirectories(root.resolve("a/b/c"));
        Files.writeString(root.resolve("a/b/c/bar"), "bar");
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/hosts"), "hosts");
        Files.writeString(root.resolve("etc/passwd"), "passwd");
        Files.createDirectories(root.resolve("x"));
        Files.writeString(root.resolve("x/old"), "old");
        Files.writeString(root.resolve("f"), "lower f");
        return root;
    }

    private Path direct(TarBuilder tar) throws IOException {
        Path root = lower("direct");
        LayerExtractor.extract(tar.stream(), root, WhiteoutMode.DIRECT);
        return root;
    }

    @Test
    void directModeDeletesWhitedOutFilesAndDirectories() throws Exception {
        Path root = direct(new TarBuilder().whiteout("etc/.wh.hosts").whiteout(".wh.a"));
        assertThat(root.resolve("etc/hosts")).doesNotExist();
        assertThat(root.resolve("etc/passwd")).hasContent("passwd");
        assertThat(root.resolve("a")).doesNotExist();
    }

    @Test
    void directModeEmptiesAnOpaqueDirectory() throws Exception {
        Path root = direct(new TarBuilder().dir("etc/").whiteout("etc/.wh..wh..opq").file("etc/motd", "hi"));
        assertThat(names(root.resolve("etc"))).containsExactly("motd");
    }

    /** The OCI spec's example: the opaque marker before or after the new entries means the same. */
    @Test
    void anOpaqueMarkerAppliesToLowerLayersWhereverItComesInTheTar() throws Exception {
        TarBuilder markerFirst = new TarBuilder().dir("a/").whiteout("a/.wh..wh..opq").dir("a/b/").dir("a/b/c/")
                .file("a/b/c/foo", "foo");
        TarBuilder markerLast = new TarBuilder().dir("a/").dir("a/b/").dir("a/b/c/").file("a/b/c/foo", "foo")
                .whiteout("a/.wh..wh..opq");
        for (TarBuilder tar : List.of(markerFirst, markerLast)) {
            Path root = direct(tar);
            assertThat(root.resolve("a/b/c/foo")).hasContent("foo");
            assertThat(root.resolve("a/b/c/bar")).doesNotExist();
            deleteTree(root);
        }
    }

    /** umoci's case: a whiteout after this layer's own entry for the same name leaves that entry. */
    @Test
    void aWhiteoutNeverRemovesWhatTheSameLayerWrote() throws Exception {
        Path root = direct(new TarBuilder()
                .file("f", "this layer's f").whiteout(".wh.f")
                .file("x/new", "new").whiteout(".wh.x")
                .whiteout(".wh.etc").file("etc/fresh", "fresh"));
        assertThat(root.resolve("f")).hasContent("this layer's f");
        assertThat(names(root.resolve("x"))).containsExactly("new"); // lower x/old went, our x/new stayed
        assertThat(names(root.resolve("etc"))).containsExactly("fresh");
    }

    @Test
    void refusesWhiteoutsThatNameNoFile() throws Exception {
        for (String marker : List.of("etc/.wh.", "etc/.wh..", "etc/.wh...")) {
            Path root = lower("refuse" + marker.length());
            assertThatThrownBy(() -> LayerExtractor.extract(new TarBuilder().whiteout(marker).stream(), root,
                    WhiteoutMode.DIRECT))
                    .isInstanceOf(LayerFormatException.class)
                    .hasMessage("layer entry " + marker + ": whiteout names no file");
            assertThat(root.resolve("etc/passwd")).hasContent("passwd");
        }
    }

    @Test
    void skipsAufsBookkeeping() throws Exception {
        Path root = direct(new TarBuilder().dir(".wh..wh.plnk/").file(".wh..wh.plnk/123.456", "x")
                .file(".wh..wh.aufs", ""));
        assertThat(names(root)).doesNotContain(".wh..wh.plnk", ".wh..wh.aufs", "plnk");
        assertThat(root.resolve("f")).hasContent("lower f");
    }

    @Test
    void overlayModeWritesOverlayfsMarkers() throws Exception {
        assumeTrue(Linux.isRoot(), "0/0 devices and trusted.* xattrs need root");
        Path upper = Files.createDirectories(dir.resolve("upper"));
        LayerExtractor.extract(new TarBuilder()
                .whiteout("etc/.wh.hosts")
                .dir("a/").whiteout("a/.wh..wh..opq")
                .file("f", "ours").whiteout(".wh.f")
                .dir("x/").file("x/new", "new").whiteout(".wh.x")
                .whiteout(".wh.y").dir("y/")
                .whiteout(".wh.z").file("z", "z")
                .stream(), upper, WhiteoutMode.OVERLAY);

        assertThat(FileStat.of(upper.resolve("etc/hosts")).isWhiteout()).isTrue();
        assertThat(LayerXattrs.isOpaque(upper.resolve("a"))).isTrue();
        assertThat(upper.resolve("f")).hasContent("ours");
        // our own x survives its whiteout; made opaque, it hides the lower x
        assertThat(LayerXattrs.isOpaque(upper.resolve("x"))).isTrue();
        assertThat(upper.resolve("x/new")).hasContent("new");
        // deleted then made again as a directory: opaque, or the old one's files would show through
        assertThat(LayerXattrs.isOpaque(upper.resolve("y"))).isTrue();
        assertThat(Files.isRegularFile(upper.resolve("z"), NOFOLLOW)).isTrue();
        assertThat(LayerXattrs.isOpaque(upper.resolve("etc"))).isFalse();
    }

    /**
     * The two modes must agree: OVERLAY's upper mounted over the lower shows what DIRECT wrote onto a
     * copy of the lower. Checked through a real overlayfs mount.
     */
    @Test
    void overlayAndDirectModesGiveTheSameTree() throws Exception {
        assumeTrue(Linux.isRoot(), "mounting overlayfs needs root");
        TarBuilder[] layers = {
                new TarBuilder().whiteout("etc/.wh.hosts").file("etc/motd", "motd"),
                new TarBuilder().dir("a/").dir("a/b/").dir("a/b/c/").file("a/b/c/foo", "foo")
                        .whiteout("a/.wh..wh..opq"),
                new TarBuilder().file("x/new", "new").whiteout(".wh.x").file("f", "ours").whiteout(".wh.f"),
                new TarBuilder().whiteout(".wh.x").dir("x/").file("x/again", "again").whiteout(".wh.a")
                        .symlink("a", "etc"),
        };
        int n = 0;
        for (TarBuilder layer : layers) {
            byte[] tar = layer.bytes();
            Path lower = lower("lower" + n);
            Path upper = Files.createDirectories(dir.resolve("upper" + n));
            Path work = Files.createDirectories(dir.resolve("work" + n));
            Path merged = Files.createDirectories(dir.resolve("merged" + n));
            LayerExtractor.extract(new java.io.ByteArrayInputStream(tar), upper, WhiteoutMode.OVERLAY);
            Path direct = lower("direct" + n);
            LayerExtractor.extract(new java.io.ByteArrayInputStream(tar), direct, WhiteoutMode.DIRECT);
            Linux.mount("overlay", merged, "overlay", 0,
                    "lowerdir=" + lower + ",upperdir=" + upper + ",workdir=" + work);
            try {
                assertThat(contents(merged)).as("layer %d", n).isEqualTo(contents(direct));
            } finally {
                Linux.umount(merged, 0);
            }
            n++;
        }
    }

    /** Path -> what is there (file content, link target, or directory), the part both modes define. */
    private static Map<String, String> contents(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                String what = Files.isSymbolicLink(p) ? "-> " + Files.readSymbolicLink(p)
                        : Files.isDirectory(p) ? "dir"
                        : new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
                out.put("/" + root.relativize(p), what);
            }
        }
        return out;
    }

    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            return new ArrayList<>(children.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
