package dev.strata.api.http;

import dev.strata.io.Waits;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;

/**
 * What an HTTP connection becomes after {@code 101 UPGRADED}: Jetty's end point read and written as
 * blocking streams by the endpoint's own thread. Reading fills straight from the end point and, when
 * nothing is there, waits for Jetty to say it is readable; the bytes the client sent right behind its
 * request (Jetty had read them already) come first. The client closing its writing side reads as end of
 * input and leaves ours open, as Docker's hijacked streams need. No idle timeout: a shell may sit quiet
 * for hours.
 */
final class RawConnection extends AbstractConnection implements Connection.UpgradeTo, Hijacked {
    private final CountDownLatch opened = new CountDownLatch(1);
    private final Input input = new Input();
    private final Output output = new Output();
    private ByteBuffer early;

    RawConnection(EndPoint endPoint) {
        super(endPoint, Runnable::run);
    }

    @Override
    public void onUpgradeTo(ByteBuffer buffer) {
        if (buffer != null && buffer.hasRemaining()) {
            early = ByteBuffer.allocate(buffer.remaining()).put(buffer).flip();
        }
    }

    @Override
    public void onOpen() {
        super.onOpen();
        getEndPoint().setIdleTimeout(-1);
        opened.countDown();
    }

    @Override
    public void onClose(Throwable cause) {
        super.onClose(cause);
        opened.countDown();
        input.readable.release();
    }

    @Override
    public void onFillable() {
        // reads are driven by the reading thread (see Input), never by this callback
    }

    @Override
    protected boolean onReadTimeout(TimeoutException timeout) {
        return false;
    }

    /** Waits until Jetty has sent the 101 and handed the connection over. */
    void awaitOpen() throws IOException {
        Waits.run(opened::await, "interrupted while taking the connection over");
        if (!getEndPoint().isOpen()) {
            throw new IOException("the client closed the connection");
        }
    }

    @Override
    public InputStream in() {
        return input;
    }

    @Override
    public OutputStream out() {
        return output;
    }

    @Override
    public void closeOutput() {
        getEndPoint().shutdownOutput();
    }

    @Override
    public void close() {
        getEndPoint().close();
    }

    private final class Input extends InputStream {
        private final Semaphore readable = new Semaphore(0);

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            synchronized (this) {
                if (early != null) {
                    int n = Math.min(length, early.remaining());
                    early.get(bytes, offset, n);
                    if (!early.hasRemaining()) {
                        early = null;
                    }
                    return n;
                }
            }
            EndPoint endPoint = getEndPoint();
            while (true) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length).slice();
                buffer.limit(0); // Jetty fills after the limit: an empty buffer in flush mode
                int n = endPoint.fill(buffer);
                if (n != 0) {
                    return n;
                }
                if (!endPoint.isOpen()) {
                    return -1;
                }
                endPoint.fillInterested(Callback.from(readable::release, failure -> readable.release()));
                Waits.run(readable::acquire, "interrupted while reading the client's input");
            }
        }
    }

    private final class Output extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
            if (length == 0) {
                return;
            }
            // a copy: the caller may reuse its buffer as soon as we return, and Jetty writes asynchronously
            ByteBuffer copy = ByteBuffer.allocate(length).put(bytes, offset, length).flip();
            try (Blocker.Callback done = Blocker.callback()) {
                getEndPoint().write(done, copy);
                done.block();
            }
        }
    }
}
