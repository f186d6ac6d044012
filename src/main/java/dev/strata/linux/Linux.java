package dev.strata.linux;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
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

    private static final int ENODATA = 61;
    private static final int ERANGE = 34;

    private Linux() {
    }

    /** Shared pieces of every downcall; each function's handle lives in its own holder, built on first use. */
    private static final class Calls {
        static final Linker LINKER = Linker.nativeLinker();
        static final SymbolLookup LIBC = LINKER.defaultLookup();
        static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
        static final VarHandle ERRNO = CALL_STATE.varHandle(
                java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));
        static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");
        static final ValueLayout.OfLong SIZE_T = ValueLayout.JAVA_LONG;
        static final ValueLayout.OfLong SSIZE_T = ValueLayout.JAVA_LONG;

        static MethodHandle handle(String name, FunctionDescriptor descriptor) {
            return LINKER.downcallHandle(LIBC.find(name).orElseThrow(
                    () -> new UnsupportedOperationException("libc has no " + name)), descriptor, CAPTURE_ERRNO);
        }
    }

    // one holder per call: building a downcall handle costs ~20 ms cold, so a command pays only for what it calls
    private static final class MountCall {
        static final MethodHandle MOUNT = Calls.handle("mount", FunctionDescriptor.of(ValueLayout.JAVA_INT,
                ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                ValueLayout.ADDRESS));
    }

    private static final class UmountCall {
        static final MethodHandle UMOUNT2 = Calls.handle("umount2",
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    }

    private static final class MknodCall {
        static final MethodHandle MKNOD = Calls.handle("mknod", FunctionDescriptor.of(ValueLayout.JAVA_INT,
                ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG));
    }

    private static final class SetXattrCall {
        static final MethodHandle LSETXATTR = Calls.handle("lsetxattr", FunctionDescriptor.of(ValueLayout.JAVA_INT,
                ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS, Calls.SIZE_T, ValueLayout.JAVA_INT));
    }

    private static final class GetXattrCall {
        static final MethodHandle LGETXATTR = Calls.handle("lgetxattr", FunctionDescriptor.of(Calls.SSIZE_T,
                ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS, Calls.SIZE_T));
    }

    private static final class ListXattrCall {
        static final MethodHandle LLISTXATTR = Calls.handle("llistxattr", FunctionDescriptor.of(Calls.SSIZE_T,
                ValueLayout.ADDRESS, ValueLayout.ADDRESS, Calls.SIZE_T));
    }

    private static final class RemoveXattrCall {
        static final MethodHandle LREMOVEXATTR = Calls.handle("lremovexattr", FunctionDescriptor.of(ValueLayout.JAVA_INT,
                ValueLayout.ADDRESS, ValueLayout.ADDRESS));
    }

    private static final class StrerrorCall {
        static final MethodHandle STRERROR = Calls.LINKER.downcallHandle(Calls.LIBC.find("strerror").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    }

    private static final class Ids {
        static final MethodHandle GETEUID = Linker.nativeLinker().downcallHandle(
                Linker.nativeLinker().defaultLookup().find("geteuid").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT));
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

    /** mount(2). {@code source}, {@code fstype} and {@code data} may be null. */
    public static void mount(String source, Path target, String fstype, long flags, String data) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Calls.CALL_STATE);
            int rc = (int) MountCall.MOUNT.invokeExact(state, cString(arena, source), cString(arena, target.toString()),
                    cString(arena, fstype), flags, cString(arena, data));
            if (rc != 0) {
                throw error(state, "mount " + (fstype == null ? "" : fstype + " ") + "on " + target
                        + (data == null ? "" : " (" + abbreviate(data) + ")"));
            }
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("mount", t);
        }
    }

    /** umount2(2); with {@link #MNT_DETACH} the mount goes away once nothing uses it. */
    public static void umount(Path target, int flags) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Calls.CALL_STATE);
            int rc = (int) UmountCall.UMOUNT2.invokeExact(state, cString(arena, target.toString()), flags);
            if (rc != 0) {
                throw error(state, "unmount " + target);
            }
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("umount2", t);
        }
    }

    /** mknod(2): {@code mode} carries the file type (S_IFCHR, S_IFBLK, S_IFIFO) and permission bits. */
    public static void mknod(Path path, int mode, int major, int minor) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Calls.CALL_STATE);
            int rc = (int) MknodCall.MKNOD.invokeExact(state, cString(arena, path.toString()), mode, makedev(major, minor));
            if (rc != 0) {
                throw error(state, "mknod " + path);
            }
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("mknod", t);
        }
    }

    /** glibc's makedev: major in bits 8..19 and 32..43, minor in bits 0..7 and 20..31. */
    static long makedev(int major, int minor) {
        long ma = major & 0xffffffffL;
        long mi = minor & 0xffffffffL;
        return ((ma & 0x00000fffL) << 8) | ((ma & 0xfffff000L) << 32) | (mi & 0x000000ffL) | ((mi & 0xffffff00L) << 12);
    }

    /** Sets an extended attribute on the path itself (not a symlink's target). */
    public static void setXattr(Path path, String name, byte[] value) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Calls.CALL_STATE);
            MemorySegment bytes = arena.allocate(Math.max(1, value.length));
            MemorySegment.copy(value, 0, bytes, ValueLayout.JAVA_BYTE, 0, value.length);
            int rc = (int) SetXattrCall.LSETXATTR.invokeExact(state, cString(arena, path.toString()), cString(arena, name),
                    bytes, (long) value.length, 0);
            if (rc != 0) {
                throw error(state, "set xattr " + name + " on " + path);
            }
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("lsetxattr", t);
        }
    }

    /** Removes an extended attribute; absent is not an error. */
    public static void removeXattr(Path path, String name) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Calls.CALL_STATE);
            int rc = (int) RemoveXattrCall.LREMOVEXATTR.invokeExact(state, cString(arena, path.toString()), cString(arena, name));
            if (rc != 0 && errno(state) != ENODATA) {
                throw error(state, "remove xattr " + name + " from " + path);
            }
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("lremovexattr", t);
        }
    }

    /** Reads an extended attribute of the path itself; empty when it has none of that name. */
    public static Optional<byte[]> getXattr(Path path, String name) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Calls.CALL_STATE);
            MemorySegment cpath = cString(arena, path.toString());
            MemorySegment cname = cString(arena, name);
            for (int capacity = 256; ; capacity *= 4) {
                MemorySegment buffer = arena.allocate(capacity);
                long n = (long) GetXattrCall.LGETXATTR.invokeExact(state, cpath, cname, buffer, (long) capacity);
                if (n >= 0) {
                    return Optional.of(buffer.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE));
                }
                int errno = errno(state);
                if (errno == ENODATA) {
                    return Optional.empty();
                }
                if (errno != ERANGE || capacity > (1 << 24)) {
                    throw error(state, "get xattr " + name + " of " + path);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("lgetxattr", t);
        }
    }

    /** Names of the extended attributes of the path itself, in the order the file system lists them. */
    public static List<String> listXattrs(Path path) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Calls.CALL_STATE);
            MemorySegment cpath = cString(arena, path.toString());
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
                if (errno(state) != ERANGE || capacity > (1 << 24)) {
                    throw error(state, "list xattrs of " + path);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("llistxattr", t);
        }
    }

    private static MemorySegment cString(Arena arena, String s) {
        return s == null ? MemorySegment.NULL : arena.allocateFrom(s, StandardCharsets.UTF_8);
    }

    private static int errno(MemorySegment state) {
        return (int) Calls.ERRNO.get(state, 0L);
    }

    private static LinuxException error(MemorySegment state, String operation) {
        int errno = errno(state);
        return new LinuxException(operation, errno, strerror(errno));
    }

    static String strerror(int errno) {
        try {
            MemorySegment text = (MemorySegment) StrerrorCall.STRERROR.invokeExact(errno);
            return text.reinterpret(1024).getString(0, StandardCharsets.UTF_8);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }

    private static String abbreviate(String data) {
        return data.length() <= 200 ? data : data.substring(0, 200) + "…";
    }
}
