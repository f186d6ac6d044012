package dev.strata.container;

import dev.strata.io.BlockInputStream;
import dev.strata.io.BlockOutputStream;
import dev.strata.linux.Linux;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The stdio of a process started detached through the runtime ({@code run --detach}, {@code exec --detach}),
 * which outlives the runtime call that starts it: a terminal, whose master the runtime sends us over the
 * console socket, or nothing at all. (Without a terminal the runtime runs in the foreground instead and
 * its own pipes serve; see {@link ProcessPumps}.) Output is copied, on its own platform thread, to the
 * attached stream and to the json-file log.
 */
sealed interface ProcessIo extends AutoCloseable permits ProcessIo.Console, ProcessIo.Discard {
    ProcessBuilder.Redirect DEV_NULL = ProcessBuilder.Redirect.from(new File("/dev/null"));

    ProcessBuilder.Redirect stdin();

    ProcessBuilder.Redirect stdout();

    ProcessBuilder.Redirect stderr();

    /** The console socket to pass to the runtime, or null for plain pipes. */
    Path consoleSocket();

    /** Called once the runtime process has started: the child holds its ends now, so ours are closed. */
    void childStarted();

    /** Waits for the runtime call to end, taking the terminal master it sends meanwhile; its exit code. */
    int awaitRuntime(Process runtime) throws IOException;

    /** Starts copying output to {@code attach} and {@code log}, and {@code attach}'s stdin to the process. */
    void startPumps(Attach attach, JsonFileLog log, boolean keepStdinOpen);

    /** Waits (at most {@code millis}) until the process's output has ended and been copied. */
    void awaitOutput(long millis);

    /** Follows a window size change; a no-op without a terminal. */
    default void resize(Posix.WindowSize size) {
    }

    @Override
    void close();

    /** No stdio at all: input from /dev/null, output to /dev/null, as for {@code exec -d}. */
    static ProcessIo discard() {
        return new Discard();
    }

    static ProcessIo console() throws IOException {
        return new Console(ConsoleSocket.listen());
    }

    /** Copies {@code in} to every sink until end of input, then closes the sinks it owns. */
    static Thread pump(String name, InputStream in, List<OutputStream> sinks, List<OutputStream> owned) {
        return Thread.ofPlatform().daemon().name(name).start(() -> {
            byte[] buffer = new byte[32 * 1024];
            try (in) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    for (OutputStream sink : sinks) {
                        try {
                            sink.write(buffer, 0, n);
                            sink.flush();
                        } catch (IOException ignored) {
                            // a closed terminal or pipe on our side must not stop the log
                        }
                    }
                }
            } catch (IOException ignored) {
                // end of output
            } finally {
                for (OutputStream sink : owned) {
                    try {
                        sink.close();
                    } catch (IOException ignored) {
                        // nothing more to do
                    }
                }
            }
        });
    }

    static void join(List<Thread> threads, long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        for (Thread t : threads) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            try {
                if (left > 0) {
                    t.join(left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Stdio to and from /dev/null. */
    final class Discard implements ProcessIo {
        @Override
        public ProcessBuilder.Redirect stdin() {
            return DEV_NULL;
        }

        @Override
        public ProcessBuilder.Redirect stdout() {
            return ProcessBuilder.Redirect.to(new File("/dev/null"));
        }

        @Override
        public ProcessBuilder.Redirect stderr() {
            return ProcessBuilder.Redirect.to(new File("/dev/null"));
        }

        @Override
        public Path consoleSocket() {
            return null;
        }

        @Override
        public void childStarted() {
        }

        @Override
        public int awaitRuntime(Process runtime) throws IOException {
            return OciRuntime.waitFor(runtime);
        }

        @Override
        public void startPumps(Attach attach, JsonFileLog log, boolean keepStdinOpen) {
        }

        @Override
        public void awaitOutput(long millis) {
        }

        @Override
        public void close() {
        }
    }

    /** A terminal: the runtime creates it and sends us its master over the console socket. */
    final class Console implements ProcessIo {
        private final ConsoleSocket socket;
        private volatile int master = -1;
        private Thread outputPump;

        Console(ConsoleSocket socket) {
            this.socket = socket;
        }

        @Override
        public ProcessBuilder.Redirect stdin() {
            return DEV_NULL;
        }

        @Override
        public ProcessBuilder.Redirect stdout() {
            return ProcessBuilder.Redirect.DISCARD;
        }

        @Override
        public ProcessBuilder.Redirect stderr() {
            // the runtime's messages go to its --log as well, which is where failures are read from
            return ProcessBuilder.Redirect.DISCARD;
        }

        @Override
        public Path consoleSocket() {
            return socket.path();
        }

        @Override
        public void childStarted() {
        }

        @Override
        public int awaitRuntime(Process runtime) throws IOException {
            OptionalInt received = socket.receiveMaster(runtime);
            int exit = OciRuntime.waitFor(runtime);
            if (received.isPresent()) {
                master = received.getAsInt();
            }
            return exit;
        }

        @Override
        public void startPumps(Attach attach, JsonFileLog log, boolean keepStdinOpen) {
            OutputStream logOut = log.stream("stdout");
            List<OutputStream> sinks = new ArrayList<>(List.of(logOut));
            if (attach.stdout() != null) {
                sinks.add(attach.stdout());
            }
            outputPump = pump("container-tty", new MasterInput(this), sinks, List.of(logOut));
            if (attach.stdin() != null) {
                pump("container-tty-stdin", attach.stdin(), List.of(new MasterOutput(this)), List.of());
            }
        }

        @Override
        public void awaitOutput(long millis) {
            if (outputPump != null) {
                join(List.of(outputPump), millis);
            }
        }

        @Override
        public void resize(Posix.WindowSize size) {
            if (master >= 0 && size != null) {
                try {
                    Posix.setWindowSize(master, size);
                } catch (IOException ignored) {
                    // the terminal is gone; nothing to resize
                }
            }
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // a temporary directory left behind is harmless
            }
            // under the lock the input pump writes with: once closed, the number may be another file's
            // (a socket the watcher accepts next), and input that comes late must not go there
            synchronized (this) {
                Linux.close(master);
                master = -1;
            }
        }
    }

    /**
     * Reads a console's master; EIO (every slave closed) reads as end of input, and so does a master
     * already closed, whose number may be another file's by now.
     */
    final class MasterInput extends BlockInputStream {
        private final Console console;

        MasterInput(Console console) {
            this.console = console;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int fd = console.master;
            return fd < 0 ? -1 : Posix.read(fd, buffer, offset, length);
        }

        @Override
        public void close() {
            // the master is closed by its Console, after the process is gone
        }
    }

    /** Writes to a console's master while it is open; after, the write fails (the process is gone). */
    final class MasterOutput extends BlockOutputStream {
        private final Console console;

        MasterOutput(Console console) {
            this.console = console;
        }

        @Override
        public void write(byte[] buffer, int offset, int length) throws IOException {
            synchronized (console) {
                if (console.master < 0) {
                    throw new IOException("the terminal is closed");
                }
                Posix.writeFully(console.master, buffer, offset, length);
            }
        }
    }
}
