package dev.strata.container;

import dev.strata.error.ConflictException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A client of a container's attach socket ({@link AttachServer}): {@code strata attach}, and
 * {@code run}/{@code start -a} of a container with {@code -i} or {@code -t}, which its monitor runs. The
 * client's input goes to the container (with a terminal, the detach keys end the attach instead and
 * leave the container running), its output comes back, and the exit code ends it. With
 * {@link Attach#controlTerminal()}, this process's terminal is raw for {@code -it}, its window size is
 * followed, and without {@code -t} the signals it receives are passed on to the container's process.
 */
public final class ContainerAttach {
    /** How an attach ended. */
    public sealed interface Outcome permits Exited, Detached {
    }

    /** The container exited with {@code code}. */
    public record Exited(int code) implements Outcome {
    }

    /** The client typed the detach keys: the container goes on running. */
    public record Detached() implements Outcome {
    }

    /**
     * @param stdin        attach the client's stdin (when the container has one: {@code -i})
     * @param keys         the detach sequence, watched for on a terminal's input
     * @param proxySignals pass the signals this process receives to the container's (without {@code -t})
     */
    public record Options(boolean stdin, DetachKeys keys, boolean proxySignals) {
    }

    private final Containers containers;

    ContainerAttach(Containers containers) {
        this.containers = containers;
    }

    /** {@code attach}: to a running container, refused as Docker refuses a stopped or paused one. */
    Outcome attach(String reference, Options options, Attach attach) throws IOException {
        String id = containers.store().resolve(reference);
        String refused = refusal(containers.refresh(id).state());
        if (refused != null) {
            throw new ConflictException(refused);
        }
        return attachStarted(id, options, attach);
    }

    /** Docker's words for a container in {@code state} that cannot be attached to, or null if it can. */
    public static String refusal(ContainerState state) {
        if (state.paused()) {
            return "You cannot attach to a paused container, unpause it first";
        }
        if (state.restarting()) {
            return "You cannot attach to a restarting container, wait until it is running";
        }
        return state.running() ? null : "You cannot attach to a stopped container, start it first";
    }

    /** Attaches to container {@code id} that its monitor has just started and holds for this client. */
    Outcome attachStarted(String id, Options options, Attach attach) throws IOException {
        ContainerRecord record = containers.store().require(id);
        Path dir = containers.store().dir(id);
        if (!Files.exists(dir.resolve(AttachServer.SOCKET), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new ConflictException("container " + id + " is not attachable: its process is watched by "
                    + "a strata run or the Engine API daemon, which serve no attach socket");
        }
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(AttachServer.address(dir)));
        } catch (IOException e) {
            channel.close();
            throw new IOException("cannot attach to container " + id + ": its monitor does not answer ("
                    + e.getMessage() + ")", e);
        }
        try (channel) {
            return new Session(record, channel, options, attach).run();
        }
    }

    private static final class Session {
        private final ContainerRecord record;
        private final SocketChannel channel;
        private final Options options;
        private final Attach attach;
        private final OutputStream toWatcher;
        private final boolean tty;
        private final boolean stdin;
        private volatile boolean detached;

        Session(ContainerRecord record, SocketChannel channel, Options options, Attach attach) {
            this.record = record;
            this.channel = channel;
            this.options = options;
            this.attach = attach;
            this.toWatcher = AttachFrames.output(channel);
            this.tty = record.config().tty();
            this.stdin = options.stdin() && attach.stdin() != null && record.config().openStdin();
        }

        @SuppressWarnings("try") // the terminal session is held for its side effects, closed at the end
        Outcome run() throws IOException {
            send(out -> AttachFrames.hello(out, stdin, attach.stdout() != null, attach.stderr() != null));
            int pid = record.state().pid();
            try (TerminalSession terminal = attach.controlTerminal()
                    ? TerminalSession.forClient(tty, stdin, this::resize, () -> pid, options.proxySignals())
                    : TerminalSession.none()) {
                if (tty && attach.controlTerminal()) {
                    resize(TerminalSession.currentSize());
                }
                if (stdin) {
                    Thread.ofPlatform().daemon().name("attach-stdin").start(this::copyInput);
                }
                return receive();
            }
        }

        private Outcome receive() throws IOException {
            InputStream in = AttachFrames.input(channel);
            try {
                AttachFrames.Frame frame;
                while ((frame = AttachFrames.read(in)) != null) {
                    switch (frame.type()) {
                        case STDOUT -> write(attach.stdout(), frame.payload());
                        case STDERR -> write(attach.stderr(), frame.payload());
                        case EXIT -> {
                            return new Exited(frame.intPayload());
                        }
                        default -> throw new IOException("attach socket: the monitor sent a " + frame.type() + " frame");
                    }
                }
            } catch (IOException e) {
                if (!detached) {
                    throw lost(e);
                }
            }
            if (detached) {
                return new Detached();
            }
            throw lost(null);
        }

        private IOException lost(IOException cause) {
            return new IOException("lost the container's monitor while attached to " + record.id()
                    + (cause == null ? "" : ": " + cause.getMessage()), cause);
        }

        private static void write(OutputStream out, byte[] bytes) {
            if (out == null) {
                return;
            }
            try {
                out.write(bytes);
                out.flush();
            } catch (IOException ignored) {
                // our own stdout closed: the container's output still goes to its log
            }
        }

        private void resize(Posix.WindowSize size) {
            if (size != null) {
                try {
                    send(out -> AttachFrames.writeSize(out, size));
                } catch (IOException ignored) {
                    // the monitor is gone; the reader says so
                }
            }
        }

        /** Our input to the container, until its end or the detach keys (on a terminal). */
        private void copyInput() {
            DetachKeys.Watch watch = tty ? options.keys().watch() : null;
            ByteArrayOutputStream passed = new ByteArrayOutputStream();
            byte[] buffer = new byte[32 * 1024];
            try {
                int n;
                while ((n = attach.stdin().read(buffer)) > 0) {
                    if (watch == null) {
                        byte[] chunk = java.util.Arrays.copyOf(buffer, n);
                        send(out -> AttachFrames.write(out, AttachFrames.Type.STDIN, chunk));
                        continue;
                    }
                    passed.reset();
                    boolean detach = watch.scan(buffer, 0, n, passed);
                    if (passed.size() > 0) {
                        byte[] chunk = passed.toByteArray();
                        send(out -> AttachFrames.write(out, AttachFrames.Type.STDIN, chunk));
                    }
                    if (detach) {
                        detached = true;
                        channel.close();
                        return;
                    }
                }
                send(out -> AttachFrames.write(out, AttachFrames.Type.STDIN_CLOSE, new byte[0]));
            } catch (IOException ignored) {
                // the connection ended: the reader reports how
            }
        }

        @FunctionalInterface
        private interface Sending {
            void to(OutputStream out) throws IOException;
        }

        private void send(Sending sending) throws IOException {
            synchronized (toWatcher) {
                sending.to(toWatcher);
            }
        }
    }
}
