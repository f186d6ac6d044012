package dev.strata.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.linux.Linux;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class VfsSnapshotterTest extends SnapshotterContract {
    @Override
    Snapshotter open(Path root) throws IOException {
        return Snapshotters.open(root, "vfs");
    }

    @Override
    Path home() {
        return root.resolve("vfs");
    }

    @Override
    void assertRecordsDeletion(Path path) {
        assertThat(Files.exists(path, LinkOption.NOFOLLOW_LINKS)).as("%s is gone from the copy", path).isFalse();
    }

    @Override
    long expectedUsage(long parent, long own) {
        return parent + own; // every snapshot is a whole copy
    }

    @Override
    long dataDirectories() throws IOException {
        try (var entries = Files.list(home().resolve("dir"))) {
            return entries.count();
        }
    }

    @Test
    void theLayoutIsDockers() throws IOException {
        snapshotter.prepare("c", null);
        Path dir = snapshotter.extractTarget("c").dir();
        assertThat(dir.getParent()).isEqualTo(home().resolve("dir"));
        assertThat(dir.getFileName().toString()).matches("[0-9a-f]{64}");
        assertThat(snapshotter.graphDriverData("c")).isEmpty();
        assertThat(snapshotter.name()).isEqualTo("vfs");
    }

    private static Object attribute(Path p, String name) throws IOException {
        return Files.getAttribute(p, name, LinkOption.NOFOLLOW_LINKS);
    }

    @Test
    void prepareCopiesEverythingALayerCanHold() throws IOException {
        FileTime old = FileTime.from(Instant.parse("2001-02-03T04:05:06Z"));
        layer("base", null, t -> {
            Path d = t.dir();
            Path file = Files.writeString(d.resolve("suid"), "binary");
            Files.setAttribute(file, "unix:uid", 1234);
            Files.setAttribute(file, "unix:gid", 5678);
            Files.setAttribute(file, "unix:mode", 04755); // after chown, which clears setuid
            Linux.setXattr(file, "user.note", "kept".getBytes(StandardCharsets.UTF_8));
            Linux.setXattr(file, "trusted.note", "kept too".getBytes(StandardCharsets.UTF_8));
            Files.setLastModifiedTime(file, old);
            Files.createLink(d.resolve("hardlink"), file);
            Files.createSymbolicLink(d.resolve("symlink"), Path.of("suid"));
            Files.getFileAttributeView(d.resolve("symlink"), java.nio.file.attribute.BasicFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS).setTimes(old, old, null);
            Files.createDirectories(d.resolve("dated/inner"));
            Files.setLastModifiedTime(d.resolve("dated"), old);
            Linux.mknod(d.resolve("null"), Linux.S_IFCHR | 0666, 1, 3);
            Linux.mknod(d.resolve("fifo"), Linux.S_IFIFO, 0, 0);
            try (dev.strata.linux.PathCalls calls = new dev.strata.linux.PathCalls()) {
                calls.chmod(d.resolve("fifo"), 0666); // more than the umask lets mknod make
                calls.setTimes(d.resolve("fifo"), old, old);
            }
            Files.createDirectory(d.resolve("sticky"));
            Files.setAttribute(d.resolve("sticky"), "unix:mode", 01777);
        });
        snapshotter.prepare("c", "base");
        Path c = snapshotter.extractTarget("c").dir();

        Path file = c.resolve("suid");
        assertThat((int) attribute(file, "unix:mode") & 07777).isEqualTo(04755);
        assertThat(attribute(file, "unix:uid")).isEqualTo(1234);
        assertThat(attribute(file, "unix:gid")).isEqualTo(5678);
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(old);
        assertThat(Linux.getXattr(file, "user.note")).get().isEqualTo("kept".getBytes(StandardCharsets.UTF_8));
        assertThat(Linux.getXattr(file, "trusted.note")).get().isEqualTo("kept too".getBytes(StandardCharsets.UTF_8));
        assertThat(attribute(c.resolve("hardlink"), "unix:ino")).isEqualTo(attribute(file, "unix:ino"));
        assertThat(Files.readSymbolicLink(c.resolve("symlink"))).isEqualTo(Path.of("suid"));
        assertThat(Files.getLastModifiedTime(c.resolve("symlink"), LinkOption.NOFOLLOW_LINKS)).isEqualTo(old);
        assertThat(Files.getLastModifiedTime(c.resolve("dated"))).as("set after its children").isEqualTo(old);
        assertThat(attribute(c.resolve("null"), "unix:rdev")).isEqualTo(attribute(Path.of("/dev/null"), "unix:rdev"));
        assertThat((int) attribute(c.resolve("fifo"), "unix:mode")).isEqualTo(Linux.S_IFIFO | 0666);
        assertThat(attribute(c.resolve("fifo"), "lastModifiedTime")).isEqualTo(old);
        assertThat((int) attribute(c.resolve("sticky"), "unix:mode") & 07777).isEqualTo(01777);
        // and a copy: the parent's file (which a view binds) is another inode
        snapshotter.view("v", "base");
        Path parentDir = Path.of(snapshotter.mounts("v").getFirst().source());
        assertThat(attribute(parentDir.resolve("suid"), "unix:ino")).isNotEqualTo(attribute(file, "unix:ino"));
    }

    @Test
    void aViewCopiesNothing() throws IOException {
        layer("base", null, t -> write(t, "big", "x".repeat(5000)));
        snapshotter.view("v", "base");
        assertThat(snapshotter.usage("v")).isEqualTo(new Usage(0, 1));
        assertThat(read(mount("v").resolve("big"))).hasSize(5000);
    }
}
