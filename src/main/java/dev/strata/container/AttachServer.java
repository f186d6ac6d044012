package dev.strata.container;

import dev.strata.io.BlockInputStream;
import dev.strata.io.BlockOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The watcher's end of a container's attach socket ({@code ROOT/containers/ID/attach.sock}, mode 0600):
 * output goes to every attached client as it comes (a client attached later sees it from then on, the
 * json-file log keeps it all), input from any client that attaches stdin goes to the container's stdin
 * or terminal, and each client's window size to the terminal. See {@link AttachFrames} for the protocol.
 *
 * <p>With {@link #HOLD} left in the container's directory by its launcher ({@code run -it},
 * {@code start -ai}: the client attaches only once the monitor reports the container running), output is
 * kept until the first client comes, and the exit waits for it (a while), so that client misses nothing.
 *
 * <p>A path too long for a unix socket (108 bytes, which a deep store plus a 64-character ID can
 * exceed) is bound in a private temporary directory instead, with {@code attach.sock} a symbolic link to it.
 */
final class AttachServer implements AutoCloseable {
    static final String SOCKET = "attach.sock";
    static final String HOLD = "attach.hold";
    /** How long an exit waits for the client its launcher promised, before it goes unseen. */
    private static final long HOLD_MILLIS = 30_000;
    /** Output kept for a promised client; beyond it the log has the rest. */
    private static final int HOLD_LIMIT = 4 << 20;
    private static final int MAX_PATH = 100;
    private static final String PRIVATE_PREFIX = "strata-attach-";

    private final Path link;
    private final Path bound;
    private final Path privateDir;
    private final ServerSocketChannel listener;
    private final boolean stdinOnce;
    private final List<Client> clients = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstClient = new CountDownLatch(1);
    private ByteArrayOutputStream held;
    private volatile Feed feed;
    private volatile Attach.Terminal terminal;
    private volatile Posix.WindowSize lastSize;

    private AttachServer(Path link, Path bound, Path privateDir, ServerSocketChannel listener, boolean stdinOnce,
                         boolean hold) {
        this.link = link;
        this.bound = bound;
        this.privateDir = privateDir;
        this.listener = listener;
        this.stdinOnce = stdinOnce;
        this.held = hold ? new ByteArrayOutputStream() : null;
    }

    /** Listens on container {@code record}'s socket in {@code dir}, replacing one a dead watcher left. */
    static AttachServer open(Path dir, ContainerRecord record) throws IOException {
        boolean hold = Files.deleteIfExists(dir.resolve(HOLD));
        forget(dir);
        Path link = dir.resolve(SOCKET);
        Path privateDir = null;
        Path bound = link;
        if (link.toString().length() > MAX_PATH) {
            privateDir = Files.createTempDirectory(PRIVATE_PREFIX,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            bound = privateDir.resolve("s");
        }
        ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            listener.bind(UnixDomainSocketAddress.of(bound));
            Files.setPosixFilePermissions(bound, PosixFilePermissions.fromString("rw-------"));
            if (privateDir != null) {
                Files.createSymbolicLink(link, bound);
            }
        } catch (IOException | RuntimeException e) {
            listener.close();
            Files.deleteIfExists(bound);
            if (privateDir != null) {
                Files.deleteIfExists(privateDir);
            }
            throw e;
        }
        AttachServer server = new AttachServer(link, bound, privateDir, listener, record.config().stdinOnce(), hold);
        Thread.ofVirtual().name("attach-accept").start(server::accept);
        return server;
    }

    /** Where a client connects for container directory {@code dir}: the socket, or what its link names. */
    static Path address(Path dir) throws IOException {
        Path link = dir.resolve(SOCKET);
        return Files.isSymbolicLink(link) ? Files.readSymbolicLink(link) : link;
    }

    /**
     * Removes the socket of container directory {@code dir} and the private directory it may name: left by
     * a watcher that was killed, or going with the container.
     */
    static void forget(Path dir) throws IOException {
        Path link = dir.resolve(SOCKET);
        if (Files.isSymbolicLink(link)) {
            Path target;
            try {
                target = Files.readSymbolicLink(link);
            } catch (java.nio.file.NoSuchFileException goneMeanwhile) {
                return; // its monitor, exiting at the same time, removed it and its directory
            }
            Path parent = target.getParent();
            if (parent != null && parent.getFileName().toString().startsWith(PRIVATE_PREFIX)) {
                Files.deleteIfExists(target);
                Files.deleteIfExists(parent);
            }
        }
        Files.deleteIfExists(link);
    }

    /**
     * The streams for one run of the container: its stdin (null without {@code -i}) fed by the clients,
     * its output sent to them, its terminal following their window size.
     */
    Attach attach(ContainerRecord record) {
        Feed previous = feed;
        if (previous != null) {
            previous.end();
        }
        Feed next = record.config().openStdin() ? new Feed() : null;
        feed = next;
        return Attach.streams(next, new Output(AttachFrames.Type.STDOUT), new Output(AttachFrames.Type.STDERR), t -> {
            terminal = t;
            Posix.WindowSize size = lastSize;
            if (size != null) {
                t.resize(size.rows(), size.columns());
            }
        });
    }

