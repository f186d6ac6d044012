package dev.strata.snapshot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Whole-tree operations on snapshot data: delete, copy, measure. */
final class FileTrees {
    private FileTrees() {
    }

    /**
     * Deletes {@code root} and everything below it; absent is fine, and so is a concurrent deleter.
     * Anything mounted inside is detached first: deleting through a mount would reach into another tree
     * (an overlay's merged view writes whiteouts into its upper, a bind mount into its source).
     */
    static void delete(Path root) throws IOException {
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
     * modes with setuid/setgid/sticky, owners, times, xattrs (trusted.* and security.capability
     * included), hardlinks within the tree, symlinks, devices, fifos. {@code cp -a} does all of that in
     * one well-tested program and was as fast as a Java walk that did less (package documentation has
     * the figures); {@code --reflink=auto} makes the copy free on btrfs and xfs.
     */
    static void copy(Path from, Path to) throws IOException {
        Process cp = new ProcessBuilder("cp", "-aT", "--reflink=auto", "--", from.toString(), to.toString())
                .redirectErrorStream(true).start();
        cp.getOutputStream().close();
        String output = new String(cp.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        int status;
        try {
            status = cp.waitFor();
        } catch (InterruptedException e) {
            cp.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("copy " + from + " to " + to + ": interrupted", e);
        }
        if (status != 0) {
            throw new IOException("copy " + from + " to " + to + ": cp exited with " + status
                    + (output.isEmpty() ? "" : ": " + output));
        }
    }

    /** The apparent size of the non-directories (each inode once) and the number of inodes. */
    static Usage usage(Path root) throws IOException {
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
