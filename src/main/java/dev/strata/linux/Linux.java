package dev.strata.linux;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The few Linux system calls the JDK does not expose: mount(2), umount2(2), mknod(2) and the
 * l*xattr(2) family (the JDK's UserDefinedFileAttributeView only reaches the {@code user.} namespace,
 * while overlayfs keeps its markers under {@code trusted.}). Called through the JDK's foreign-function
 * API, so there is no native code of ours to build. Each handle is looked up on first use, so a command
 * that never mounts pays nothing for it.
 */
public final class Linux {
    public static final long MS_RDONLY = 1;
    public static final long MS_NOSUID = 2;
    public static final long MS_NODEV = 4;
    public static final long MS_NOEXEC = 8;
    public static final long MS_REMOUNT = 32;
    public static final long MS_BIND = 4096;
    public static final long MS_REC = 16384;
    public static final long MS_PRIVATE = 1 << 18;

    public static final int MNT_DETACH = 2;

    public static final int S_IFCHR = 0020000;
    public static final int S_IFBLK = 0060000;
    public static final int S_IFIFO = 0010000;

    private Linux() {
    }

    // one holder per call: a command links only the handles it calls (see Libc on the cost)
    private static final class MountCall {
        static final MethodHandle MOUNT = Libc.downcall("mount",
                FunctionDescriptor.of(Libc.INT, Libc.PTR, Libc.PTR, Libc.PTR, Libc.LONG, Libc.PTR));
    }

    private static final class UmountCall {
        static final MethodHandle UMOUNT2 = Libc.downcall("umount2", FunctionDescriptor.of(Libc.INT, Libc.PTR, Libc.INT));
    }

    private static final class MknodCall {
        static final MethodHandle MKNOD = Libc.downcall("mknod",
                FunctionDescriptor.of(Libc.INT, Libc.PTR, Libc.INT, Libc.LONG));
    }

    private static final class SetXattrCall {
        static final MethodHandle LSETXATTR = Libc.downcall("lsetxattr",
                FunctionDescriptor.of(Libc.INT, Libc.PTR, Libc.PTR, Libc.PTR, Libc.SIZE_T, Libc.INT));
    }

    private static final class GetXattrCall {
        static final MethodHandle LGETXATTR = Libc.downcall("lgetxattr",
                FunctionDescriptor.of(Libc.SIZE_T, Libc.PTR, Libc.PTR, Libc.PTR, Libc.SIZE_T));
    }

    private static final class ListXattrCall {
        static final MethodHandle LLISTXATTR = Libc.downcall("llistxattr",
                FunctionDescriptor.of(Libc.SIZE_T, Libc.PTR, Libc.PTR, Libc.SIZE_T));
    }

    private static final class RemoveXattrCall {
        static final MethodHandle LREMOVEXATTR = Libc.downcall("lremovexattr",
                FunctionDescriptor.of(Libc.INT, Libc.PTR, Libc.PTR));
    }

    private static final class CloseCall {
        static final MethodHandle CLOSE = Libc.downcall("close", FunctionDescriptor.of(Libc.INT, Libc.INT));
    }

    private static final class Ids {
        static final MethodHandle GETEUID = Libc.downcallWithoutErrno("geteuid", FunctionDescriptor.of(Libc.INT));
    }

    /** The effective user ID of this process. */
    public static int geteuid() {
        try {
            return (int) Ids.GETEUID.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException("geteuid", t);
        }
    }

    public static boolean isRoot() {
        return geteuid() == 0;
    }

    /**
     * close(2), never retried: on Linux the descriptor is gone even when close reports EINTR. A negative
     * {@code fd} (none) is left alone.
     */
    public static void close(int fd) {
        if (fd < 0) {
            return;
        }
        try (Arena arena = Arena.ofConfined()) {
            int ignored = (int) CloseCall.CLOSE.invokeExact(Libc.callState(arena), fd);
        } catch (Throwable t) {
            throw new IllegalStateException("close", t);
        }
    }

    /** mount(2). {@code source}, {@code fstype} and {@code data} may be null. */
    public static void mount(String source, Path target, String fstype, long flags, String data) throws IOException {
        Libc.call("mount " + (fstype == null ? "" : fstype + " ") + "on " + target
                        + (data == null ? "" : " (" + abbreviate(data) + ")"),
                (arena, state) -> (int) MountCall.MOUNT.invokeExact(state, Libc.cString(arena, source),
                        Libc.cString(arena, target.toString()), Libc.cString(arena, fstype), flags, Libc.cString(arena, data)));
    }

