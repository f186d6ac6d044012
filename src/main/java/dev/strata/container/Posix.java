package dev.strata.container;

import dev.strata.linux.Libc;
import dev.strata.linux.Linux;
import java.io.IOException;
import java.lang.foreign.AddressLayout;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The process, terminal and socket calls that running containers need and the JDK lacks: becoming a
 * child subreaper and waiting for a reparented container process, sending any signal, driving a
 * pseudo-terminal master, and receiving that master from the runtime over a unix socket with SCM_RIGHTS
 * (the JDK's unix-domain channels cannot receive file descriptors). Struct offsets are those of LP64
 * Linux (x86_64 and aarch64 agree).
 */
final class Posix {
    static final int SIGHUP = 1;
    static final int SIGINT = 2;
    static final int SIGKILL = 9;
    static final int SIGTERM = 15;
    static final int SIGWINCH = 28;

    private static final int O_CLOEXEC = 02000000;
    private static final int AF_UNIX = 1;
    private static final int SOCK_STREAM = 1;
    private static final int SOCK_CLOEXEC = O_CLOEXEC;
    private static final int SOL_SOCKET = 1;
    private static final int SCM_RIGHTS = 1;
    private static final short POLLIN = 1;
    private static final long TIOCGWINSZ = 0x5413;
    private static final long TIOCSWINSZ = 0x5414;
    private static final int PR_SET_CHILD_SUBREAPER = 36;
    private static final int TCSANOW = 0;
    /** glibc's struct termios is 60 bytes; a little room to spare. */
    private static final int TERMIOS_SIZE = 64;

    private Posix() {
    }

    // Each function's handle lives in its own holder class below, created on first use (see Libc on
    // the cost): most commands need two or three of them, or none.
    private static final ValueLayout.OfInt INT = Libc.INT;
    private static final ValueLayout.OfLong LONG = Libc.LONG;
    private static final AddressLayout PTR = Libc.PTR;

    private static final class Read {
        static final MethodHandle H = Libc.downcall("read", FunctionDescriptor.of(LONG, INT, PTR, LONG));
    }

    private static final class Write {
        static final MethodHandle H = Libc.downcall("write", FunctionDescriptor.of(LONG, INT, PTR, LONG));
    }

    private static final class Isatty {
        static final MethodHandle H = Libc.downcall("isatty", FunctionDescriptor.of(INT, INT));
    }

    private static final class Ioctl {
        static final MethodHandle H = Libc.downcall("ioctl", FunctionDescriptor.of(INT, INT, LONG, PTR),
                Linker.Option.firstVariadicArg(2));
    }

    private static final class Termios {
        static final MethodHandle GET = Libc.downcall("tcgetattr", FunctionDescriptor.of(INT, INT, PTR));
        static final MethodHandle SET = Libc.downcall("tcsetattr",
                FunctionDescriptor.of(INT, INT, INT, PTR));
        static final MethodHandle MAKE_RAW = Libc.downcallWithoutErrno("cfmakeraw", FunctionDescriptor.ofVoid(PTR));
    }

    private static final class Prctl {
        static final MethodHandle H = Libc.downcall("prctl",
                FunctionDescriptor.of(INT, INT, LONG, LONG, LONG, LONG),
                Linker.Option.firstVariadicArg(1));
    }

    private static final class Waitpid {
        static final MethodHandle H = Libc.downcall("waitpid", FunctionDescriptor.of(INT, INT, PTR, INT));
    }

    private static final class Kill {
        static final MethodHandle H = Libc.downcall("kill", FunctionDescriptor.of(INT, INT, INT));
    }

    private static final class Sockets {
        static final MethodHandle SOCKET = Libc.downcall("socket", FunctionDescriptor.of(INT, INT, INT, INT));
        static final MethodHandle BIND = Libc.downcall("bind", FunctionDescriptor.of(INT, INT, PTR, INT));
        static final MethodHandle LISTEN = Libc.downcall("listen", FunctionDescriptor.of(INT, INT, INT));
        static final MethodHandle ACCEPT4 = Libc.downcall("accept4",
                FunctionDescriptor.of(INT, INT, PTR, PTR, INT));
        static final MethodHandle POLL = Libc.downcall("poll", FunctionDescriptor.of(INT, PTR, LONG, INT));
        static final MethodHandle RECVMSG = Libc.downcall("recvmsg", FunctionDescriptor.of(LONG, INT, PTR, INT));
    }

    /**
     * Reads up to {@code length} bytes; -1 at end of input. A terminal master reports EIO once every
     * slave descriptor is closed, which is its end of input.
     */
    static int read(int fd, byte[] buffer, int offset, int length) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.callState(arena);
            MemorySegment native_ = arena.allocate(Math.max(1, length));
            while (true) {
                long n = (long) Read.H.invokeExact(state, fd, native_, (long) length);
                if (n > 0) {
                    MemorySegment.copy(native_, ValueLayout.JAVA_BYTE, 0, buffer, offset, (int) n);
                    return (int) n;
                }
                if (n == 0) {
                    return -1;
                }
                int errno = Libc.errno(state);
                if (errno == Libc.EINTR || errno == Libc.EAGAIN) {
                    continue;
                }
                if (errno == Libc.EIO) {
                    return -1;
                }
                throw Libc.failure(errno, "read fd " + fd);
            }
        } catch (Throwable t) {
            throw Libc.rethrow("read", t);
        }
    }

    static void writeFully(int fd, byte[] buffer, int offset, int length) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.callState(arena);
            MemorySegment native_ = arena.allocate(Math.max(1, length));
            MemorySegment.copy(buffer, offset, native_, ValueLayout.JAVA_BYTE, 0, length);
            long done = 0;
            while (done < length) {
                long n = (long) Write.H.invokeExact(state, fd, native_.asSlice(done), length - done);
                if (n < 0) {
                    int errno = Libc.errno(state);
                    if (errno == Libc.EINTR || errno == Libc.EAGAIN) {
                        continue;
                    }
                    throw Libc.failure(errno, "write fd " + fd);
                }
                done += n;
            }
        } catch (Throwable t) {
            throw Libc.rethrow("write", t);
        }
    }

    static boolean isatty(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.callState(arena);
            return (int) Isatty.H.invokeExact(state, fd) == 1;
        } catch (Throwable t) {
            return false;
        }
    }

    /** A terminal's size in character cells. */
    record WindowSize(int rows, int columns) {
    }

    static Optional<WindowSize> windowSize(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.callState(arena);
            MemorySegment ws = arena.allocate(8);
            int rc = (int) Ioctl.H.invokeExact(state, fd, TIOCGWINSZ, ws);
            if (rc != 0) {
                return Optional.empty();
            }
            int rows = Short.toUnsignedInt(ws.get(ValueLayout.JAVA_SHORT, 0));
            int columns = Short.toUnsignedInt(ws.get(ValueLayout.JAVA_SHORT, 2));
            return rows == 0 && columns == 0 ? Optional.empty() : Optional.of(new WindowSize(rows, columns));
        } catch (Throwable t) {
            return Optional.empty();
        }
    }

    static void setWindowSize(int fd, WindowSize size) throws IOException {
        Libc.call("resize terminal", (arena, state) -> {
            MemorySegment ws = arena.allocate(8);
            ws.set(ValueLayout.JAVA_SHORT, 0, (short) size.rows());
            ws.set(ValueLayout.JAVA_SHORT, 2, (short) size.columns());
            return (int) Ioctl.H.invokeExact(state, fd, TIOCSWINSZ, ws);
        });
    }

    /** Puts the terminal on {@code fd} in raw mode and returns its previous settings for {@link #restoreTerminal}. */
    static byte[] makeRaw(int fd) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.callState(arena);
            MemorySegment termios = arena.allocate(TERMIOS_SIZE);
            int rc = (int) Termios.GET.invokeExact(state, fd, termios);
            Libc.check(rc, state, "tcgetattr");
            byte[] saved = termios.toArray(ValueLayout.JAVA_BYTE);
            Termios.MAKE_RAW.invokeExact(termios);
            rc = (int) Termios.SET.invokeExact(state, fd, TCSANOW, termios);
            Libc.check(rc, state, "tcsetattr");
            return saved;
        } catch (Throwable t) {
            throw Libc.rethrow("tcsetattr", t);
        }
    }

    static void restoreTerminal(int fd, byte[] saved) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.callState(arena);
            MemorySegment termios = arena.allocate(TERMIOS_SIZE);
            MemorySegment.copy(saved, 0, termios, ValueLayout.JAVA_BYTE, 0, saved.length);
            int rc = (int) Termios.SET.invokeExact(state, fd, TCSANOW, termios);
        } catch (Throwable t) {
            // best effort: we are leaving anyway
        }
    }

    /**
     * Makes this process the reaper of its orphaned descendants, so a container process whose runtime
     * parent ({@code runc create}, {@code runc exec -d}) has exited becomes our child and we can wait
     * for its exit status, as containerd's shim does.
     */
    static void becomeSubreaper() throws IOException {
        Libc.call("prctl(PR_SET_CHILD_SUBREAPER)",
                (arena, state) -> (int) Prctl.H.invokeExact(state, PR_SET_CHILD_SUBREAPER, 1L, 0L, 0L, 0L));
    }

    /**
     * Waits for child {@code pid} to end and returns its exit code the way a shell reports it: the exit
     * status, or 128 + the signal that killed it. Empty if it is not our child (someone else reaped it).
     */
    static Optional<Integer> waitForExit(int pid) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.callState(arena);
            MemorySegment status = arena.allocate(ValueLayout.JAVA_INT);
            while (true) {
                int rc = (int) Waitpid.H.invokeExact(state, pid, status, 0);
                if (rc == pid) {
                    int s = status.get(ValueLayout.JAVA_INT, 0);
                    int signal = s & 0x7f;
                    return Optional.of(signal == 0 ? (s >> 8) & 0xff : 128 + signal);
                }
                int errno = Libc.errno(state);
                if (rc < 0 && errno == Libc.EINTR) {
                    continue;
                }
                if (rc < 0 && errno == Libc.ECHILD) {
                    return Optional.empty();
                }
                throw Libc.failure(errno, "waitpid " + pid);
            }
        } catch (Throwable t) {
            throw Libc.rethrow("waitpid", t);
        }
    }

    /** Sends a signal; false if there is no such process. */
    static boolean kill(int pid, int signal) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.callState(arena);
            int rc = (int) Kill.H.invokeExact(state, pid, signal);
            if (rc == 0) {
                return true;
            }
            if (Libc.errno(state) == Libc.ESRCH) {
                return false;
            }
            throw Libc.failure(state, "kill " + pid);
        } catch (Throwable t) {
            throw Libc.rethrow("kill", t);
        }
    }

    static int getpid() {
        return (int) ProcessHandle.current().pid();
    }

    // ---- unix sockets, for the runtime's --console-socket ----

    /** A listening unix stream socket bound at {@code path} (at most 107 bytes long). */
    static int listenUnix(Path path) throws IOException {
        byte[] name = path.toString().getBytes(StandardCharsets.UTF_8);
        if (name.length > 107) {
            throw new IOException("socket path too long (" + name.length + " bytes, at most 107): " + path);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.callState(arena);
            int fd = (int) Sockets.SOCKET.invokeExact(state, AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
            Libc.check(fd, state, "socket");
            // struct sockaddr_un { sa_family_t sun_family; char sun_path[108]; }
            MemorySegment address = arena.allocate(110);
            address.set(ValueLayout.JAVA_SHORT, 0, (short) AF_UNIX);
            MemorySegment.copy(name, 0, address, ValueLayout.JAVA_BYTE, 2, name.length);
            int rc = (int) Sockets.BIND.invokeExact(state, fd, address, 2 + name.length + 1);
            if (rc != 0) {
                IOException e = Libc.failure(state, "bind " + path);
                Linux.close(fd);
                throw e;
            }
            rc = (int) Sockets.LISTEN.invokeExact(state, fd, 1);
            if (rc != 0) {
                IOException e = Libc.failure(state, "listen " + path);
                Linux.close(fd);
                throw e;
            }
            return fd;
        } catch (Throwable t) {
            throw Libc.rethrow("socket", t);
        }
    }

    /** True if {@code fd} has something to read (or a connection to accept) within the timeout. */
    static boolean pollReadable(int fd, int timeoutMillis) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.callState(arena);
            MemorySegment pollfd = arena.allocate(8);
            pollfd.set(ValueLayout.JAVA_INT, 0, fd);
            pollfd.set(ValueLayout.JAVA_SHORT, 4, POLLIN);
            int rc = (int) Sockets.POLL.invokeExact(state, pollfd, 1L, timeoutMillis);
            if (rc < 0 && Libc.errno(state) == Libc.EINTR) {
                return false;
            }
            Libc.check(rc, state, "poll");
            return rc > 0;
        } catch (Throwable t) {
            throw Libc.rethrow("poll", t);
        }
    }

    static int accept(int listener) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.callState(arena);
            while (true) {
                int fd = (int) Sockets.ACCEPT4.invokeExact(state, listener, MemorySegment.NULL, MemorySegment.NULL,
                        SOCK_CLOEXEC);
                if (fd < 0 && Libc.errno(state) == Libc.EINTR) {
                    continue;
                }
                Libc.check(fd, state, "accept");
                return fd;
            }
        } catch (Throwable t) {
            throw Libc.rethrow("accept", t);
        }
    }

    /** Receives one message carrying a file descriptor in an SCM_RIGHTS control message; returns that descriptor. */
    static int receiveFd(int connection) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.callState(arena);
            MemorySegment data = arena.allocate(4096);
            MemorySegment iov = arena.allocate(16);
            iov.set(ValueLayout.ADDRESS, 0, data);
            iov.set(ValueLayout.JAVA_LONG, 8, data.byteSize());
            MemorySegment control = arena.allocate(64);
            MemorySegment header = arena.allocate(56);
            header.set(ValueLayout.ADDRESS, 16, iov);
            header.set(ValueLayout.JAVA_LONG, 24, 1L);
            header.set(ValueLayout.ADDRESS, 32, control);
            header.set(ValueLayout.JAVA_LONG, 40, control.byteSize());
            long n;
            while (true) {
                n = (long) Sockets.RECVMSG.invokeExact(state, connection, header, O_CLOEXEC /* MSG_CMSG_CLOEXEC */);
                if (n < 0 && Libc.errno(state) == Libc.EINTR) {
                    continue;
                }
                break;
            }
            if (n < 0) {
                throw Libc.failure(state, "recvmsg");
            }
            long controlLength = header.get(ValueLayout.JAVA_LONG, 40);
            if (controlLength < 20) {
                throw new IOException("the runtime sent no terminal on the console socket");
            }
            // struct cmsghdr { size_t cmsg_len; int cmsg_level; int cmsg_type; unsigned char data[]; }
            int level = control.get(ValueLayout.JAVA_INT, 8);
            int type = control.get(ValueLayout.JAVA_INT, 12);
            if (level != SOL_SOCKET || type != SCM_RIGHTS) {
                throw new IOException("unexpected control message on the console socket (level " + level + ", type " + type + ")");
            }
            return control.get(ValueLayout.JAVA_INT, 16);
        } catch (Throwable t) {
            throw Libc.rethrow("recvmsg", t);
        }
    }
}
