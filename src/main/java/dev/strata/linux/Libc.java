package dev.strata.linux;

import java.io.IOException;
import java.lang.foreign.AddressLayout;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;

/**
 * The C library as the JDK's foreign-function API reaches it, for every system call Strata makes
 * ({@link Linux}, {@link PathCalls}, the container's process and terminal calls, the snapshotter's
 * mount API): one linker and symbol lookup, one errno capture, a way to declare a function by name and
 * signature, and one mapping of a failed call's errno to a {@link LinuxException}.
 *
 * <p>Nothing here makes a handle before it is asked for one, because the CLI starts a JVM per command:
 * linking a handle costs ~3 ms cold, the first one ~20 ms more (the linker's own classes). A caller keeps
 * each handle in a static final field of a small holder class of its own, which the JVM initialises on
 * the first call and the JIT then treats as a constant:
 * <pre>
 * private static final class Mknod {
 *     static final MethodHandle H = Libc.downcall("mknod", FunctionDescriptor.of(Libc.INT, Libc.PTR, Libc.INT, Libc.LONG));
 * }
 * ...
 * Libc.call("mknod " + path,
 *         (arena, state) -> (int) Mknod.H.invokeExact(state, Libc.cString(arena, path.toString()), mode, dev));
 * </pre>
 * A call that must look at errno itself (to retry on EINTR, say) makes its own {@link #callState} in an
 * arena and reads {@link #errno} after it.
 * Layouts are those of LP64 Linux (x86_64 and aarch64 agree).
 */
public final class Libc {
    public static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    public static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG;
    /** size_t and ssize_t. */
    public static final ValueLayout.OfLong SIZE_T = ValueLayout.JAVA_LONG;
    public static final AddressLayout PTR = ValueLayout.ADDRESS;

    // errno values of Linux (the same on x86_64 and aarch64)
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EINTR = 4;
    public static final int EIO = 5;
    public static final int ECHILD = 10;
    public static final int EAGAIN = 11;
    public static final int EBUSY = 16;
    public static final int EINVAL = 22;
    public static final int ERANGE = 34;
    public static final int ENOSYS = 38;
    public static final int ENODATA = 61;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LOOKUP = LINKER.defaultLookup();

    private Libc() {
    }

    /** The errno capture: in a holder of its own, so that a call that sets no errno (geteuid) does not build it. */
    private static final class Errno {
        static final StructLayout STATE = Linker.Option.captureStateLayout();
        static final VarHandle VALUE = STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
        static final Linker.Option CAPTURE = Linker.Option.captureCallState("errno");
    }

    /** Only for explaining a failure. */
    private static final class Strerror {
        static final MethodHandle H = downcallWithoutErrno("strerror", FunctionDescriptor.of(PTR, INT));
    }

    /**
     * The function {@code name} of the C library, with errno captured: the handle takes a call state
     * ({@link #callState}) before the function's own arguments, and {@link #errno} reads it after a
     * failed call. {@code options} are further linker options (e.g. {@code firstVariadicArg}).
     *
     * @throws UnsupportedOperationException if the C library has no such function
     */
    public static MethodHandle downcall(String name, FunctionDescriptor signature, Linker.Option... options) {
        Linker.Option[] all = new Linker.Option[options.length + 1];
        all[0] = Errno.CAPTURE;
        System.arraycopy(options, 0, all, 1, options.length);
        return LINKER.downcallHandle(find(name), signature, all);
    }

    /** A function that cannot fail, or whose failure is not reported through errno: no call state. */
    public static MethodHandle downcallWithoutErrno(String name, FunctionDescriptor signature) {
        return LINKER.downcallHandle(find(name), signature);
    }

    /** Whether the C library has the function {@code name} (newer wrappers are missing from older glibc). */
    public static boolean has(String name) {
        return LOOKUP.find(name).isPresent();
    }

    private static MemorySegment find(String name) {
        return LOOKUP.find(name).orElseThrow(() -> new UnsupportedOperationException("libc has no " + name));
    }

    /** Room for the errno that a {@link #downcall} handle captures, living as long as {@code arena}. */
    public static MemorySegment callState(Arena arena) {
        return arena.allocate(Errno.STATE);
    }

    /** The errno the last call through {@code callState} left. */
    public static int errno(MemorySegment callState) {
        return (int) Errno.VALUE.get(callState, 0L);
    }

    /** {@code s} as a NUL-terminated UTF-8 string in {@code arena}; NULL for null. */
    public static MemorySegment cString(Arena arena, String s) {
        return s == null ? MemorySegment.NULL : arena.allocateFrom(s, StandardCharsets.UTF_8);
    }

    /**
     * The failure of the call that left its errno in {@code callState}. {@code operation} names the
     * call and what it was for, the path included ("mknod /x/y"), as the message begins with it.
     */
    public static LinuxException failure(MemorySegment callState, String operation) {
        return failure(errno(callState), operation);
    }

    /** One downcall, given an arena for its arguments and the call state it must pass first. */
    @FunctionalInterface
    public interface Call {
        /** The C function's result. */
        long make(Arena arena, MemorySegment callState) throws Throwable;
    }

    /**
     * Makes {@code call} with an arena and a call state of its own, for a function that returns -1 on
     * failure: its result, or the {@link #failure} of {@code operation} when that is negative.
     */
    public static long call(String operation, Call call) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = callState(arena);
            long result = call.make(arena, state);
            check(result, state, operation);
            return result;
        } catch (Throwable t) {
            throw rethrow(operation, t);
        }
    }

    /**
     * For a call that returns -1 on failure (most system calls): the {@link #failure} of {@code operation}
     * when {@code result} is negative, else nothing.
     */
    public static void check(long result, MemorySegment callState, String operation) throws LinuxException {
        if (result < 0) {
            throw failure(callState, operation);
        }
    }

    /** The failure of a call that returned {@code errno}: "OPERATION: REASON (errno N)". */
    public static LinuxException failure(int errno, String operation) {
        return new LinuxException(operation, errno, strerror(errno));
    }

    /**
     * For the {@code catch (Throwable t)} around an {@code invokeExact}, which declares Throwable: an
     * IOException comes back for the caller to throw, a RuntimeException is thrown as it is, and anything
     * else (the handle's own failure: it could not be linked, or the call did not match its type) is
     * thrown as an IllegalStateException naming {@code call}.
     */
    public static IOException rethrow(String call, Throwable t) {
        if (t instanceof IOException e) {
            return e;
        }
        if (t instanceof RuntimeException e) {
            throw e;
        }
        throw new IllegalStateException(call, t);
    }

    /** The C library's text for {@code errno} ("No such file or directory"). */
    public static String strerror(int errno) {
        try {
            MemorySegment text = (MemorySegment) Strerror.H.invokeExact(errno);
            return text.reinterpret(1024).getString(0, StandardCharsets.UTF_8);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }
}
