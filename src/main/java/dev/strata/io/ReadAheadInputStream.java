package dev.strata.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads a stream ahead on a virtual thread of its own, a few chunks at most, so that the work of
 * producing the bytes (the network, hashing, decompression: everything inside {@code in}) and the work
 * of consuming them (extracting a tar) run on two cores instead of taking turns on one.
 *
 * <p>The reader thread reads {@code in} to its end whatever the consumer does, so the checks a stream
 * makes at its end (a digest) run even when the consumer stops at a tar's end-of-archive blocks; a
 * failure of {@code in} is thrown to the consumer, as it was thrown, when the consumer reaches the point
 * where it happened. Closing stops the reader; it does not close {@code in}, which stays its owner's.
 * Memory is bounded: {@code chunks} buffers of {@code chunkSize} bytes, reused.
 */
public final class ReadAheadInputStream extends InputStream {
    private static final int CHUNK_SIZE = 1 << 18;
    private static final int CHUNKS = 4;

    /** A filled buffer; {@code length} -1 marks the end (then {@code failure} says how it ended). */
    private record Chunk(byte[] data, int length, Throwable failure) {
    }

    private final BlockingQueue<Chunk> filled;
    private final BlockingQueue<byte[]> free;
    private final Thread reader;
    private volatile boolean closed;
    private Chunk current;
    private int position;
    private boolean ended;

    public ReadAheadInputStream(InputStream in) {
        this(in, CHUNK_SIZE, CHUNKS);
    }

    public ReadAheadInputStream(InputStream in, int chunkSize, int chunks) {
        filled = new ArrayBlockingQueue<>(chunks + 1); // + 1: the end mark always fits
        free = new ArrayBlockingQueue<>(chunks);
        for (int i = 0; i < chunks; i++) {
            free.add(new byte[chunkSize]);
        }
        reader = Thread.ofVirtual().name("read-ahead").start(() -> pump(in));
    }

    private void pump(InputStream in) {
        Throwable failure = null;
        try {
            boolean end = false;
            while (!end && !closed) {
                byte[] buffer = free.take();
                int n = 0;
                try {
                    while (n < buffer.length) {
                        int r = in.read(buffer, n, buffer.length - n);
                        if (r < 0) {
                            end = true;
                            break;
                        }
                        n += r;
                    }
                } catch (IOException | RuntimeException | Error e) {
                    failure = e; // after the bytes that came before it
                    end = true;
                }
                if (n > 0) {
                    filled.put(new Chunk(buffer, n, null));
                }
            }
        } catch (InterruptedException e) {
            return; // closed: nobody reads what would follow
        }
        filled.add(new Chunk(null, -1, failure));
    }

    private boolean nextChunk() throws IOException {
        if (current != null && position < current.length()) {
            return true;
        }
        if (ended) {
            return false;
        }
        if (current != null) {
            free.add(current.data());
            current = null;
        }
        Chunk chunk;
        try {
            chunk = filled.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading ahead");
        }
        if (chunk.length() < 0) {
            ended = true;
            switch (chunk.failure()) {
                case null -> {
                    return false;
                }
                case IOException e -> throw e;
                case RuntimeException e -> throw e;
                case Error e -> throw e;
                default -> throw new UncheckedIOException(new IOException(chunk.failure()));
            }
        }
        current = chunk;
        position = 0;
        return true;
    }

    @Override
    public int read() throws IOException {
        return nextChunk() ? current.data()[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        java.util.Objects.checkFromIndexSize(offset, length, buffer.length);
        if (length == 0) {
            return 0;
        }
        if (!nextChunk()) {
            return -1;
        }
        int n = Math.min(length, current.length() - position);
        System.arraycopy(current.data(), position, buffer, offset, n);
        position += n;
        return n;
    }

    @Override
    public int available() {
        return current == null ? 0 : current.length() - position;
    }

    /** Stops the reader thread and waits for it, so nothing reads {@code in} once this returns. */
    @Override
    public void close() throws IOException {
        closed = true;
        reader.interrupt();
        try {
            // a stream below may swallow the interrupt: hand the buffers back so the reader never waits
            // for one, and it sees the flag at its next turn
            while (!reader.join(java.time.Duration.ofMillis(10))) {
                Chunk chunk;
                while ((chunk = filled.poll()) != null) {
                    if (chunk.data() != null) {
                        free.offer(chunk.data());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while stopping the read-ahead");
        }
    }
}
