package dev.strata.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.strata.diff.DiffService;
import dev.strata.layer.Change;
import dev.strata.layer.LayerExtractor;
import dev.strata.linux.Linux;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The snapshot drivers together with the real layer extractor and differ: a layer tar unpacked into a
 * snapshot, a container's changes written back out as a tar, and that tar unpacked again. Skipped
 * while {@code dev.strata.layer} is still the stub (before branch {@code layer} is merged); run by
 * {@link Overlay2LayerRoundTripTest} and {@link VfsLayerRoundTripTest}.
 */
abstract class LayerRoundTripContract {
    @TempDir
    Path root;

    Snapshotter snapshotter;
    private final List<Path> mounted = new ArrayList<>();

    abstract Snapshotter open(Path root) throws IOException;

    @BeforeEach
    void openSnapshotter() throws IOException {
        assumeThat(Linux.isRoot()).as("mounting needs root").isTrue();
        snapshotter = open(root);
    }

    @AfterEach
    void unmountEverything() throws IOException {
        for (Path target : mounted.reversed()) {
            Mounts.unmount(target);
        }
        for (Path target : Mounts.mountPointsUnder(root)) {
            Linux.umount(target, Linux.MNT_DETACH);
        }
    }

    private Path mount(String key) throws IOException {
        Path target = Files.createDirectories(root.resolve("mnt").resolve(Integer.toString(mounted.size())));
        Mounts.mount(snapshotter.mounts(key), target);
        mounted.add(target);
        return target;
    }

    private void unmount(Path target) throws IOException {
        Mounts.unmount(target);
        mounted.remove(target);
    }

    /** The layer store's way: prepare, extract into the target, commit under the layer's name. */
    private void unpack(String name, String parent, byte[] tar) throws IOException {
        String key = "extract-" + name;
        snapshotter.prepare(key, parent);
        ExtractTarget target = snapshotter.extractTarget(key);
        LayerExtractor.extract(new ByteArrayInputStream(tar), target.dir(), target.mode());
        snapshotter.commit(name, key);
    }

