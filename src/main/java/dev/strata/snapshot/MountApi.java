package dev.strata.snapshot;

import dev.strata.linux.LinuxException;
import java.io.IOException;
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
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The kernel's file-system-context mount API (fsopen, fsconfig, fsmount, move_mount; Linux 5.2, glibc
 * 2.36) and the two calls that let one thread mount with a private working directory (unshare(CLONE_FS),
 * chdir). They live here rather than in {@code dev.strata.linux} because only {@link Mounts} uses them.
 * Every handle is optional: on a libc without the wrappers {@link #available()} is false and
 * {@link Mounts} keeps to mount(2).
 */
final class MountApi {
    static final int FSOPEN_CLOEXEC = 1;
    static final int FSCONFIG_SET_FLAG = 0;
    static final int FSCONFIG_SET_STRING = 1;
    static final int FSCONFIG_CMD_CREATE = 6;
    static final int FSMOUNT_CLOEXEC = 1;
    static final int MOUNT_ATTR_RDONLY = 0x1;
    static final int MOUNT_ATTR_NOSUID = 0x2;
    static final int MOUNT_ATTR_NODEV = 0x4;
    static final int MOUNT_ATTR_NOEXEC = 0x8;
    static final int MOVE_MOUNT_F_EMPTY_PATH = 0x4;
    static final int AT_FDCWD = -100;
    static final int CLONE_FS = 0x200;

    static final int EINVAL = 22;
    static final int ENOSYS = 38;
    static final int EPERM = 1;

    private MountApi() {
    }

    /** The linker and errno capture; the handles themselves sit in holders made on first use. */
    private static final class Calls {
        static final Linker LINKER = Linker.nativeLinker();
        static final SymbolLookup LIBC = LINKER.defaultLookup();
        static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
        static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
        static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");
        static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
        static final ValueLayout ADDRESS = ValueLayout.ADDRESS;

        static MethodHandle handle(String name, FunctionDescriptor descriptor) {
            return LINKER.downcallHandle(LIBC.find(name).orElseThrow(
                    () -> new UnsupportedOperationException("libc has no " + name)), descriptor, CAPTURE_ERRNO);
        }
    }

    /** What an overlay mount through the fs-context API needs (a cold handle costs ~10 ms to make). */
    private static final class FsContext {
        static final MethodHandle FSOPEN = Calls.handle("fsopen", FunctionDescriptor.of(Calls.INT, Calls.ADDRESS, Calls.INT));
        static final MethodHandle FSCONFIG = Calls.handle("fsconfig",
                FunctionDescriptor.of(Calls.INT, Calls.INT, Calls.INT, Calls.ADDRESS, Calls.ADDRESS, Calls.INT));
        static final MethodHandle FSMOUNT = Calls.handle("fsmount",
                FunctionDescriptor.of(Calls.INT, Calls.INT, Calls.INT, Calls.INT));
        static final MethodHandle MOVE_MOUNT = Calls.handle("move_mount",
                FunctionDescriptor.of(Calls.INT, Calls.INT, Calls.ADDRESS, Calls.INT, Calls.ADDRESS, Calls.INT));
        static final MethodHandle CLOSE = Calls.handle("close", FunctionDescriptor.of(Calls.INT, Calls.INT));
    }

    /** Only for explaining a failure. */
    private static final class Messages {
        static final MethodHandle READ = Calls.handle("read",
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, Calls.INT, Calls.ADDRESS, ValueLayout.JAVA_LONG));
        static final MethodHandle STRERROR = Calls.LINKER.downcallHandle(Calls.LIBC.find("strerror").orElseThrow(),
                FunctionDescriptor.of(Calls.ADDRESS, Calls.INT));
    }

    /** Only for the mount(2) fallback with relative paths. */
    private static final class WorkingDirectory {
        static final MethodHandle UNSHARE = Calls.handle("unshare", FunctionDescriptor.of(Calls.INT, Calls.INT));
        static final MethodHandle CHDIR = Calls.handle("chdir", FunctionDescriptor.of(Calls.INT, Calls.ADDRESS));
    }

    /** True when this libc has the fs-context wrappers (glibc 2.36 and later). */
    static boolean available() {
        return Stream.of("fsopen", "fsconfig", "fsmount", "move_mount").allMatch(name -> Calls.LIBC.find(name).isPresent());
    }

    static int fsopen(String fsType) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Calls.CALL_STATE);
            int fd = (int) FsContext.FSOPEN.invokeExact(state, cString(arena, fsType), FSOPEN_CLOEXEC);
            if (fd < 0) {
                throw error(state, "fsopen " + fsType);
            }
            return fd;
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("fsopen", t);
        }
    }

    /** fsconfig(FSCONFIG_SET_STRING) or, when {@code value} is null, FSCONFIG_SET_FLAG. */
    static void fsconfig(int fd, String key, String value) throws IOException {
        fsconfigCall(fd, value == null ? FSCONFIG_SET_FLAG : FSCONFIG_SET_STRING, key, value,
                key + (value == null ? "" : "=" + value));
    }

    static void fsconfigCreate(int fd) throws IOException {
        fsconfigCall(fd, FSCONFIG_CMD_CREATE, null, null, "create");
    }

    private static void fsconfigCall(int fd, int command, String key, String value, String what) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Calls.CALL_STATE);
            int rc = (int) FsContext.FSCONFIG.invokeExact(state, fd, command, cString(arena, key),
                    cString(arena, value), 0);
            if (rc != 0) {
                throw error(state, "fsconfig " + what);
            }
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("fsconfig", t);
        }
    }

    static int fsmount(int fd, int attributes) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Calls.CALL_STATE);
            int mountFd = (int) FsContext.FSMOUNT.invokeExact(state, fd, FSMOUNT_CLOEXEC, attributes);
            if (mountFd < 0) {
                throw error(state, "fsmount");
            }
            return mountFd;
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("fsmount", t);
        }
    }

    /** Attaches the detached mount {@code mountFd} at {@code target}. */
    static void moveMount(int mountFd, String target) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Calls.CALL_STATE);
            int rc = (int) FsContext.MOVE_MOUNT.invokeExact(state, mountFd, cString(arena, ""), AT_FDCWD,
                    cString(arena, target), MOVE_MOUNT_F_EMPTY_PATH);
            if (rc != 0) {
                throw error(state, "move_mount to " + target);
            }
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("move_mount", t);
        }
    }

    static void close(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Calls.CALL_STATE);
            int ignored = (int) FsContext.CLOSE.invokeExact(state, fd);
        } catch (Throwable t) {
            throw new IllegalStateException("close", t);
        }
    }

    /**
     * The messages the kernel queued on an fs-context descriptor ("e overlayfs: failed to resolve
     * '/x': -2"): far more telling than the bare errno of the failing call.
     */
    static List<String> contextMessages(int fd) {
        List<String> messages = new ArrayList<>();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Calls.CALL_STATE);
            MemorySegment buffer = arena.allocate(1024);
            for (int i = 0; i < 16; i++) {
                long n = (long) Messages.READ.invokeExact(state, fd, buffer, 1024L);
                if (n <= 0) {
                    break;
                }
                messages.add(new String(buffer.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8)
                        .strip());
            }
        } catch (Throwable t) {
            // the messages only decorate an error already being reported
        }
        return messages;
    }

    /**
     * Gives the calling thread its own working directory (unshare(CLONE_FS)) and moves it to {@code dir}.
     * Only for a thread that ends right after: the change never reaches the rest of the JVM.
     */
    static void chdirPrivately(String dir) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Calls.CALL_STATE);
            int rc = (int) WorkingDirectory.UNSHARE.invokeExact(state, CLONE_FS);
            if (rc != 0) {
                throw error(state, "unshare(CLONE_FS)");
            }
            rc = (int) WorkingDirectory.CHDIR.invokeExact(state, cString(arena, dir));
            if (rc != 0) {
                throw error(state, "chdir " + dir);
            }
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("unshare/chdir", t);
        }
    }

    private static MemorySegment cString(Arena arena, String s) {
        return s == null ? MemorySegment.NULL : arena.allocateFrom(s, StandardCharsets.UTF_8);
    }

    private static LinuxException error(MemorySegment state, String operation) {
        int errno = (int) Calls.ERRNO.get(state, 0L);
        return new LinuxException(operation, errno, strerror(errno));
    }

    private static String strerror(int errno) {
        try {
            MemorySegment text = (MemorySegment) Messages.STRERROR.invokeExact(errno);
            return text.reinterpret(1024).getString(0, StandardCharsets.UTF_8);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }
}
