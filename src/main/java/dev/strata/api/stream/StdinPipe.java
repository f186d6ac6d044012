package dev.strata.api.stream;

import dev.strata.io.Waits;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;

/**
 * A container's stdin while the daemon runs it: attached clients write into it, the container's stdin
 * pump reads from it. Bounded (a writer waits while it is full, so a client typing faster than the
 * container reads is slowed, not buffered without end); closing it is the container's end of input.
 */
final class StdinPipe extends InputStream {
    private final byte[] buffer = new byte[64 * 1024];
    private int head;
    private int count;
    private boolean closed;

    synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            while (count == buffer.length && !closed) {
                waitHere();
            }
            if (closed) {
                throw new IOException("the container's stdin is closed");
            }
            int tail = (head + count) % buffer.length;
            int n = Math.min(length, Math.min(buffer.length - count, buffer.length - tail));
            System.arraycopy(bytes, offset, buffer, tail, n);
            count += n;
            offset += n;
            length -= n;
            notifyAll();
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] bytes, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (count == 0 && !closed) {
            waitHere();
        }
        if (count == 0) {
            return -1;
        }
        int n = Math.min(length, Math.min(count, buffer.length - head));
        System.arraycopy(buffer, head, bytes, offset, n);
        head = (head + n) % buffer.length;
        count -= n;
        notifyAll();
        return n;
    }

    @Override
    public synchronized void close() {
        closed = true;
        notifyAll();
    }

    private void waitHere() throws InterruptedIOException {
        Waits.run(this::wait, "interrupted");
    }
}