    /** The run ended: its stdin goes, and a promised client (see {@link #HOLD}) is waited for. */
    void runEnded() {
        Feed current = feed;
        if (current != null) {
            current.end();
        }
        terminal = null;
        if (holding()) {
            try {
                firstClient.await(HOLD_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private synchronized boolean holding() {
        return held != null;
    }

    /** Tells every client attached now the container's exit code, and lets them go. */
    void exited(int code) {
        for (Client client : clients) {
            clients.remove(client);
            try {
                client.sendInt(AttachFrames.Type.EXIT, code);
            } catch (IOException gone) {
                // a client that left meanwhile
            }
            client.close();
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing a listener does not fail in a way we could act on
        }
        for (Client client : clients) {
            client.close();
        }
        try {
            Files.deleteIfExists(link);
            if (privateDir != null) {
                Files.deleteIfExists(bound);
                Files.deleteIfExists(privateDir);
            }
        } catch (IOException ignored) {
            // the next watcher replaces what is left
        }
    }

    private void accept() {
        while (listener.isOpen()) {
            SocketChannel channel;
            try {
                channel = listener.accept();
            } catch (IOException closed) {
                return;
            }
            Thread.ofVirtual().name("attach-client").start(() -> serve(new Client(channel)));
        }
    }

    private void serve(Client client) {
        try (client) {
            InputStream in = client.input;
            AttachFrames.Frame hello = AttachFrames.read(in);
            if (hello == null || hello.type() != AttachFrames.Type.HELLO || hello.payload().length != 1) {
                return;
            }
            client.wants = hello.payload()[0];
            synchronized (this) {
                if (held != null) {
                    byte[] kept = held.toByteArray();
                    held = null;
                    client.output.write(kept);
                    client.output.flush();
                }
                clients.add(client);
            }
            firstClient.countDown();
            boolean stdin = (client.wants & AttachFrames.WANTS_STDIN) != 0;
            AttachFrames.Frame frame;
            while ((frame = AttachFrames.read(in)) != null) {
                switch (frame.type()) {
                    case STDIN -> {
                        Feed current = feed;
                        if (stdin && current != null) {
                            current.offer(frame.payload());
                        }
                    }
                    case STDIN_CLOSE -> {
                        Feed current = feed;
                        // Docker's StdinOnce: the end of the first attached input ends the container's
                        if (stdin && stdinOnce && current != null) {
                            current.end();
                        }
                    }
                    case RESIZE -> {
                        Posix.WindowSize size = frame.size();
                        lastSize = size;
                        Attach.Terminal current = terminal;
                        if (current != null) {
                            current.resize(size.rows(), size.columns());
                        }
                    }
                    default -> {
                        return; // not a client's frame
                    }
                }
            }
        } catch (IOException detachedOrBroken) {
            // the client went; the container goes on
        } finally {
            clients.remove(client);
        }
    }

    /** One stream of the container's output, sent to every client that attached it. */
    private final class Output extends BlockOutputStream {
        private final AttachFrames.Type type;
        private final int wanted;

        Output(AttachFrames.Type type) {
            this.type = type;
            this.wanted = type == AttachFrames.Type.STDOUT ? AttachFrames.WANTS_STDOUT : AttachFrames.WANTS_STDERR;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            synchronized (AttachServer.this) {
                if (held != null && held.size() < HOLD_LIMIT) {
                    try {
                        AttachFrames.write(held, type, bytes, offset, length);
                    } catch (IOException cannotHappen) {
                        throw new IllegalStateException(cannotHappen);
                    }
                }
                for (Client client : clients) {
                    if ((client.wants & wanted) == 0) {
                        continue;
                    }
                    try {
                        client.send(type, bytes, offset, length);
                    } catch (IOException gone) {
                        // one client leaving must not stop the others, nor the log
                        clients.remove(client);
                        client.close();
                    }
                }
            }
        }
    }

    private static final class Client implements AutoCloseable {
        private final SocketChannel channel;
        private final InputStream input;
        private final OutputStream output;
        private volatile int wants;

        Client(SocketChannel channel) {
            this.channel = channel;
            this.input = AttachFrames.input(channel);
            this.output = AttachFrames.output(channel);
        }

        synchronized void send(AttachFrames.Type type, byte[] bytes, int offset, int length) throws IOException {
            AttachFrames.write(output, type, bytes, offset, length);
        }

        synchronized void sendInt(AttachFrames.Type type, int value) throws IOException {
            AttachFrames.writeInt(output, type, value);
        }

        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }

    /** The container's stdin for one run: what clients send, in order, until {@link #end}. */
    static final class Feed extends BlockInputStream {
        private static final byte[] END = new byte[0];
        private final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
        private byte[] current;
        private int position;

        private volatile boolean ended;

        /** Queues input for the container; none is taken after the end. */
        synchronized void offer(byte[] bytes) {
            if (bytes.length > 0 && !ended) {
                queue.add(bytes);
            }
        }

        synchronized void end() {
            if (!ended) {
                ended = true;
                queue.add(END);
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (current == END) {
                return -1;
            }
            if (length == 0) {
                return 0;
            }
            if (current == null || position == current.length) {
                try {
                    current = queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for input");
                }
                position = 0;
                if (current == END) {
                    return -1; // and every later read, since current stays END
                }
            }
            int n = Math.min(length, current.length - position);
            System.arraycopy(current, position, buffer, offset, n);
            position += n;
            return n;
        }

        @Override
        public void close() {
            end();
        }
    }
}
