package dev.strata.compression;

import dev.strata.io.Awaited;
import dev.strata.io.BlockOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * gzip on every core, as pigz makes it: the input is cut into fixed blocks, each deflated on its own
 * thread with the previous block's last 32 KiB as its dictionary, ended with a sync flush (the last with
 * the final block), and the pieces written in order as one deflate stream in one gzip member. The
 * output depends on the input, the level and the block size only, never on the threads' timing, so the
 * same tar always gives the same blob (and digest). At most {@code 2 × threads} blocks are in flight:
 * memory is bounded whatever the input's size. The header carries no name and no time.
 */
public final class ParallelGzipOutputStream extends BlockOutputStream {
    private static final int DICTIONARY = 32 * 1024;
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    private final OutputStream out;
    private final int level;
    private final int blockSize;
    private final int maxInFlight;
    private final ExecutorService threads;
    private final ArrayDeque<Future<byte[]>> inFlight = new ArrayDeque<>();
    private final CRC32 crc = new CRC32();
    private byte[] block;
    private int filled;
    private byte[] dictionary;
    private long total;
    private boolean closed;

    /**
     * @param level     deflate level, 1-9 (or -1 for 6)
     * @param blockSize input bytes per block (pigz uses 128 KiB; larger blocks compress a little better)
     * @param threads   how many blocks to deflate at once
     */
    public ParallelGzipOutputStream(OutputStream out, int level, int blockSize, int threads) throws IOException {
        if (level != Deflater.DEFAULT_COMPRESSION && (level < 1 || level > 9)) {
            throw new IllegalArgumentException("gzip level " + level + " is not in 1..9");
        }
        this.out = out;
        this.level = level;
        this.blockSize = blockSize;
        this.maxInFlight = Math.max(2, threads * 2);
        this.threads = Executors.newFixedThreadPool(Math.max(1, threads), runnable -> {
            Thread thread = new Thread(runnable, "gzip");
            thread.setDaemon(true);
            return thread;
        });
        this.block = new byte[blockSize];
        out.write(HEADER);
    }

    /** On every available processor, in 1 MiB blocks. */
    public static ParallelGzipOutputStream onAllCores(OutputStream out, int level) throws IOException {
        return new ParallelGzipOutputStream(out, level, 1 << 20, Runtime.getRuntime().availableProcessors());
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (closed) {
            throw new IOException("gzip stream closed");
        }
        crc.update(bytes, offset, length);
        total += length;
        while (length > 0) {
            int n = Math.min(length, blockSize - filled);
            System.arraycopy(bytes, offset, block, filled, n);
            filled += n;
            offset += n;
            length -= n;
            if (filled == blockSize) {
                submit(false);
            }
        }
    }

    private void submit(boolean last) throws IOException {
        byte[] input = block;
        int size = filled;
        byte[] dict = dictionary;
        int from = Math.max(0, size - DICTIONARY);
        dictionary = size >= DICTIONARY || dict == null ? Arrays.copyOfRange(input, from, size)
                : concatTail(dict, input, size);
        block = new byte[blockSize];
        filled = 0;
        inFlight.add(threads.submit(() -> deflate(input, size, dict, last)));
        while (inFlight.size() >= maxInFlight || last && !inFlight.isEmpty()) {
            out.write(take(inFlight.poll()));
        }
    }

    /** The last 32 KiB of a short block appended to what came before it. */
    private static byte[] concatTail(byte[] previous, byte[] input, int size) {
        byte[] joined = new byte[Math.min(DICTIONARY, previous.length + size)];
        int fromPrevious = joined.length - size;
        System.arraycopy(previous, previous.length - fromPrevious, joined, 0, fromPrevious);
        System.arraycopy(input, 0, joined, fromPrevious, size);
        return joined;
    }

    private byte[] deflate(byte[] input, int size, byte[] dict, boolean last) {
        Deflater deflater = new Deflater(level, true);
        try {
            if (dict != null) {
                deflater.setDictionary(dict);
            }
            deflater.setInput(input, 0, size);
            if (last) {
                deflater.finish();
            }
            java.io.ByteArrayOutputStream piece = new java.io.ByteArrayOutputStream(size / 2 + 64);
            byte[] buffer = new byte[64 * 1024];
            while (true) {
                int n = last ? deflater.deflate(buffer) : deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
                piece.write(buffer, 0, n);
                if (last ? deflater.finished() : n < buffer.length && deflater.needsInput()) {
                    return piece.toByteArray();
                }
            }
        } finally {
            deflater.end();
        }
    }

    private static byte[] take(Future<byte[]> piece) throws IOException {
        return Awaited.value(piece, "compressing a gzip block");
    }

    /** Deflates what is left as the final block, writes the trailer, and closes the stream below. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            submit(true);
            long value = crc.getValue();
            byte[] trailer = new byte[8];
            for (int i = 0; i < 4; i++) {
                trailer[i] = (byte) (value >>> (8 * i));
                trailer[4 + i] = (byte) (total >>> (8 * i));
            }
            out.write(trailer);
            out.close();
        } finally {
            threads.shutdownNow();
        }
    }
}