    /** umount2(2); with {@link #MNT_DETACH} the mount goes away once nothing uses it. */
    public static void umount(Path target, int flags) throws IOException {
        Libc.call("unmount " + target,
                (arena, state) -> (int) UmountCall.UMOUNT2.invokeExact(state, Libc.cString(arena, target.toString()), flags));
    }

    /** mknod(2): {@code mode} carries the file type (S_IFCHR, S_IFBLK, S_IFIFO) and permission bits. */
    public static void mknod(Path path, int mode, int major, int minor) throws IOException {
        Libc.call("mknod " + path, (arena, state) -> (int) MknodCall.MKNOD.invokeExact(state,
                Libc.cString(arena, path.toString()), mode, makedev(major, minor)));
    }

    /** glibc's makedev: major in bits 8..19 and 32..43, minor in bits 0..7 and 20..31. */
    static long makedev(int major, int minor) {
        long ma = major & 0xffffffffL;
        long mi = minor & 0xffffffffL;
        return ((ma & 0x00000fffL) << 8) | ((ma & 0xfffff000L) << 32) | (mi & 0x000000ffL) | ((mi & 0xffffff00L) << 12);
    }

    /** Sets an extended attribute on the path itself (not a symlink's target). */
    public static void setXattr(Path path, String name, byte[] value) throws IOException {
        Libc.call("set xattr " + name + " on " + path, (arena, state) -> {
            MemorySegment bytes = arena.allocate(Math.max(1, value.length));
            MemorySegment.copy(value, 0, bytes, ValueLayout.JAVA_BYTE, 0, value.length);
            return (int) SetXattrCall.LSETXATTR.invokeExact(state, Libc.cString(arena, path.toString()),
                    Libc.cString(arena, name), bytes, (long) value.length, 0);
        });
    }

    /** Removes an extended attribute; absent is not an error. */
    public static void removeXattr(Path path, String name) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.callState(arena);
            int rc = (int) RemoveXattrCall.LREMOVEXATTR.invokeExact(state, Libc.cString(arena, path.toString()), Libc.cString(arena, name));
            if (rc != 0 && Libc.errno(state) != Libc.ENODATA) {
                throw Libc.failure(state, "remove xattr " + name + " from " + path);
            }
        } catch (Throwable t) {
            throw Libc.rethrow("lremovexattr", t);
        }
    }

    /** Reads an extended attribute of the path itself; empty when it has none of that name. */
    public static Optional<byte[]> getXattr(Path path, String name) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.callState(arena);
            MemorySegment cpath = Libc.cString(arena, path.toString());
            MemorySegment cname = Libc.cString(arena, name);
            for (int capacity = 256; ; capacity *= 4) {
                MemorySegment buffer = arena.allocate(capacity);
                long n = (long) GetXattrCall.LGETXATTR.invokeExact(state, cpath, cname, buffer, (long) capacity);
                if (n >= 0) {
                    return Optional.of(buffer.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE));
                }
                int errno = Libc.errno(state);
                if (errno == Libc.ENODATA) {
                    return Optional.empty();
                }
                if (errno != Libc.ERANGE || capacity > (1 << 24)) {
                    throw Libc.failure(state, "get xattr " + name + " of " + path);
                }
            }
        } catch (Throwable t) {
            throw Libc.rethrow("lgetxattr", t);
        }
    }

    /** Names of the extended attributes of the path itself, in the order the file system lists them. */
    public static List<String> listXattrs(Path path) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.callState(arena);
            MemorySegment cpath = Libc.cString(arena, path.toString());
            for (int capacity = 1024; ; capacity *= 4) {
                MemorySegment buffer = arena.allocate(capacity);
                long n = (long) ListXattrCall.LLISTXATTR.invokeExact(state, cpath, buffer, (long) capacity);
                if (n >= 0) {
                    List<String> names = new ArrayList<>();
                    byte[] raw = buffer.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE);
                    int start = 0;
                    for (int i = 0; i < raw.length; i++) {
                        if (raw[i] == 0) {
                            if (i > start) {
                                names.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
                            }
                            start = i + 1;
                        }
                    }
                    return names;
                }
                if (Libc.errno(state) != Libc.ERANGE || capacity > (1 << 24)) {
                    throw Libc.failure(state, "list xattrs of " + path);
                }
            }
        } catch (Throwable t) {
            throw Libc.rethrow("llistxattr", t);
        }
    }

    private static String abbreviate(String data) {
        return data.length() <= 200 ? data : data.substring(0, 200) + "…";
    }
}
