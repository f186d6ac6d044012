package dev.strata.registry.client;

import dev.strata.digest.Digest;
import dev.strata.io.BlockOutputStream;
import dev.strata.io.Waits;
import dev.strata.registry.client.transport.Body;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * A blob sent while it is still being written: what is written here goes up as the session's chunks, one
 * {@code PATCH} per {@code chunkSize} bytes with its {@code Content-Range}, sent by a thread of its own so
 * the writer (a compressor) goes on with the next chunk meanwhile; {@link #complete} sends the rest with
 * the {@code PUT} that names the digest. A push thus takes about as long as the slower of compressing and
 * sending, not their sum.
 *
 * <p>Every request has a length, as {@link Body} wants (some registries refuse chunked encoding), and the
 * memory held is two chunk buffers, made once and outside the heap: the one being filled and the one
 * being sent, handed over with no queue between them, the sent one handed back to be filled again (in
 * the heap, arrays this large each take whole regions of a small heap, and the compressor's own blocks
 * then found no room in 64 MB). A chunk the registry fails is resent by {@link BlobUpload#write}; one that fails
 * for good fails the next write, or {@code complete}, with its error.
 */
final class StreamingUpload extends BlockOutputStream {
    /** Handed to the sender when the writer is done: no more chunks. */
    private static final ByteBuffer END = ByteBuffer.allocate(0);

    private final BlobUpload upload;
    private final SynchronousQueue<ByteBuffer> handOver = new SynchronousQueue<>();
    private final ArrayBlockingQueue<ByteBuffer> handBack = new ArrayBlockingQueue<>(1);
    private final LongConsumer sent;
    private final Thread sender;
    private volatile Throwable failure;
    private ByteBuffer filling;
    private long written;
    private boolean ended;

    /** {@code sent} is told the bytes the registry has taken, after each chunk. */
    StreamingUpload(BlobUpload upload, int chunkSize, LongConsumer sent) {
        this.upload = upload;
        this.sent = sent;
        this.filling = ByteBuffer.allocateDirect(chunkSize);
        handBack.add(ByteBuffer.allocateDirect(chunkSize));
        this.sender = Thread.ofVirtual().name("strata-push-chunks").start(this::send);
    }

    /** Bytes written so far (the blob's size once the writer is done). */
    long written() {
        return written;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        rethrow();
        while (length > 0) {
            if (!filling.hasRemaining()) {
                hand(filling.flip());
                filling = takeBack().clear();
            }
            int n = Math.min(length, filling.remaining());
            filling.put(bytes, offset, n);
            offset += n;
            length -= n;
            written += n;
        }
    }

    /**
     * Waits for every chunk to be taken, then finishes the session with the last bytes: the blob is
     * {@code digest}, as the registry confirms.
     */
    Digest complete(Digest digest) throws IOException {
        endChunks();
        Digest stored = upload.complete(digest, new BufferBody(filling.flip()));
        sent.accept(written);
        return stored;
    }

    /** Stops sending and abandons the session, if it was not completed. */
    @Override
    public void close() throws IOException {
        if (!ended) {
            ended = true;
            sender.interrupt();
            join();
        }
        try {
            upload.cancel();
        } catch (IOException ignored) {
            // the session is dropped by the registry in time anyway; the push's own error says more
        }
    }

    private void endChunks() throws IOException {
        if (!ended) {
            hand(END);
            ended = true;
            join();
        }
        rethrow();
    }

    private void hand(ByteBuffer chunk) throws IOException {
        // the sender takes it once the previous chunk has gone, or has failed and stopped taking
        while (!Waits.get(() -> handOver.offer(chunk, 100, TimeUnit.MILLISECONDS), "push interrupted")) {
            rethrow();
        }
    }

    /** The buffer last sent, once it has gone. */
    private ByteBuffer takeBack() throws IOException {
        ByteBuffer buffer;
        while ((buffer = Waits.get(() -> handBack.poll(100, TimeUnit.MILLISECONDS), "push interrupted")) == null) {
            rethrow();
        }
        return buffer;
    }

    private void send() {
        try {
            for (ByteBuffer chunk; (chunk = handOver.take()) != END; ) {
                upload.write(new BufferBody(chunk));
                sent.accept(upload.offset());
                handBack.put(chunk);
            }
        } catch (InterruptedException e) {
            // close(): the push is being abandoned
        } catch (Throwable t) {
            failure = t;
        }
    }

    private void join() throws InterruptedIOException {
        Waits.run(sender::join, "push interrupted");
    }

    private void rethrow() throws IOException {
        Throwable t = failure;
        switch (t) {
            case null -> {
            }
            case IOException io -> throw io;
            case RuntimeException runtime -> throw runtime;
            case Error error -> throw error;
            default -> throw new IOException(t);
        }
    }

    /** A chunk's bytes, opened anew (from its start) for each attempt to send them. */
    private record BufferBody(ByteBuffer bytes) implements Body {
        @Override
        public long length() {
            return bytes.remaining();
        }

        @Override
        public InputStream open() {
            ByteBuffer view = bytes.duplicate();
            return new InputStream() {
                @Override
                public int read() {
                    return view.hasRemaining() ? view.get() & 0xff : -1;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    if (length == 0) {
                        return 0;
                    }
                    if (!view.hasRemaining()) {
                        return -1;
                    }
                    int n = Math.min(length, view.remaining());
                    view.get(buffer, offset, n);
                    return n;
                }
            };
        }
    }
}