    /** A tar of entries given as name → content: a trailing "/" makes a directory, "-> x" a symlink. */
    static byte[] tar(Map<String, String> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, String> e : entries.entrySet()) {
                String name = e.getKey();
                String content = e.getValue();
                TarArchiveEntry entry;
                boolean hasContent = false;
                if (name.endsWith("/")) {
                    entry = new TarArchiveEntry(name);
                    entry.setMode(040755);
                } else if (content.startsWith("-> ")) {
                    entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
                    entry.setLinkName(content.substring(3));
                } else {
                    entry = new TarArchiveEntry(name);
                    entry.setMode(0100644);
                    entry.setSize(content.getBytes(StandardCharsets.UTF_8).length);
                    hasContent = true;
                }
                entry.setModTime(1_000_000_000_000L);
                out.putArchiveEntry(entry);
                if (hasContent) {
                    out.write(content.getBytes(StandardCharsets.UTF_8));
                }
                out.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** The entries of a tar as name → content (empty for anything but a regular file). */
    static Map<String, String> entries(byte[] tar) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                String name = e.getName().startsWith("./") ? e.getName().substring(2) : e.getName();
                entries.put(name, e.isFile() ? new String(in.readAllBytes(), StandardCharsets.UTF_8) : "");
            }
        }
        return entries;
    }

    private void base() throws IOException {
        Map<String, String> base = new LinkedHashMap<>();
        base.put("etc/", "");
        base.put("etc/os-release", "ID=strata\n");
        base.put("etc/gone", "to be deleted\n");
        base.put("etc/release-link", "-> os-release");
        base.put("dir/", "");
        base.put("dir/a", "a\n");
        base.put("dir/sub/", "");
        base.put("dir/sub/b", "b\n");
        unpack("base", null, tar(base));
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private byte[] diff(String key) throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        DiffService.writeDiff(snapshotter.files(key), tar);
        return tar.toByteArray();
    }

    @Test
    void layersWithWhiteoutsAndOpaqueDirectoriesStack() throws IOException {
        base();
        Map<String, String> second = new LinkedHashMap<>();
        second.put("etc/", "");
        second.put("etc/.wh.gone", "");
        second.put("dir/", "");
        second.put("dir/.wh..wh..opq", "");
        second.put("dir/new", "new\n");
        unpack("second", "base", tar(second));

        snapshotter.prepare("c", "second");
        Path merged = mount("c");
        assertThat(merged.resolve("etc/gone")).doesNotExist();
        assertThat(read(merged.resolve("etc/release-link"))).isEqualTo("ID=strata\n");
        try (var dir = Files.list(merged.resolve("dir"))) {
            assertThat(dir.map(p -> p.getFileName().toString())).containsExactly("new");
        }
    }

    @Test
    void aContainersChangesComeOutAsALayerThatRecreatesThem() throws IOException {
        base();
        snapshotter.prepare("c", "base");
        Path merged = mount("c");
        Files.writeString(merged.resolve("etc/os-release"), "ID=changed\n");
        Files.delete(merged.resolve("etc/gone"));
        Files.writeString(merged.resolve("added"), "added\n");
        unmount(merged);

        assertThat(DiffService.changes(snapshotter.files("c"))).extracting(Change::toString)
                .contains("C /etc/os-release", "D /etc/gone", "A /added")
                .doesNotContain("C /dir", "C /dir/a");
        byte[] layer = diff("c");
        Map<String, String> entries = entries(layer);
        assertThat(entries).containsEntry("etc/os-release", "ID=changed\n").containsKey("etc/.wh.gone")
                .containsEntry("added", "added\n").doesNotContainKey("etc/gone").doesNotContainKey("dir/a");
        assertThat(diff("c")).as("the same change gives the same bytes").isEqualTo(layer);

        // commit's other half: the tar on the same parent gives the same tree
        unpack("committed", "base", layer);
        snapshotter.view("check", "committed");
        Path check = mount("check");
        assertThat(read(check.resolve("etc/os-release"))).isEqualTo("ID=changed\n");
        assertThat(check.resolve("etc/gone")).doesNotExist();
        assertThat(read(check.resolve("added"))).isEqualTo("added\n");
        assertThat(read(check.resolve("dir/sub/b"))).isEqualTo("b\n");
    }

    @Test
    void aRenamedLowerDirectoryDiffsAsADeleteAndACopy() throws Exception {
        base();
        snapshotter.prepare("c", "base");
        Path merged = mount("c");
        Process mv = new ProcessBuilder("mv", merged.resolve("dir").toString(), merged.resolve("moved").toString())
                .redirectErrorStream(true).start();
        assertThat(mv.waitFor()).as(new String(mv.getInputStream().readAllBytes())).isZero();
        unmount(merged);

        assertThat(DiffService.changes(snapshotter.files("c"))).extracting(Change::toString).contains("D /dir", "A /moved", "A /moved/sub/b");
        byte[] layer = diff("c");
        assertThat(entries(layer)).containsKey(".wh.dir").containsEntry("moved/a", "a\n").containsEntry("moved/sub/b", "b\n");

        unpack("renamed", "base", layer);
        snapshotter.view("check", "renamed");
        Path check = mount("check");
        assertThat(check.resolve("dir")).doesNotExist();
        assertThat(read(check.resolve("moved/sub/b"))).isEqualTo("b\n");
        assertThat(Files.isSymbolicLink(check.resolve("etc/release-link"))).isTrue();
    }

    @Test
    void aBaseSnapshotDiffsAgainstNothing() throws IOException {
        snapshotter.prepare("c", null);
        Path merged = mount("c");
        Files.createDirectories(merged.resolve("bin"));
        Files.writeString(merged.resolve("bin/sh"), "#!");
        unmount(merged);
        assertThat(DiffService.changes(snapshotter.files("c"))).extracting(Change::toString).contains("A /bin", "A /bin/sh");
        assertThat(entries(diff("c"))).containsKeys("bin/", "bin/sh");
    }
}
