package dev.strata.snapshot;

import dev.strata.linux.Libc;
import java.io.IOException;
import java.lang.foreign.AddressLayout;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
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

    private MountApi() {
    }

    // the handles sit in holders made on first use (see Libc on the cost)
    private static final ValueLayout.OfInt INT = Libc.INT;
    private static final AddressLayout PTR = Libc.PTR;

    /** What an overlay mount through the fs-context API needs (a cold handle costs ~10 ms to make). */
    private static final class FsContext {
        static final MethodHandle FSOPEN = Libc.downcall("fsopen", FunctionDescriptor.of(INT, PTR, INT));
        static final MethodHandle FSCONFIG = Libc.downcall("fsconfig",
                FunctionDescriptor.of(INT, INT, INT, PTR, PTR, INT));
        static final MethodHandle FSMOUNT = Libc.downcall("fsmount",
                FunctionDescriptor.of(INT, INT, INT, INT));
        static final MethodHandle MOVE_MOUNT = Libc.downcall("move_mount",
                FunctionDescriptor.of(INT, INT, PTR, INT, PTR, INT));
    }

    /** Only for explaining a failure. */
    private static final class Messages {
        static final MethodHandle READ = Libc.downcall("read",
                FunctionDescriptor.of(Libc.SIZE_T, INT, PTR, Libc.SIZE_T));
    }

    /** Only for the mount(2) fallback with relative paths. */
    private static final class WorkingDirectory {
        static final MethodHandle UNSHARE = Libc.downcall("unshare", FunctionDescriptor.of(INT, INT));
        static final MethodHandle CHDIR = Libc.downcall("chdir", FunctionDescriptor.of(INT, PTR));
    }

    /** True when this libc has the fs-context wrappers (glibc 2.36 and later). */
    static boolean available() {
        return Stream.of("fsopen", "fsconfig", "fsmount", "move_mount").allMatch(Libc::has);
    }

    static int fsopen(String fsType) throws IOException {
        return (int) Libc.call("fsopen " + fsType,
                (arena, state) -> (int) FsContext.FSOPEN.invokeExact(state, Libc.cString(arena, fsType), FSOPEN_CLOEXEC));
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
        Libc.call("fsconfig " + what, (arena, state) -> (int) FsContext.FSCONFIG.invokeExact(state, fd, command,
                Libc.cString(arena, key), Libc.cString(arena, value), 0));
    }

    static int fsmount(int fd, int attributes) throws IOException {
        return (int) Libc.call("fsmount",
                (arena, state) -> (int) FsContext.FSMOUNT.invokeExact(state, fd, FSMOUNT_CLOEXEC, attributes));
    }

    /** Attaches the detached mount {@code mountFd} at {@code target}. */
    static void moveMount(int mountFd, String target) throws IOException {
        Libc.call("move_mount to " + target, (arena, state) -> (int) FsContext.MOVE_MOUNT.invokeExact(state, mountFd,
                Libc.cString(arena, ""), AT_FDCWD, Libc.cString(arena, target), MOVE_MOUNT_F_EMPTY_PATH));
    }

    /**
     * The messages the kernel queued on an fs-context descriptor ("e overlayfs: failed to resolve
     * '/x': -2"): far more telling than the bare errno of the failing call.
     */
    static List<String> contextMessages(int fd) {
        List<String> messages = new ArrayList<>();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.callState(arena);
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
            MemorySegment state = Libc.callState(arena);
            int rc = (int) WorkingDirectory.UNSHARE.invokeExact(state, CLONE_FS);
            Libc.check(rc, state, "unshare(CLONE_FS)");
            rc = (int) WorkingDirectory.CHDIR.invokeExact(state, Libc.cString(arena, dir));
            Libc.check(rc, state, "chdir " + dir);
        } catch (Throwable t) {
            throw Libc.rethrow("unshare/chdir", t);
        }
    }
}
