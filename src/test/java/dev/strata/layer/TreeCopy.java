package dev.strata.layer;

import dev.strata.linux.Linux;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;

/** cp -a for tests: a copy with modes, owners, times and xattrs, as the copy-based driver makes one. */
final class TreeCopy {
    private TreeCopy() {
    }

    static Path copy(Path from, Path to) throws IOException {
        Map<Long, Path> copiedInodes = new HashMap<>();
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path target = to.resolve(from.relativize(dir).toString());
                Files.createDirectories(target);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path target = to.resolve(from.relativize(file).toString());
                FileStat stat = FileStat.of(file);
                Path linked = stat.nlink() > 1 && !stat.isDirectory() ? copiedInodes.get(stat.ino()) : null;
                if (linked != null) {
                    Files.createLink(target, linked); // keep hardlinks linked
                    return FileVisitResult.CONTINUE;
                }
                copiedInodes.put(stat.ino(), target);
                if (stat.isRegularFile() || stat.isSymlink()) {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                } else {
                    Linux.mknod(target, stat.mode(), stat.major(), stat.minor());
                }
                finish(file, target, stat);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Path target = to.resolve(from.relativize(dir).toString());
                finish(dir, target, FileStat.of(dir));
                return FileVisitResult.CONTINUE;
            }
        });
        return to;
    }

    private static void finish(Path source, Path target, FileStat stat) throws IOException {
        if (Linux.isRoot()) {
            TestCalls.lchown(target, stat.uid(), stat.gid());
        }
        if (!stat.isSymlink()) {
            TestCalls.chmod(target, stat.permissions());
        }
        for (Map.Entry<String, byte[]> x : LayerXattrs.readAll(source).entrySet()) {
            Linux.setXattr(target, x.getKey(), x.getValue());
        }
        BasicFileAttributes times = Files.readAttributes(source, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        TestCalls.setTimes(target, times.lastAccessTime(), times.lastModifiedTime());
    }
}
