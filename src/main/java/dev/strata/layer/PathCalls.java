package dev.strata.layer;

import dev.strata.linux.LinuxException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/**
 * lchown(2), chmod(2) and utimensat(2) on a path, through the FFM API. The JDK's own way to set times
 * and modes without following links opens the file first (and then calls futimens or fchmod): opening
 * a FIFO for reading blocks until a writer comes, and opening a device node can do whatever that
 * device does on open. A layer holds both, so these calls act on the path, never opening it.
 */
final class PathCalls {
    private static final int AT_FDCWD = -100;
    private static final int AT_SYMLINK_NOFOLLOW = 0x100;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    private static final MethodHandle LCHOWN = handle("lchown", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle CHMOD = handle("chmod", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle UTIMENSAT = handle("utimensat", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle STRERROR = LINKER.downcallHandle(
            LINKER.defaultLookup().find("strerror").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));

    private PathCalls() {
    }

    /** Owner and group of the path itself (a symlink's own, not its target's). */
    static void lchown(Path path, long uid, long gid) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int rc = (int) LCHOWN.invokeExact(state, cString(arena, path), (int) uid, (int) gid);
            check(rc, state, "chown " + uid + ":" + gid + " " + path);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("lchown", t);
        }
    }

    /** Permission bits, setuid/setgid/sticky included. Never called on a symlink (Linux has no such mode). */
    static void chmod(Path path, int mode) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int rc = (int) CHMOD.invokeExact(state, cString(arena, path), mode);
            check(rc, state, "chmod " + Integer.toOctalString(mode) + " " + path);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("chmod", t);
        }
    }

    /** Access and modification times of the path itself, to the nanosecond. */
    static void setTimes(Path path, FileTime atime, FileTime mtime) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            MemorySegment times = arena.allocate(ValueLayout.JAVA_LONG, 4); // struct timespec[2]
            Instant a = atime.toInstant();
            Instant m = mtime.toInstant();
            times.setAtIndex(ValueLayout.JAVA_LONG, 0, a.getEpochSecond());
            times.setAtIndex(ValueLayout.JAVA_LONG, 1, a.getNano());
            times.setAtIndex(ValueLayout.JAVA_LONG, 2, m.getEpochSecond());
            times.setAtIndex(ValueLayout.JAVA_LONG, 3, m.getNano());
            int rc = (int) UTIMENSAT.invokeExact(state, AT_FDCWD, cString(arena, path), times, AT_SYMLINK_NOFOLLOW);
            check(rc, state, "set times of " + path);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("utimensat", t);
        }
    }

    private static MethodHandle handle(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(
                () -> new UnsupportedOperationException("libc has no " + name)), descriptor, CAPTURE_ERRNO);
    }

    private static MemorySegment cString(Arena arena, Path path) {
        return arena.allocateFrom(path.toString(), StandardCharsets.UTF_8);
    }

    private static void check(int rc, MemorySegment state, String operation) throws LinuxException {
        if (rc != 0) {
            int errno = (int) ERRNO.get(state, 0L);
            throw new LinuxException(operation, errno, strerror(errno));
        }
    }

    private static String strerror(int errno) {
        try {
            MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
            return text.reinterpret(1024).getString(0, StandardCharsets.UTF_8);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }
}
