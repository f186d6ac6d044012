package dev.strata.embed;

import dev.strata.io.BlockInputStream;
import dev.strata.io.BlockOutputStream;
import dev.strata.io.Waits;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The bytes a producer writes, as a stream to read, with a virtual thread writing: a directory's tar for
 * an import, without a temporary file and without holding the tar in memory (at most a few 64 KiB
 * chunks wait). Unlike {@link java.io.PipedInputStream}, a failure of the producer is thrown to the
 * reader where it happened, so a cut tar is never mistaken for a whole one.
 */
final class ProducedInputStream extends BlockInputStream {
    private static final int CHUNK = 1 << 16;

    @FunctionalInterface
    interface Producer {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Written bytes; {@code data} null marks the end, {@code failure} how the producer ended. */
    private record Chunk(byte[] data, Throwable failure) {
    }

    private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(4);
    private final Thread writer;
    private byte[] current;
    private int position;
    private boolean ended;

    ProducedInputStream(Producer producer) {
        this.writer = Thread.ofVirtual().name("strata-producer").start(() -> {
            Throwable failure = null;
            try (OutputStream out = new BufferedOutputStream(new ChunkSink(), CHUNK)) {
                producer.writeTo(out);
            } catch (InterruptedIOException closed) {
                return; // the reader closed the stream: nobody waits for the end
            } catch (IOException | RuntimeException | Error e) {
                failure = e;
            }
            try {
                queue.put(new Chunk(null, failure));
            } catch (InterruptedException closed) {
                // the reader is gone
            }
        });
    }

    /** Hands each write to the reader as a chunk of its own. */
    private final class ChunkSink extends BlockOutputStream {
        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (length == 0) {
                return;
            }
            try {
                queue.put(new Chunk(Arrays.copyOfRange(bytes, offset, offset + length), null));
            } catch (InterruptedException e) {
                throw new InterruptedIOException("the reader closed the stream");
            }
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (current == null || position == current.length) {
            if (ended) {
                return -1;
            }
            Chunk chunk = Waits.get(queue::take, "interrupted while reading");
            if (chunk.data() == null) {
                ended = true;
                switch (chunk.failure()) {
                    case null -> { }
                    case IOException e -> throw e;
                    case UncheckedIOException e -> throw e.getCause();
                    case RuntimeException e -> throw e;
                    case Error e -> throw e;
                    default -> throw new IOException(chunk.failure());
                }
                return -1;
            }
            current = chunk.data();
            position = 0;
        }
        int n = Math.min(length, current.length - position);
        System.arraycopy(current, position, buffer, offset, n);
        position += n;
        return n;
    }

    @Override
    public void close() {
        ended = true;
        writer.interrupt();
        queue.clear();
    }
}
