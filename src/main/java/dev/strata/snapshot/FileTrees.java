package dev.strata.snapshot;

import dev.strata.linux.Linux;
import dev.strata.linux.PathCalls;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Whole-tree operations on snapshot data: delete, copy, measure. */
public final class FileTrees {
    private FileTrees() {
    }

    /**
     * Deletes {@code root} and everything below it; absent is fine, and so is a concurrent deleter.
     * Anything mounted inside is detached first: deleting through a mount would reach into another tree
     * (an overlay's merged view writes whiteouts into its upper, a bind mount into its source).
     */
    public static void delete(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        for (Path mountPoint : Mounts.mountPointsUnder(root)) {
            Mounts.unmount(mountPoint);
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!Files.isWritable(dir)) {
                    // an image's 0555 directory: without root we must open it up to empty it
                    Set<PosixFilePermission> perms = EnumSet.copyOf(Files.getPosixFilePermissions(dir));
                    perms.addAll(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                            PosixFilePermission.OWNER_EXECUTE));
                    Files.setPosixFilePermissions(dir, perms);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Copies the tree {@code from} to {@code to} (which must not exist) with everything a layer holds:
     * file data, modes with setuid/setgid/sticky, owners, times, xattrs (trusted.* and
     * security.capability included), hardlinks within the tree, symlinks, devices, fifos.
     *
     * <p>{@link Files#copy} with COPY_ATTRIBUTES does files, directories and symlinks (fchown before
     * fchmod so setuid survives, copy_file_range for data, so btrfs and xfs reflink); this adds devices
     * and fifos (which Files.copy would open and read: a fifo blocks forever), hardlinks, every xattr
     * namespace, and times set where Files.copy leaves them. In Java rather
     * than {@code cp -a}, though cp was a little faster (4,332 entries, 78 MB, tmpfs: 167 ms against
     * 190-250 ms warm): a cp child outlives a {@code kill -9} of the JVM and goes on writing into a
     * staging directory that the next process is already deleting as abandoned (KillRecoveryTest caught
     * it), while a copy in the JVM stops when the JVM does.
     */
    public static void copy(Path from, Path to) throws IOException {
        Map<Long, Path> copiedInodes = new HashMap<>();
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path target = to.resolve(from.relativize(dir).toString());
                Files.copy(dir, target, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
                copyXattrs(dir, target);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path target = to.resolve(from.relativize(file).toString());
                Map<String, Object> unix = Files.readAttributes(file, "unix:ino,nlink", LinkOption.NOFOLLOW_LINKS);
                if ((int) unix.get("nlink") > 1) {
                    Path first = copiedInodes.putIfAbsent((Long) unix.get("ino"), target);
                    if (first != null) {
                        Files.createLink(target, first);
                        return FileVisitResult.CONTINUE;
                    }
                }
                if (attrs.isOther()) {
                    copySpecial(file, target, attrs);
                    return FileVisitResult.CONTINUE;
                }
                Files.copy(file, target, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
                if (attrs.isSymbolicLink()) {
                    // COPY_ATTRIBUTES leaves a symlink's own times (and its xattrs are rare and mostly refused)
                    setTimes(target, attrs);
                } else {
                    copyXattrs(file, target);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                // adding the children moved the directory's times
                setTimes(to.resolve(from.relativize(dir).toString()),
                        Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** A device, fifo or socket: made afresh with mknod and never opened (lchown does not open). */
    private static void copySpecial(Path source, Path target, BasicFileAttributes attrs) throws IOException {
        Map<String, Object> unix = Files.readAttributes(source, "unix:mode,rdev,uid,gid", LinkOption.NOFOLLOW_LINKS);
        long rdev = (long) unix.get("rdev");
        Linux.mknod(target, (int) unix.get("mode"), major(rdev), minor(rdev));
        Files.setAttribute(target, "unix:uid", unix.get("uid"), LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(target, "unix:gid", unix.get("gid"), LinkOption.NOFOLLOW_LINKS);
        try (PathCalls calls = new PathCalls()) {
            calls.chmod(target, (int) unix.get("mode") & 07777); // mknod's mode went through the umask
            copyXattrs(source, target);
            calls.setTimes(target, attrs.lastAccessTime(), attrs.lastModifiedTime());
        }
    }

    /** glibc's gnu_dev_major and gnu_dev_minor: the inverse of {@code Linux.makedev}. */
    static int major(long rdev) {
        return (int) (((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL));
    }

    static int minor(long rdev) {
        return (int) ((rdev & 0xff) | ((rdev >>> 12) & ~0xffL));
    }

    private static void setTimes(Path target, BasicFileAttributes attrs) throws IOException {
        Files.getFileAttributeView(target, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(attrs.lastModifiedTime(), attrs.lastAccessTime(), null);
    }

    private static void copyXattrs(Path source, Path target) throws IOException {
        for (String name : Linux.listXattrs(source)) {
            Optional<byte[]> value = Linux.getXattr(source, name);
            if (value.isPresent()) {
                Linux.setXattr(target, name, value.get());
            }
        }
    }

    /** The apparent size of the non-directories (each inode once) and the number of inodes. */
    public static Usage usage(Path root) throws IOException {
        long[] totals = new long[2];
        Set<Long> linked = new HashSet<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                totals[1]++;
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Map<String, Object> unix = Files.readAttributes(file, "unix:ino,nlink", LinkOption.NOFOLLOW_LINKS);
                if ((int) unix.get("nlink") > 1 && !linked.add((Long) unix.get("ino"))) {
                    return FileVisitResult.CONTINUE; // another name of an inode already counted
                }
                totals[0] += attrs.size();
                totals[1]++;
                return FileVisitResult.CONTINUE;
            }
        });
        return new Usage(totals[0], totals[1]);
    }
}
