package dev.strata.build.executor.context;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What lstat(2) says of one path, as the build needs it: the file type and permission bits together
 * ({@code st_mode}), owners, size, modification time, and the inode and device that, with the size and
 * time, tell whether a remembered checksum still holds.
 */
public record PathStat(int mode, int uid, int gid, long size, long mtimeNanos, long inode, long device, long rdev,
                       int nlink) {
    public static final int S_IFMT = 0170000;
    public static final int S_IFDIR = 0040000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFLNK = 0120000;
    public static final int S_IFCHR = 0020000;
    public static final int S_IFBLK = 0060000;
    public static final int S_IFIFO = 0010000;
    public static final int S_IFSOCK = 0140000;

    private static final String ATTRIBUTES = "unix:mode,uid,gid,size,lastModifiedTime,ino,dev,rdev,nlink";

    /** The path itself, never what a symbolic link points to. */
    public static PathStat of(Path path) throws IOException {
        return from(Files.readAttributes(path, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS));
    }

    /** What the path names, symbolic links followed. */
    public static PathStat following(Path path) throws IOException {
        return from(Files.readAttributes(path, ATTRIBUTES));
    }

    private static PathStat from(Map<String, Object> a) {
        FileTime mtime = (FileTime) a.get("lastModifiedTime");
        return new PathStat((Integer) a.get("mode"), (Integer) a.get("uid"), (Integer) a.get("gid"),
                (Long) a.get("size"), mtime.to(TimeUnit.NANOSECONDS), (Long) a.get("ino"), (Long) a.get("dev"),
                (Long) a.get("rdev"), (Integer) a.get("nlink"));
    }

    public int type() {
        return mode & S_IFMT;
    }

    public boolean isDirectory() {
        return type() == S_IFDIR;
    }

    public boolean isRegular() {
        return type() == S_IFREG;
    }

    public boolean isSymlink() {
        return type() == S_IFLNK;
    }

    /** Permission, set-id and sticky bits: what chmod(2) takes. */
    public int permissions() {
        return mode & 07777;
    }

    /** Linux's encoding of a device number: major in bits 8-19 and 32-43, minor in 0-7 and 20-31. */
    public long major() {
        return ((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL);
    }

    public long minor() {
        return (rdev & 0xff) | ((rdev >>> 12) & ~0xffL);
    }
}
