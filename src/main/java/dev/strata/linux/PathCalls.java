package dev.strata.linux;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
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
public final class PathCalls implements AutoCloseable {
    private static final int AT_FDCWD = -100;
    private static final int AT_SYMLINK_NOFOLLOW = 0x100;

    // one holder per call, made on first use: an unprivileged extraction never calls lchown
    private static final class Lchown {
        static final MethodHandle H = Libc.downcall("lchown", FunctionDescriptor.of(Libc.INT, Libc.PTR, Libc.INT, Libc.INT));
    }

    private static final class Chmod {
        static final MethodHandle H = Libc.downcall("chmod", FunctionDescriptor.of(Libc.INT, Libc.PTR, Libc.INT));
    }

    private static final class Utimensat {
        static final MethodHandle H = Libc.downcall("utimensat",
                FunctionDescriptor.of(Libc.INT, Libc.INT, Libc.PTR, Libc.PTR, Libc.INT));
    }

    private final Arena arena = Arena.ofConfined();
    private final MemorySegment state = Libc.callState(arena);
    private final MemorySegment times = arena.allocate(ValueLayout.JAVA_LONG, 4); // struct timespec[2]
    private MemorySegment pathBuffer = arena.allocate(1024);
    private Path encoded;

    /**
     * One set of buffers for many calls, for the thread that opened it: an extraction makes three calls
     * per file, and a fresh arena, path string and times struct for each would cost more than the calls.
     */
    public PathCalls() {
    }

    @Override
    public void close() {
        arena.close();
    }

    /** Owner and group of the path itself (a symlink's own, not its target's). */
    public void lchown(Path path, long uid, long gid) throws IOException {
        int rc;
        try {
            rc = (int) Lchown.H.invokeExact(state, encode(path), (int) uid, (int) gid);
        } catch (Throwable t) {
            throw new IllegalStateException("lchown", t);
        }
        check(rc, "chown " + uid + ":" + gid + " " + path);
    }

    /** Permission bits, setuid/setgid/sticky included. Never called on a symlink (Linux has no such mode). */
    public void chmod(Path path, int mode) throws IOException {
        int rc;
        try {
            rc = (int) Chmod.H.invokeExact(state, encode(path), mode);
        } catch (Throwable t) {
            throw new IllegalStateException("chmod", t);
        }
        check(rc, "chmod " + Integer.toOctalString(mode) + " " + path);
    }

    /** Access and modification times of the path itself, to the nanosecond. */
    public void setTimes(Path path, FileTime atime, FileTime mtime) throws IOException {
        Instant a = atime.toInstant();
        Instant m = mtime.toInstant();
        times.setAtIndex(ValueLayout.JAVA_LONG, 0, a.getEpochSecond());
        times.setAtIndex(ValueLayout.JAVA_LONG, 1, a.getNano());
        times.setAtIndex(ValueLayout.JAVA_LONG, 2, m.getEpochSecond());
        times.setAtIndex(ValueLayout.JAVA_LONG, 3, m.getNano());
        int rc;
        try {
            rc = (int) Utimensat.H.invokeExact(state, AT_FDCWD, encode(path), times, AT_SYMLINK_NOFOLLOW);
        } catch (Throwable t) {
            throw new IllegalStateException("utimensat", t);
        }
        check(rc, "set times of " + path);
    }

    /** The path as a C string, reusing the encoding when the same path comes again (the usual case). */
    private MemorySegment encode(Path path) {
        if (path == encoded) {
            return pathBuffer;
        }
        byte[] bytes = path.toString().getBytes(StandardCharsets.UTF_8);
        if (bytes.length + 1 > pathBuffer.byteSize()) {
            pathBuffer = arena.allocate(Math.max(bytes.length + 1, pathBuffer.byteSize() * 2));
        }
        MemorySegment.copy(bytes, 0, pathBuffer, ValueLayout.JAVA_BYTE, 0, bytes.length);
        pathBuffer.set(ValueLayout.JAVA_BYTE, bytes.length, (byte) 0);
        encoded = path;
        return pathBuffer;
    }

    private void check(int rc, String operation) throws LinuxException {
        Libc.check(rc, state, operation);
    }
}
