package dev.strata.container;

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

    private static final int EINTR = 4;
    private static final int EAGAIN = 11;
    private static final int EIO = 5;
    private static final int ESRCH = 3;
    private static final int ECHILD = 10;
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

    /**
     * The linker and errno capture, shared by every call. Each function's handle lives in its own holder
     * class below, created on first use: linking a handle costs milliseconds (the first one over a hundred),
     * and most commands need two or three of them, or none.
     */
    private static final class Calls {
        static final Linker LINKER = Linker.nativeLinker();
        static final SymbolLookup LIBC = LINKER.defaultLookup();
        static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
        static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
        static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");
        static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
        static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG;
        static final java.lang.foreign.AddressLayout PTR = ValueLayout.ADDRESS;

        static MemorySegment find(String name) {
            return LIBC.find(name).orElseThrow(() -> new UnsupportedOperationException("libc has no " + name));
        }

        static MethodHandle handle(String name, FunctionDescriptor descriptor, Linker.Option... extra) {
            Linker.Option[] options = new Linker.Option[extra.length + 1];
            options[0] = CAPTURE_ERRNO;
            System.arraycopy(extra, 0, options, 1, extra.length);
            return LINKER.downcallHandle(find(name), descriptor, options);
        }
    }

    private static final class Close {
        static final MethodHandle H = Calls.handle("close", FunctionDescriptor.of(Calls.INT, Calls.INT));
    }

    private static final class Read {
        static final MethodHandle H = Calls.handle("read", FunctionDescriptor.of(Calls.LONG, Calls.INT, Calls.PTR, Calls.LONG));
    }

    private static final class Write {
        static final MethodHandle H = Calls.handle("write", FunctionDescriptor.of(Calls.LONG, Calls.INT, Calls.PTR, Calls.LONG));
    }

    private static final class Isatty {
        static final MethodHandle H = Calls.handle("isatty", FunctionDescriptor.of(Calls.INT, Calls.INT));
    }

    private static final class Ioctl {
        static final MethodHandle H = Calls.handle("ioctl", FunctionDescriptor.of(Calls.INT, Calls.INT, Calls.LONG, Calls.PTR),
                Linker.Option.firstVariadicArg(2));
    }

    private static final class Termios {
        static final MethodHandle GET = Calls.handle("tcgetattr", FunctionDescriptor.of(Calls.INT, Calls.INT, Calls.PTR));
        static final MethodHandle SET = Calls.handle("tcsetattr",
                FunctionDescriptor.of(Calls.INT, Calls.INT, Calls.INT, Calls.PTR));
        static final MethodHandle MAKE_RAW = Calls.LINKER.downcallHandle(Calls.find("cfmakeraw"),
                FunctionDescriptor.ofVoid(Calls.PTR));
    }

    private static final class Prctl {
        static final MethodHandle H = Calls.handle("prctl",
                FunctionDescriptor.of(Calls.INT, Calls.INT, Calls.LONG, Calls.LONG, Calls.LONG, Calls.LONG),
                Linker.Option.firstVariadicArg(1));
    }

    private static final class Waitpid {
        static final MethodHandle H = Calls.handle("waitpid", FunctionDescriptor.of(Calls.INT, Calls.INT, Calls.PTR, Calls.INT));
    }

    private static final class Kill {
        static final MethodHandle H = Calls.handle("kill", FunctionDescriptor.of(Calls.INT, Calls.INT, Calls.INT));
    }

    private static final class Sockets {
        static final MethodHandle SOCKET = Calls.handle("socket", FunctionDescriptor.of(Calls.INT, Calls.INT, Calls.INT, Calls.INT));
        static final MethodHandle BIND = Calls.handle("bind", FunctionDescriptor.of(Calls.INT, Calls.INT, Calls.PTR, Calls.INT));
        static final MethodHandle LISTEN = Calls.handle("listen", FunctionDescriptor.of(Calls.INT, Calls.INT, Calls.INT));
        static final MethodHandle ACCEPT4 = Calls.handle("accept4",
                FunctionDescriptor.of(Calls.INT, Calls.INT, Calls.PTR, Calls.PTR, Calls.INT));
        static final MethodHandle POLL = Calls.handle("poll", FunctionDescriptor.of(Calls.INT, Calls.PTR, Calls.LONG, Calls.INT));
        static final MethodHandle RECVMSG = Calls.handle("recvmsg", FunctionDescriptor.of(Calls.LONG, Calls.INT, Calls.PTR, Calls.INT));
    }

    private static final class Strerror {
        static final MethodHandle H = Calls.LINKER.downcallHandle(Calls.find("strerror"),
                FunctionDescriptor.of(Calls.PTR, Calls.INT));
    }

    static void close(int fd) {
        if (fd < 0) {
            return;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Calls.CALL_STATE);
            int rc = (int) Close.H.invokeExact(state, fd);
            // close(2) must not be retried on EINTR on Linux: the descriptor is gone either way
        } catch (Throwable t) {
            throw new IllegalStateException("close", t);
        }
    }

    /**
     * Reads up to {@code length} bytes; -1 at end of input. A terminal master reports EIO once every
     * slave descriptor is closed, which is its end of input.
     */
    static int read(int fd, byte[] buffer, int offset, int length) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Calls.CALL_STATE);
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
                int errno = errno(state);
                if (errno == EINTR || errno == EAGAIN) {
                    continue;
                }
                if (errno == EIO) {
                    return -1;
                }
                throw error(errno, "read fd " + fd);
            }
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("read", t);
        }
    }

    static void writeFully(int fd, byte[] buffer, int offset, int length) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Calls.CALL_STATE);
            MemorySegment native_ = arena.allocate(Math.max(1, length));
            MemorySegment.copy(buffer, offset, native_, ValueLayout.JAVA_BYTE, 0, length);
            long done = 0;
            while (done < length) {
                long n = (long) Write.H.invokeExact(state, fd, native_.asSlice(done), length - done);
                if (n < 0) {
                    int errno = errno(state);
                    if (errno == EINTR || errno == EAGAIN) {
                        continue;
                    }
                    throw error(errno, "write fd " + fd);
                }
                done += n;
            }
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("write", t);
        }
    }

    static boolean isatty(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Calls.CALL_STATE);
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
            MemorySegment state = arena.allocate(Calls.CALL_STATE);
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
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Calls.CALL_STATE);
            MemorySegment ws = arena.allocate(8);
            ws.set(ValueLayout.JAVA_SHORT, 0, (short) size.rows());
            ws.set(ValueLayout.JAVA_SHORT, 2, (short) size.columns());
            int rc = (int) Ioctl.H.invokeExact(state, fd, TIOCSWINSZ, ws);
            check(rc, state, "resize terminal");
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("ioctl", t);
        }
    }

    /** Puts the terminal on {@code fd} in raw mode and returns its previous settings for {@link #restoreTerminal}. */
    static byte[] makeRaw(int fd) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Calls.CALL_STATE);
            MemorySegment termios = arena.allocate(TERMIOS_SIZE);
            int rc = (int) Termios.GET.invokeExact(state, fd, termios);
            check(rc, state, "tcgetattr");
            byte[] saved = termios.toArray(ValueLayout.JAVA_BYTE);
            Termios.MAKE_RAW.invokeExact(termios);
            rc = (int) Termios.SET.invokeExact(state, fd, TCSANOW, termios);
            check(rc, state, "tcsetattr");
            return saved;
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("tcsetattr", t);
        }
    }

    static void restoreTerminal(int fd, byte[] saved) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Calls.CALL_STATE);
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
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Calls.CALL_STATE);
            int rc = (int) Prctl.H.invokeExact(state, PR_SET_CHILD_SUBREAPER, 1L, 0L, 0L, 0L);
            check(rc, state, "prctl(PR_SET_CHILD_SUBREAPER)");
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("prctl", t);
        }
    }

    /**
     * Waits for child {@code pid} to end and returns its exit code the way a shell reports it: the exit
     * status, or 128 + the signal that killed it. Empty if it is not our child (someone else reaped it).
     */
    static Optional<Integer> waitForExit(int pid) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Calls.CALL_STATE);
            MemorySegment status = arena.allocate(ValueLayout.JAVA_INT);
            while (true) {
                int rc = (int) Waitpid.H.invokeExact(state, pid, status, 0);
                if (rc == pid) {
                    int s = status.get(ValueLayout.JAVA_INT, 0);
                    int signal = s & 0x7f;
                    return Optional.of(signal == 0 ? (s >> 8) & 0xff : 128 + signal);
                }
                int errno = errno(state);
                if (rc < 0 && errno == EINTR) {
                    continue;
                }
                if (rc < 0 && errno == ECHILD) {
                    return Optional.empty();
                }
                throw error(errno, "waitpid " + pid);
            }
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("waitpid", t);
        }
    }

    /** Sends a signal; false if there is no such process. */
    static boolean kill(int pid, int signal) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Calls.CALL_STATE);
            int rc = (int) Kill.H.invokeExact(state, pid, signal);
            if (rc == 0) {
                return true;
            }
            if (errno(state) == ESRCH) {
                return false;
            }
            throw error(errno(state), "kill " + pid);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("kill", t);
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
            MemorySegment state = arena.allocate(Calls.CALL_STATE);
            int fd = (int) Sockets.SOCKET.invokeExact(state, AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
            check(fd, state, "socket");
            // struct sockaddr_un { sa_family_t sun_family; char sun_path[108]; }
            MemorySegment address = arena.allocate(110);
            address.set(ValueLayout.JAVA_SHORT, 0, (short) AF_UNIX);
            MemorySegment.copy(name, 0, address, ValueLayout.JAVA_BYTE, 2, name.length);
            int rc = (int) Sockets.BIND.invokeExact(state, fd, address, 2 + name.length + 1);
            if (rc != 0) {
                IOException e = error(errno(state), "bind " + path);
                close(fd);
                throw e;
            }
            rc = (int) Sockets.LISTEN.invokeExact(state, fd, 1);
            if (rc != 0) {
                IOException e = error(errno(state), "listen " + path);
                close(fd);
                throw e;
            }
            return fd;
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("socket", t);
        }
    }

    /** True if {@code fd} has something to read (or a connection to accept) within the timeout. */
    static boolean pollReadable(int fd, int timeoutMillis) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Calls.CALL_STATE);
            MemorySegment pollfd = arena.allocate(8);
            pollfd.set(ValueLayout.JAVA_INT, 0, fd);
            pollfd.set(ValueLayout.JAVA_SHORT, 4, POLLIN);
            int rc = (int) Sockets.POLL.invokeExact(state, pollfd, 1L, timeoutMillis);
            if (rc < 0 && errno(state) == EINTR) {
                return false;
            }
            check(rc, state, "poll");
            return rc > 0;
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("poll", t);
        }
    }

    static int accept(int listener) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Calls.CALL_STATE);
            while (true) {
                int fd = (int) Sockets.ACCEPT4.invokeExact(state, listener, MemorySegment.NULL, MemorySegment.NULL,
                        SOCK_CLOEXEC);
                if (fd < 0 && errno(state) == EINTR) {
                    continue;
                }
                check(fd, state, "accept");
                return fd;
            }
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("accept", t);
        }
    }

    /** Receives one message carrying a file descriptor in an SCM_RIGHTS control message; returns that descriptor. */
    static int receiveFd(int connection) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Calls.CALL_STATE);
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
                if (n < 0 && errno(state) == EINTR) {
                    continue;
                }
                break;
            }
            if (n < 0) {
                throw error(errno(state), "recvmsg");
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
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("recvmsg", t);
        }
    }

    private static int errno(MemorySegment state) {
        return (int) Calls.ERRNO.get(state, 0L);
    }

    private static void check(long rc, MemorySegment state, String operation) throws IOException {
        if (rc < 0) {
            throw error(errno(state), operation);
        }
    }

    private static IOException error(int errno, String operation) {
        return new LinuxException(operation, errno, strerror(errno));
    }

    private static String strerror(int errno) {
        try {
            MemorySegment text = (MemorySegment) Strerror.H.invokeExact(errno);
            return text.reinterpret(1024).getString(0, StandardCharsets.UTF_8);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }
}
