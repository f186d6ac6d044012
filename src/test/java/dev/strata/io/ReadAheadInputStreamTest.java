package dev.strata.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ReadAheadInputStreamTest {
    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    @Test
    void passesEveryByteInOrderWhateverTheReadSizes() throws IOException {
        byte[] data = random(1_000_003);
        try (InputStream ahead = new ReadAheadInputStream(new ByteArrayInputStream(data), 4096, 3)) {
            byte[] out = new byte[data.length];
            int at = 0;
            Random sizes = new Random(7);
            while (at < out.length) {
                if (sizes.nextInt(10) == 0) {
                    out[at++] = (byte) ahead.read();
                    continue;
                }
                int n = ahead.read(out, at, Math.min(out.length - at, 1 + sizes.nextInt(10_000)));
                assertThat(n).isPositive();
                at += n;
            }
            assertThat(out).isEqualTo(data);
            assertThat(ahead.read()).isEqualTo(-1);
            assertThat(ahead.read(new byte[10], 0, 10)).isEqualTo(-1);
        }
    }

    @Test
    void anEmptyStreamEndsAtOnce() throws IOException {
        try (InputStream ahead = new ReadAheadInputStream(InputStream.nullInputStream())) {
            assertThat(ahead.read()).isEqualTo(-1);
        }
    }

    /** A stream that fails after {@code good} bytes, as a digest check fails at the end. */
    private static InputStream failingAfter(byte[] good, Exception failure) {
        return new InputStream() {
            private int at;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (at == good.length) {
                    switch (failure) {
                        case IOException e -> throw e;
                        case RuntimeException e -> throw e;
                        default -> throw new AssertionError(failure);
                    }
                }
                int n = Math.min(len, good.length - at);
                System.arraycopy(good, at, b, off, n);
                at += n;
                return n;
            }
        };
    }

    @Test
    void theFailureOfTheStreamBelowReachesTheReaderAfterTheBytesBeforeIt() throws IOException {
        byte[] good = random(50_000);
        IOException digest = new IOException("sha256 mismatch");
        try (InputStream ahead = new ReadAheadInputStream(failingAfter(good, digest), 1024, 2)) {
            assertThat(ahead.readNBytes(good.length)).isEqualTo(good);
            assertThatThrownBy(ahead::read).isSameAs(digest);
        }
        IllegalStateException bug = new IllegalStateException("corrupt");
        try (InputStream ahead = new ReadAheadInputStream(failingAfter(new byte[0], bug))) {
            assertThatThrownBy(() -> ahead.read(new byte[5], 0, 5)).isSameAs(bug);
        }
    }

    @Test
    void closingHalfWayStopsTheReaderEvenIfTheStreamBelowNeverEnds() throws Exception {
        AtomicBoolean readAfterClose = new AtomicBoolean();
        AtomicBoolean closed = new AtomicBoolean();
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (closed.get()) {
                    readAfterClose.set(true);
                }
                java.util.Arrays.fill(b, off, off + len, (byte) 1);
                Thread.interrupted(); // a stream that swallows the interrupt
                return len;
            }
        };
        InputStream ahead = new ReadAheadInputStream(endless, 512, 2);
        assertThat(ahead.readNBytes(3000)).hasSize(3000);
        ahead.close();
        closed.set(true);
        Thread.sleep(50);
        assertThat(readAfterClose).isFalse();
    }
}
