package dev.strata.container;

import dev.strata.io.BlockInputStream;
import dev.strata.io.BlockOutputStream;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The protocol on a container's attach socket ({@code ROOT/containers/ID/attach.sock}), between the
 * process that watches the container and each attached client. Every message is a frame: one byte of
 * type, a four-byte big-endian length, then that many bytes of payload.
 *
 * <p>A client first says which streams it attaches ({@link Type#HELLO}), then sends its input
 * ({@link Type#STDIN}), the end of its input ({@link Type#STDIN_CLOSE}: the container's stdin closes
 * only if it was created with Docker's StdinOnce) and its window size ({@link Type#RESIZE}). The watcher
 * sends output as it comes ({@link Type#STDOUT}, {@link Type#STDERR}) and, last, the container's exit
 * code ({@link Type#EXIT}). A client detaches by closing its connection; a connection that ends without
 * an exit frame means the watcher died.
 */
final class AttachFrames {
    /** Larger frames are refused: a client or watcher never writes one, so it is a broken peer. */
    static final int MAX_PAYLOAD = 1 << 20;

    static final int WANTS_STDIN = 1;
    static final int WANTS_STDOUT = 2;
    static final int WANTS_STDERR = 4;

    private AttachFrames() {
    }

    enum Type {
        HELLO, STDIN, STDIN_CLOSE, RESIZE, STDOUT, STDERR, EXIT;

        private static final Type[] ALL = values();
    }

    record Frame(Type type, byte[] payload) {
        int intPayload() throws IOException {
            if (payload.length != 4) {
                throw new IOException("attach socket: a " + type + " frame of " + payload.length + " bytes");
            }
            return ByteBuffer.wrap(payload).getInt();
        }

        Posix.WindowSize size() throws IOException {
            int packed = intPayload();
            return new Posix.WindowSize(packed >>> 16, packed & 0xffff);
        }
    }

    static void write(OutputStream out, Type type, byte[] payload, int offset, int length) throws IOException {
        byte[] header = ByteBuffer.allocate(5).put((byte) type.ordinal()).putInt(length).array();
        out.write(header);
        out.write(payload, offset, length);
        out.flush();
    }

    static void write(OutputStream out, Type type, byte[] payload) throws IOException {
        write(out, type, payload, 0, payload.length);
    }

    static void writeInt(OutputStream out, Type type, int value) throws IOException {
        write(out, type, ByteBuffer.allocate(4).putInt(value).array());
    }

    static void writeSize(OutputStream out, Posix.WindowSize size) throws IOException {
        writeInt(out, Type.RESIZE, (size.rows() & 0xffff) << 16 | (size.columns() & 0xffff));
    }

    static void hello(OutputStream out, boolean stdin, boolean stdout, boolean stderr) throws IOException {
        write(out, Type.HELLO, new byte[] {(byte) ((stdin ? WANTS_STDIN : 0) | (stdout ? WANTS_STDOUT : 0)
                | (stderr ? WANTS_STDERR : 0))});
    }

    /** The next frame, or null at the end of the stream between frames; a frame cut short is an error. */
    static Frame read(InputStream in) throws IOException {
        int type = in.read();
        if (type < 0) {
            return null;
        }
        if (type >= Type.ALL.length) {
            throw new IOException("attach socket: unknown frame type " + type);
        }
        DataInputStream data = new DataInputStream(in);
        int length;
        byte[] payload;
        try {
            length = data.readInt();
            if (length < 0 || length > MAX_PAYLOAD) {
                throw new IOException("attach socket: a frame of " + Integer.toUnsignedString(length) + " bytes");
            }
            payload = new byte[length];
            data.readFully(payload);
        } catch (EOFException e) {
            throw new IOException("attach socket: the connection ended inside a frame", e);
        }
        return new Frame(Type.ALL[type], payload);
    }

    /**
     * Reads from {@code channel} directly: its read and write may then run on two threads at once, which
     * the streams of {@code java.nio.channels.Channels} do not promise.
     */
    static InputStream input(SocketChannel channel) {
        return new BufferedInputStream(new BlockInputStream() {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                return length == 0 ? 0 : channel.read(ByteBuffer.wrap(buffer, offset, length));
            }
        }, 64 * 1024);
    }

    /** Writes to {@code channel}, a frame at a time (see {@link #write}, which flushes). */
    static OutputStream output(SocketChannel channel) {
        return new BufferedOutputStream(new BlockOutputStream() {
            @Override
            public void write(byte[] buffer, int offset, int length) throws IOException {
                ByteBuffer bytes = ByteBuffer.wrap(buffer, offset, length);
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
            }
        }, 64 * 1024);
    }
}
