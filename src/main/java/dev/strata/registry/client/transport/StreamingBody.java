package dev.strata.registry.client.transport;

import java.io.IOException;
import dev.strata.io.BlockInputStream;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.net.http.HttpResponse;

/**
 * A response body as an InputStream with two things the JDK's {@code BodyHandlers.ofInputStream} lacks:
 * a read timeout (a registry that stops sending mid-blob fails the read after {@code readTimeout}
 * instead of hanging for ever), and a hard bound on what is buffered (two of the client's buffer
 * lists are asked for at a time, so memory stays flat however fast the network and slow the reader).
 * Closing it before the end cancels the exchange, which closes the connection.
 */
final class StreamingBody implements HttpResponse.BodySubscriber<InputStream> {
    private static final Object END = new Object();
    private static final int IN_FLIGHT = 2;

    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final long timeoutNanos;
    private final CompletableFuture<Flow.Subscription> subscription = new CompletableFuture<>();
    private final Stream stream = new Stream();

    StreamingBody(Duration readTimeout) {
        this.timeoutNanos = readTimeout.toNanos();
    }

    @Override
    public CompletionStage<InputStream> getBody() {
        return CompletableFuture.completedFuture(stream);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription.complete(s);
        s.request(IN_FLIGHT);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        queue.add(item);
    }

    @Override
    public void onError(Throwable throwable) {
        queue.add(throwable);
    }

    @Override
    public void onComplete() {
        queue.add(END);
    }

    private final class Stream extends BlockInputStream {
        private List<ByteBuffer> buffers = List.of();
        private int index;
        private boolean done;
        private boolean closed;

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (closed) {
                throw new IOException("stream closed");
            }
            if (len == 0) {
                return 0;
            }
            while (true) {
                while (index < buffers.size() && !buffers.get(index).hasRemaining()) {
                    index++;
                }
                if (index < buffers.size()) {
                    ByteBuffer current = buffers.get(index);
                    int n = Math.min(len, current.remaining());
                    current.get(b, off, n);
                    return n;
                }
                if (done) {
                    return -1;
                }
                next();
            }
        }

        @Override
        public int available() {
            int n = 0;
            for (int i = index; i < buffers.size(); i++) {
                n += buffers.get(i).remaining();
            }
            return n;
        }

        @SuppressWarnings("unchecked")
        private void next() throws IOException {
            Object item;
            try {
                item = queue.poll(timeoutNanos, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancel();
                throw new InterruptedIOException("interrupted while reading from the registry");
            }
            if (item == null) {
                cancel();
                throw new SocketTimeoutException("no data from the registry for "
                        + TimeUnit.NANOSECONDS.toSeconds(timeoutNanos) + " s");
            }
            if (item == END) {
                done = true;
                return;
            }
            if (item instanceof Throwable t) {
                done = true;
                throw t instanceof IOException io ? io : new IOException(t.getMessage(), t);
            }
            buffers = (List<ByteBuffer>) item;
            index = 0;
            subscription.join().request(1);
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (!done) {
                cancel();
            }
            buffers = List.of();
        }

        private void cancel() {
            done = true;
            subscription.thenAccept(Flow.Subscription::cancel);
            queue.clear();
        }
    }
}
