package dev.strata.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.layer.WhiteoutMode;
import dev.strata.snapshot.SnapshotFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Docker's DiffSize over both forms of a snapshot: an overlay upper directory counted as it stands, and a
 * whole tree counted by its changes over the parent. Directories count zero, links are not followed, a
 * hard-linked inode counts once, an unchanged file of the parent not at all.
 */
class DiffSizeTest {
    @TempDir
    Path dir;

    private static void write(Path file, int bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[bytes]);
    }

    @Test
    void overlayUpperCountsItsFilesOnce() throws IOException {
        Path upper = dir.resolve("upper");
        write(upper.resolve("tmp/f"), 1000);
        Files.createLink(upper.resolve("tmp/hard"), upper.resolve("tmp/f"));
        Files.createSymbolicLink(upper.resolve("tmp/s"), Path.of("/tmp/f"));
        Files.createDirectories(upper.resolve("var/new/dir"));
        // a link to a big file outside: its own length, never the target's
        write(dir.resolve("outside"), 5000);
        Files.createSymbolicLink(upper.resolve("out"), dir.resolve("outside"));
        long expected = 1000 + "/tmp/f".length() + dir.resolve("outside").toString().length();
        assertThat(DiffService.size(new SnapshotFiles(upper, WhiteoutMode.OVERLAY, List.of()))).isEqualTo(expected);
    }

    @Test
    void wholeTreeCountsWhatItAddsOrChanges() throws IOException {
        Path parent = dir.resolve("parent");
        Path tree = dir.resolve("tree");
        write(parent.resolve("bin/kept"), 700);
        write(parent.resolve("etc/changed"), 10);
        write(parent.resolve("etc/gone"), 30);
        write(tree.resolve("bin/kept"), 700);
        Files.setLastModifiedTime(tree.resolve("bin/kept"), Files.getLastModifiedTime(parent.resolve("bin/kept")));
        write(tree.resolve("etc/changed"), 20);
        write(tree.resolve("tmp/f"), 1000);
        Files.createLink(tree.resolve("tmp/hard"), tree.resolve("tmp/f"));
        Files.createDirectories(tree.resolve("var/new"));
        assertThat(DiffService.size(new SnapshotFiles(tree, WhiteoutMode.DIRECT, List.of(parent)))).isEqualTo(1020);
    }
}
