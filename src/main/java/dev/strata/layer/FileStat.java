package dev.strata.layer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;

/** What lstat(2) says about a path: the fields a layer records and a tree comparison looks at. */
record FileStat(int mode, int uid, int gid, long size, long mtimeSeconds, int mtimeNanos, long rdev, long dev,
                long ino, int nlink) {
    static final int S_IFMT = 0170000;
    static final int S_IFSOCK = 0140000;
    static final int S_IFLNK = 0120000;
    static final int S_IFREG = 0100000;
    static final int S_IFBLK = 0060000;
    static final int S_IFDIR = 0040000;
    static final int S_IFCHR = 0020000;
    static final int S_IFIFO = 0010000;

    private static final String ATTRIBUTES = "unix:mode,uid,gid,size,lastModifiedTime,rdev,dev,ino,nlink";

    /** The path itself, not a symlink's target. */
    static FileStat of(Path path) throws IOException {
        Map<String, Object> a = Files.readAttributes(path, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        Instant mtime = ((FileTime) a.get("lastModifiedTime")).toInstant();
        return new FileStat((Integer) a.get("mode"), (Integer) a.get("uid"), (Integer) a.get("gid"),
                (Long) a.get("size"), mtime.getEpochSecond(), mtime.getNano(), (Long) a.get("rdev"),
                (Long) a.get("dev"), (Long) a.get("ino"), (Integer) a.get("nlink"));
    }

    /** Like {@link #of}, or null when nothing is at the path. */
    static FileStat ofOrNull(Path path) throws IOException {
        try {
            return of(path);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    int type() {
        return mode & S_IFMT;
    }

    /** Permission bits with setuid, setgid and sticky. */
    int permissions() {
        return mode & 07777;
    }

    boolean isDirectory() {
        return type() == S_IFDIR;
    }

    boolean isRegularFile() {
        return type() == S_IFREG;
    }

    boolean isSymlink() {
        return type() == S_IFLNK;
    }

    /** overlayfs's whiteout: a character device with device number 0/0. */
    boolean isWhiteout() {
        return type() == S_IFCHR && rdev == 0;
    }

    /** glibc's major(): bits 8..19 and 32..43 of st_rdev. */
    int major() {
        return (int) (((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL));
    }

    /** glibc's minor(): bits 0..7 and 20..31 of st_rdev. */
    int minor() {
        return (int) ((rdev & 0xff) | ((rdev >>> 12) & ~0xffL));
    }

    /**
     * Whether two modification times are the same, the way Docker compares them: when either side has
     * no sub-second part (a file system or tool that keeps whole seconds), the seconds alone decide.
     */
    boolean sameMtime(FileStat other) {
        return mtimeSeconds == other.mtimeSeconds
                && (mtimeNanos == other.mtimeNanos || mtimeNanos == 0 || other.mtimeNanos == 0);
    }
}
