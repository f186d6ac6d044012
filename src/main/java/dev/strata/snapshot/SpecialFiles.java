package dev.strata.snapshot;

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
import java.util.concurrent.TimeUnit;

/**
 * chmod and times for devices and fifos by path. The JDK sets both through a descriptor it opens
 * first, and opening a fifo blocks until a writer comes: forever, in a tree copy.
 */
final class SpecialFiles {
    private static final int AT_FDCWD = -100;
    private static final int AT_SYMLINK_NOFOLLOW = 0x100;

    private SpecialFiles() {
    }

    private static final class Calls {
        static final Linker LINKER = Linker.nativeLinker();
        static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
        static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
        static final MethodHandle FCHMODAT = handle("fchmodat", FunctionDescriptor.of(ValueLayout.JAVA_INT,
                ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        static final MethodHandle UTIMENSAT = handle("utimensat", FunctionDescriptor.of(ValueLayout.JAVA_INT,
                ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
        static final MethodHandle STRERROR = LINKER.downcallHandle(LINKER.defaultLookup().find("strerror").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));

        private static MethodHandle handle(String name, FunctionDescriptor descriptor) {
            return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), descriptor,
                    Linker.Option.captureCallState("errno"));
        }
    }

    /** Sets the permission bits (setuid, setgid and sticky included) of a file that is not a symlink. */
    static void chmod(Path path, int mode) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Calls.CALL_STATE);
            int rc = (int) Calls.FCHMODAT.invokeExact(state, AT_FDCWD, arena.allocateFrom(path.toString(),
                    StandardCharsets.UTF_8), mode & 07777, 0);
            if (rc != 0) {
                throw error(state, "chmod " + path);
            }
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("fchmodat", t);
        }
    }

    /** Sets access and modification times of the path itself (not a symlink's target). */
    static void setTimes(Path path, FileTime modified, FileTime accessed) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Calls.CALL_STATE);
            MemorySegment times = arena.allocate(ValueLayout.JAVA_LONG, 4); // struct timespec[2]: atime, mtime
            times.setAtIndex(ValueLayout.JAVA_LONG, 0, accessed.to(TimeUnit.SECONDS));
            times.setAtIndex(ValueLayout.JAVA_LONG, 1, Math.floorMod(accessed.to(TimeUnit.NANOSECONDS), 1_000_000_000L));
            times.setAtIndex(ValueLayout.JAVA_LONG, 2, modified.to(TimeUnit.SECONDS));
            times.setAtIndex(ValueLayout.JAVA_LONG, 3, Math.floorMod(modified.to(TimeUnit.NANOSECONDS), 1_000_000_000L));
            int rc = (int) Calls.UTIMENSAT.invokeExact(state, AT_FDCWD, arena.allocateFrom(path.toString(),
                    StandardCharsets.UTF_8), times, AT_SYMLINK_NOFOLLOW);
            if (rc != 0) {
                throw error(state, "set times of " + path);
            }
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("utimensat", t);
        }
    }

    private static LinuxException error(MemorySegment state, String operation) {
        int errno = (int) Calls.ERRNO.get(state, 0L);
        String reason;
        try {
            reason = ((MemorySegment) Calls.STRERROR.invokeExact(errno)).reinterpret(1024).getString(0);
        } catch (Throwable t) {
            reason = "errno " + errno;
        }
        return new LinuxException(operation, errno, reason);
    }
}
