package dev.strata.network.netns;

import dev.strata.linux.Linux;
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
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Network namespaces kept alive by a bind mount of their nsfs file on an empty file, as {@code ip netns add}
 * keeps them: the namespace lives until the mount goes, whoever made it and whatever runs in it.
 *
 * <p>A namespace is made without a child process: a fresh platform thread calls {@code unshare(CLONE_NEWNET)},
 * which moves only that thread, binds {@code /proc/thread-self/ns/net} onto the file and ends; the JVM's
 * other threads never leave the host's namespace.
 */
public final class NetNamespace {
    private static final int CLONE_NEWNET = 0x40000000;

    private NetNamespace() {
    }

    private static final class Unshare {
        static final Linker LINKER = Linker.nativeLinker();
        static final StructLayout STATE = Linker.Option.captureStateLayout();
        static final VarHandle ERRNO = STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
        static final MethodHandle UNSHARE = LINKER.downcallHandle(LINKER.defaultLookup().find("unshare").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT), Linker.Option.captureCallState("errno"));
    }

    /** Makes a new network namespace (loopback only, down) and pins it at {@code file}, which must not exist yet. */
    public static void create(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.createFile(file);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = Thread.ofPlatform().name("strata-netns").unstarted(() -> {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment state = arena.allocate(Unshare.STATE);
                int rc = (int) Unshare.UNSHARE.invokeExact(state, CLONE_NEWNET);
                if (rc != 0) {
                    int errno = (int) Unshare.ERRNO.get(state, 0L);
                    throw new LinuxException("unshare(CLONE_NEWNET)", errno,
                            errno == 1 ? "operation not permitted (root is needed)" : "failed");
                }
                Linux.mount("/proc/thread-self/ns/net", file, null, Linux.MS_BIND, null);
            } catch (Throwable t) {
                failure.set(t);
            }
            // the thread ends here, and with it the last reference to the namespace but the mount's
        });
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while making a network namespace");
        }
        if (failure.get() != null) {
            Files.deleteIfExists(file);
            Throwable t = failure.get();
            throw t instanceof IOException io ? io : new IOException("cannot make a network namespace at " + file, t);
        }
    }

    /** Whether {@code file} pins a namespace: a mount point of its own, on another device than its directory. */
    public static boolean pinned(Path file) {
        try {
            Object dev = Files.getAttribute(file, "unix:dev");
            Object parent = Files.getAttribute(file.getParent(), "unix:dev");
            return !dev.equals(parent);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * Unpins and deletes {@code file}. The namespace itself goes when its last user does (the kernel then
     * deletes the interfaces left in it). Nothing there is no error.
     */
    public static void remove(Path file) throws IOException {
        if (!Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        while (pinned(file)) {
            try {
                Linux.umount(file, Linux.MNT_DETACH);
            } catch (LinuxException e) {
                if (e.errno() == 22 && !pinned(file)) {
                    break; // EINVAL: unmounted meanwhile
                }
                throw e;
            }
        }
        try {
            Files.delete(file);
        } catch (NoSuchFileException gone) {
            // removed meanwhile
        }
    }
}
