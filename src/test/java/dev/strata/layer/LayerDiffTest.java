package dev.strata.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.strata.digest.Digest;
import dev.strata.linux.Linux;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerDiffTest {
    private static final FileTime T1 = FileTime.from(Instant.parse("2020-01-01T00:00:00.123456789Z"));
    private static final FileTime T2 = FileTime.from(Instant.parse("2024-06-01T12:00:00.5Z"));

    @TempDir
    Path dir;

    /** An overlay upper as overlayfs leaves it after a few changes. */
    private Path overlayUpper(String name) throws IOException {
        Path upper = Files.createDirectories(dir.resolve(name));
        Files.createDirectories(upper.resolve("etc"));
        Linux.mknod(upper.resolve("etc/hosts"), Linux.S_IFCHR, 0, 0); // rm /etc/hosts
        write(upper.resolve("etc/motd"), "welcome\n", 0644, T2);
        Linux.setXattr(upper.resolve("etc"), "trusted.overlay.origin", new byte[] {0, 1, 2}); // overlay's, dropped
        Linux.setXattr(upper.resolve("etc"), "trusted.overlay.impure", "y".getBytes());
        Files.createDirectories(upper.resolve("opq"));
        Linux.setXattr(upper.resolve("opq"), LayerXattrs.OVERLAY_OPAQUE, "y".getBytes()); // rm -rf opq; mkdir opq
        write(upper.resolve("opq/new"), "new", 0600, T1);
        Files.createDirectories(upper.resolve("bin"));
        write(upper.resolve("bin/a"), "binary", 04755, T1);
        Files.createLink(upper.resolve("bin/b"), upper.resolve("bin/a"));
        Files.createSymbolicLink(upper.resolve("bin/sh"), Path.of("a"));
        Linux.setXattr(upper.resolve("bin/a"), "user.note", new byte[] {(byte) 0xff, 0});
        try (ServerSocketChannel socket = ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            socket.bind(UnixDomainSocketAddress.of(upper.resolve("sock")));
        }
        for (String d : new String[] {"etc", "opq", "bin", ""}) {
            TestCalls.setTimes(upper.resolve(d), T1, T1);
        }
        return upper;
    }

    @Test
    void writesAnOverlayUpperAsALayer() throws Exception {
        assumeTrue(Linux.isRoot(), "whiteout devices and trusted.overlay.* need root");
        byte[] tar = overlayTar(overlayUpper("upper"));
        // sorted depth first, whiteouts before their siblings, the opaque marker right after its directory
        assertThat(entries(tar)).containsExactly(
                "d bin/ 0755",
                "f bin/a 4755 size=6 user.note",
                "h bin/b -> bin/a",
                "s bin/sh -> a",
                "d etc/ 0755",
                "f etc/.wh.hosts 0600 size=0",
                "f etc/motd 0644 size=8",
                "d opq/ 0755",
                "f opq/.wh..wh..opq 0600 size=0",
                "f opq/new 0600 size=3");
        for (TarArchiveEntry e : read(tar)) {
            assertThat(e.getUserName()).isEmpty();
            assertThat(e.getGroupName()).isEmpty();
            assertThat(e.getLastModifiedTime().toInstant().getNano()).isZero();
            assertThat(e.getLastAccessTime()).isNull();
            assertThat(e.getStatusChangeTime()).isNull();
        }
        TarArchiveEntry motd = read(tar).stream().filter(e -> e.getName().equals("etc/motd")).findFirst().orElseThrow();
        assertThat(motd.getLastModifiedTime()).isEqualTo(FileTime.from(Instant.parse("2024-06-01T12:00:00Z")));
        assertThat(tar.length % 512).isZero();
        assertThat(java.util.Arrays.copyOfRange(tar, tar.length - 1024, tar.length)).containsOnly(0);
    }

    @Test
    void theWriterSaysWhatAScanOfItsBytesWouldFind() throws Exception {
        assumeTrue(Linux.isRoot(), "whiteout devices and trusted.overlay.* need root");
        Path upper = overlayUpper("summarised");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TarSummary written = LayerDiff.writeOverlayUpper(upper, out);
        // bin/a's 6 bytes once (bin/b is its hardlink), the symlink's 1-byte target, motd 8, opq/new 3
        assertThat(written).isEqualTo(new TarSummary(6 + 1 + 8 + 3, 10));
        assertThat(LayerScan.scan(new ByteArrayInputStream(out.toByteArray()))).isEqualTo(written);

        ByteArrayOutputStream difference = new ByteArrayOutputStream();
        TarSummary tree = LayerDiff.writeTreeDifference(Files.createDirectories(dir.resolve("nothing")), upper, difference);
        assertThat(LayerScan.scan(new ByteArrayInputStream(difference.toByteArray()))).isEqualTo(tree);
        assertThat(LayerDiff.writeOverlayUpper(Files.createDirectories(dir.resolve("unchanged")), new ByteArrayOutputStream()))
                .isEqualTo(TarSummary.EMPTY);
    }

    private byte[] overlayTar(Path upper) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LayerDiff.writeOverlayUpper(upper, out);
        return out.toByteArray();
    }

    @Test
    void theSameChangeGivesTheSameBytes() throws Exception {
        assumeTrue(Linux.isRoot(), "whiteout devices and trusted.overlay.* need root");
        Path upper = overlayUpper("one");
        byte[] first = overlayTar(upper);
        byte[] again = overlayTar(upper);
        byte[] elsewhere = overlayTar(TreeCopy.copy(upper, dir.resolve("copy"))); // other inodes, other order on disk
        assertThat(Digest.sha256(again)).isEqualTo(Digest.sha256(first));
        assertThat(Digest.sha256(elsewhere)).isEqualTo(Digest.sha256(first));
    }

    /** lower, and upper = lower after a known change. */
    private Path[] changedTrees() throws IOException {
        Path lower = Files.createDirectories(dir.resolve("lower"));
        write(lower.resolve("etc/hosts"), "127.0.0.1 localhost\n", 0644, T1);
        write(lower.resolve("etc/passwd"), "root:x:0:0::/root:/bin/sh\n", 0644, T1);
        write(lower.resolve("usr/bin/tool"), "tool", 0755, T1);
        write(lower.resolve("var/cache/big/x"), "x".repeat(1000), 0644, T1);
        write(lower.resolve("var/cache/big/y"), "y", 0644, T1);
        write(lower.resolve("keep/file"), "same", 0644, T1);
        write(lower.resolve("was-dir/child"), "c", 0644, T1);
        for (String d : new String[] {"etc", "usr/bin", "usr", "var/cache/big", "var/cache", "var", "keep", "was-dir", ""}) {
            TestCalls.setTimes(lower.resolve(d), T1, T1);
        }
        Path upper = TreeCopy.copy(lower, dir.resolve("upper"));
        write(upper.resolve("etc/hosts"), "127.0.0.1 localhost strata\n", 0644, T2); // changed
        Files.delete(upper.resolve("etc/passwd")); // deleted
        write(upper.resolve("etc/new"), "new", 0600, T2); // added
        deleteTree(upper.resolve("var/cache/big")); // a deleted directory: one whiteout
        TestCalls.chmod(upper.resolve("keep/file"), 0600); // metadata only
        write(upper.resolve("new/x"), "x", 0644, T2); // an added directory and its file
        deleteTree(upper.resolve("was-dir"));
        write(upper.resolve("was-dir"), "now a file", 0644, T2);
        return new Path[] {lower, upper};
    }

    @Test
    void listsTreeChangesLikeDockerDiff() throws Exception {
        Path[] trees = changedTrees();
        assertThat(LayerDiff.treeChanges(trees[0], trees[1])).extracting(Change::toString).containsExactly(
                "C /etc",
                "C /etc/hosts",
                "A /etc/new",
                "D /etc/passwd",
                "C /keep",
                "C /keep/file",
                "A /new",
                "A /new/x",
                "C /var",
                "C /var/cache",
                "D /var/cache/big",
                "C /was-dir",
                "D /was-dir/child");
        assertThat(LayerDiff.treeChanges(trees[0], trees[0])).isEmpty();
    }

    @Test
    void writesATreeDifferenceAsALayer() throws Exception {
        Path[] trees = changedTrees();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LayerDiff.writeTreeDifference(trees[0], trees[1], out);
        assertThat(entries(out.toByteArray())).containsExactly(
                "d etc/ 0755",
                "f etc/.wh.passwd 0600 size=0",
                "f etc/hosts 0644 size=27",
                "f etc/new 0600 size=3",
                "d keep/ 0755",
                "f keep/file 0600 size=4",
                "d new/ 0755",
                "f new/x 0644 size=1",
                "d var/ 0755",
                "d var/cache/ 0755",
                "f var/cache/.wh.big 0600 size=0",
                "f was-dir 0644 size=10");

        ByteArrayOutputStream again = new ByteArrayOutputStream();
        LayerDiff.writeTreeDifference(trees[0], trees[1], again);
        assertThat(again.toByteArray()).isEqualTo(out.toByteArray());

        // applied to a copy of the lower tree, the layer gives the upper tree
        Path applied = TreeCopy.copy(trees[0], dir.resolve("applied"));
        LayerExtractor.extract(new ByteArrayInputStream(out.toByteArray()), applied, WhiteoutMode.DIRECT);
        assertThat(LayerDiff.treeChanges(trees[1], applied)).isEmpty();
    }

    @Test
    void overlayChangesMatchTreeChangesThroughARealMount() throws Exception {
        assumeTrue(Linux.isRoot(), "mounting overlayfs needs root");
        Path[] trees = changedTrees();
        Path lower = trees[0];
        Path upper = Files.createDirectories(dir.resolve("ovl-upper"));
        Path work = Files.createDirectories(dir.resolve("ovl-work"));
        Path merged = Files.createDirectories(dir.resolve("ovl-merged"));
        Linux.mount("overlay", merged, "overlay", 0, "lowerdir=" + lower + ",upperdir=" + upper + ",workdir=" + work
                + ",redirect_dir=off,metacopy=off");
        Path snapshot;
        try {
            // the same change as changedTrees(), made through the merged view
            write(merged.resolve("etc/hosts"), "127.0.0.1 localhost strata\n", 0644, T2);
            Files.delete(merged.resolve("etc/passwd"));
            write(merged.resolve("etc/new"), "new", 0600, T2);
            deleteTree(merged.resolve("var/cache/big"));
            TestCalls.chmod(merged.resolve("keep/file"), 0600);
            write(merged.resolve("new/x"), "x", 0644, T2);
            deleteTree(merged.resolve("was-dir"));
            write(merged.resolve("was-dir"), "now a file", 0644, T2);
            Files.readString(merged.resolve("usr/bin/tool")); // reading copies nothing up
            snapshot = TreeCopy.copy(merged, dir.resolve("merged-copy"));
        } finally {
            Linux.umount(merged, 0);
        }
        List<Change> overlay = LayerDiff.overlayChanges(upper, List.of(lower));
        assertThat(overlay).isEqualTo(LayerDiff.treeChanges(lower, snapshot));
        assertThat(overlay).isEqualTo(LayerDiff.treeChanges(lower, trees[1]));

        // and the overlay upper's layer holds the same entries as the copy-based one
        ByteArrayOutputStream fromUpper = new ByteArrayOutputStream();
        LayerDiff.writeOverlayUpper(upper, fromUpper);
        ByteArrayOutputStream fromTrees = new ByteArrayOutputStream();
        LayerDiff.writeTreeDifference(lower, snapshot, fromTrees);
        assertThat(names(fromUpper.toByteArray())).isEqualTo(names(fromTrees.toByteArray()));
    }

    @Test
    void overlayChangesReadTheLowerLayersAsOverlayfsMergesThem() throws Exception {
        assumeTrue(Linux.isRoot(), "whiteout devices and trusted.overlay.* need root");
        Path bottom = Files.createDirectories(dir.resolve("bottom"));
        write(bottom.resolve("a/gone-below"), "x", 0644, T1);
        write(bottom.resolve("a/kept"), "x", 0644, T1);
        write(bottom.resolve("hidden/old"), "x", 0644, T1);
        Path middle = Files.createDirectories(dir.resolve("middle"));
        Files.createDirectories(middle.resolve("a"));
        Linux.mknod(middle.resolve("a/gone-below"), Linux.S_IFCHR, 0, 0);
        Files.createDirectories(middle.resolve("hidden"));
        Linux.setXattr(middle.resolve("hidden"), LayerXattrs.OVERLAY_OPAQUE, "y".getBytes());
        write(middle.resolve("hidden/fresh"), "x", 0644, T1);
        Path upper = Files.createDirectories(dir.resolve("top"));
        write(upper.resolve("a/gone-below"), "back", 0644, T2); // whited out below: added again
        Files.createDirectories(upper.resolve("hidden"));
        Linux.mknod(upper.resolve("hidden/fresh"), Linux.S_IFCHR, 0, 0);
        Linux.mknod(upper.resolve("hidden/old"), Linux.S_IFCHR, 0, 0); // hidden already: nothing to delete
        for (Path p : List.of(bottom.resolve("a"), bottom.resolve("hidden"), middle.resolve("a"), middle.resolve("hidden"),
                upper.resolve("a"), upper.resolve("hidden"))) {
            TestCalls.setTimes(p, T1, T1);
        }
        assertThat(LayerDiff.overlayChanges(upper, List.of(middle, bottom))).extracting(Change::toString)
                .containsExactly("C /a", "A /a/gone-below", "C /hidden", "D /hidden/fresh");
    }

    @Test
    void keepsBinaryXattrsAndLongNamesThroughARoundTrip() throws Exception {
        Path lower = Files.createDirectories(dir.resolve("empty"));
        Path upper = Files.createDirectories(dir.resolve("full"));
        String longName = "d".repeat(80) + "/" + "\u00e9".repeat(40) + "/" + "f".repeat(150);
        write(upper.resolve(longName), "deep", 0644, T1);
        Files.createSymbolicLink(upper.resolve("link"), Path.of("t".repeat(200)));
        byte[] binary = {(byte) 0x80, (byte) 0xff, 0, '=', '\n'};
        Linux.setXattr(upper.resolve(longName), "user.binary", binary);
        byte[] capability = {1, 0, 0, 2, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        if (Linux.isRoot()) {
            Linux.setXattr(upper.resolve(longName), "security.capability", capability);
            Linux.setXattr(upper.resolve(longName), "security.selinux", "host_label".getBytes()); // not carried
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LayerDiff.writeTreeDifference(lower, upper, out);
        Path applied = Files.createDirectories(dir.resolve("applied"));
        LayerExtractor.extract(new ByteArrayInputStream(out.toByteArray()), applied, WhiteoutMode.DIRECT);
        assertThat(applied.resolve(longName)).hasContent("deep");
        assertThat(Files.readSymbolicLink(applied.resolve("link")).toString()).isEqualTo("t".repeat(200));
        assertThat(Linux.getXattr(applied.resolve(longName), "user.binary")).get().isEqualTo(binary);
        if (Linux.isRoot()) {
            assertThat(Linux.getXattr(applied.resolve(longName), "security.capability")).get().isEqualTo(capability);
            assertThat(Linux.getXattr(applied.resolve(longName), "security.selinux")).isEmpty();
        }
    }

    @Test
    void refusesToStoreAFileNamedLikeAWhiteout() throws Exception {
        Path lower = Files.createDirectories(dir.resolve("l"));
        Path upper = Files.createDirectories(dir.resolve("u"));
        write(upper.resolve("dir/.wh.not-a-deletion"), "x", 0644, T1);
        assertThatThrownBy(() -> LayerDiff.writeTreeDifference(lower, upper, new ByteArrayOutputStream()))
                .isInstanceOf(IOException.class)
                .hasMessage("write layer: /dir/.wh.not-a-deletion cannot be stored in a layer: names starting with"
                        + " .wh. mark deletions");
    }

    @Test
    void refusesAnUpperThatDependsOnItsLowerLayers() throws Exception {
        assumeTrue(Linux.isRoot(), "trusted.overlay.* needs root");
        Path upper = Files.createDirectories(dir.resolve("redirected"));
        Files.createDirectories(upper.resolve("renamed"));
        Linux.setXattr(upper.resolve("renamed"), LayerXattrs.OVERLAY_REDIRECT, "/original".getBytes());
        assertThatThrownBy(() -> LayerDiff.writeOverlayUpper(upper, new ByteArrayOutputStream()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("redirect_dir=off");
    }

    // ---- helpers ----

    static void write(Path file, String content, int mode, FileTime mtime) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        TestCalls.chmod(file, mode);
        TestCalls.setTimes(file, mtime, mtime);
    }

    static void deleteTree(Path path) throws IOException {
        WhiteoutTest.deleteTree(path);
    }

    static List<TarArchiveEntry> read(byte[] tar) throws IOException {
        List<TarArchiveEntry> out = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
                out.add(e);
            }
        }
        return out;
    }

    static List<String> names(byte[] tar) throws IOException {
        return read(tar).stream().map(TarArchiveEntry::getName).toList();
    }

    /** One line per entry: type, name, mode, size or link, xattr names. */
    static List<String> entries(byte[] tar) throws IOException {
        List<String> out = new ArrayList<>();
        for (TarArchiveEntry e : read(tar)) {
            String line;
            if (e.isLink()) {
                line = "h " + e.getName() + " -> " + e.getLinkName();
            } else if (e.isSymbolicLink()) {
                line = "s " + e.getName() + " -> " + e.getLinkName();
            } else if (e.isDirectory()) {
                line = "d " + e.getName() + " " + String.format("%04o", e.getMode());
            } else {
                line = "f " + e.getName() + " " + String.format("%04o", e.getMode()) + " size=" + e.getSize();
            }
            for (String key : new java.util.TreeSet<>(e.getExtraPaxHeaders().keySet())) {
                line += " " + key.replace("SCHILY.xattr.", "");
            }
            out.add(line);
        }
        return out;
    }
}
