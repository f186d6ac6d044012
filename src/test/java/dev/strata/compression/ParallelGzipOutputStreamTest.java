package dev.strata.compression;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parallel gzip is gzip: the JDK and gzip(1) read it back, and the bytes never depend on the threads. */
class ParallelGzipOutputStreamTest {
    @TempDir
    Path dir;

    private static byte[] sample(int size, long seed) {
        // half text-like (compressible, with matches across block edges), half random
        StringBuilder text = new StringBuilder();
        SplittableRandom random = new SplittableRandom(seed);
        while (text.length() < size / 2) {
            text.append("line ").append(random.nextInt(1000)).append(" of a layer that repeats itself\n");
        }
        byte[] out = new byte[size];
        byte[] head = text.toString().getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, out, 0, Math.min(head.length, size));
        byte[] tail = new byte[size - size / 2];
        random.nextBytes(tail);
        System.arraycopy(tail, 0, out, size / 2, tail.length);
        return out;
    }

    private static byte[] compress(byte[] input, int level, int blockSize, int threads, int chunk) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ParallelGzipOutputStream gz = new ParallelGzipOutputStream(out, level, blockSize, threads)) {
            for (int i = 0; i < input.length; i += chunk) {
                gz.write(input, i, Math.min(chunk, input.length - i));
            }
        }
        return out.toByteArray();
    }

    @Test
    void whatItWritesDecompressesToWhatWentIn() throws Exception {
        for (int size : new int[] {0, 1, 1000, 65536, 3_000_001}) {
            byte[] input = sample(size, size);
            byte[] gz = compress(input, 6, 128 * 1024, 2, 7777);
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
                assertThat(in.readAllBytes()).as("size %d", size).isEqualTo(input);
            }
            Path file = Files.write(dir.resolve("x" + size + ".gz"), gz);
            Process check = new ProcessBuilder("gzip", "-t", file.toString()).redirectErrorStream(true).start();
            assertThat(check.waitFor()).as("gzip -t of %d bytes: %s", size,
                    new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        }
    }

    @Test
    void theBytesDependOnTheInputLevelAndBlockSizeOnly() throws IOException {
        byte[] input = sample(2_500_000, 42);
        byte[] one = compress(input, 6, 256 * 1024, 1, 4096);
        byte[] four = compress(input, 6, 256 * 1024, 4, 100_000);
        assertThat(four).isEqualTo(one);
        assertThat(compress(input, 1, 256 * 1024, 2, 65536)).isNotEqualTo(one);
    }

    @Test
    void theDictionaryKeepsTheRatioNearSingleThreadedGzip() throws IOException {
        byte[] input = sample(4_000_000, 7);
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        try (var gz = Compression.gzip(plain, 6)) {
            gz.write(input);
        }
        byte[] parallel = compress(input, 6, 1 << 20, 2, 65536);
        assertThat((double) parallel.length / plain.size()).isLessThan(1.01);
    }
}
