package dev.strata.api.stream;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Docker's multiplexed stream, for attach, exec and logs of a container without a terminal: each piece
 * of output goes in a frame of its own, an 8-byte header (the stream, 1 for stdout or 2 for stderr,
 * three zero bytes, the length as a big-endian 32-bit number) and then the bytes. Frames of both streams
 * share one connection, each written whole under the connection's lock, and flushed at once.
 */
public final class Frames {
    public static final int STDOUT = 1;
    public static final int STDERR = 2;
    /** The most one frame carries: what the pumps read at once, well below what a header can say. */
    private static final int MAX_FRAME = 1 << 20;

    private Frames() {
    }

    /** A stream whose writes reach {@code sink} as frames of stream {@code kind}. */
    public static OutputStream of(OutputStream sink, int kind) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                while (length > 0) {
                    int n = Math.min(length, MAX_FRAME);
                    byte[] frame = new byte[8 + n];
                    frame[0] = (byte) kind;
                    frame[4] = (byte) (n >>> 24);
                    frame[5] = (byte) (n >>> 16);
                    frame[6] = (byte) (n >>> 8);
                    frame[7] = (byte) n;
                    System.arraycopy(bytes, offset, frame, 8, n);
                    synchronized (sink) {
                        sink.write(frame);
                        sink.flush();
                    }
                    offset += n;
                    length -= n;
                }
            }

            @Override
            public void flush() throws IOException {
                synchronized (sink) {
                    sink.flush();
                }
            }
        };
    }
}
