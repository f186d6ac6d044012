package dev.strata.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.digest.Digest;
import dev.strata.digest.DigestingInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PassThroughInputStreamTest {
    /** Keeps a copy of what passes, as the tees do. */
    private static final class Copying extends PassThroughInputStream {
        final ByteArrayOutputStream seen = new ByteArrayOutputStream();

        Copying(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                seen.write(b, off, n);
            }
            return n;
        }
    }

    private static byte[] data(int size) {
        byte[] bytes = new byte[size];
        new Random(8).nextBytes(bytes);
        return bytes;
    }

    @Test
    void skippedBytesPassThroughReadSoTheFilterSeesEveryByte() throws IOException {
        byte[] bytes = data(300_000); // more than one skip buffer
        Copying in = new Copying(new ByteArrayInputStream(bytes));
        assertThat(in.read(new byte[10])).isEqualTo(10);
        assertThat(in.skip(200_000)).isEqualTo(200_000);
        assertThat(in.readAllBytes()).hasSize(bytes.length - 200_010);
        assertThat(in.seen.toByteArray()).isEqualTo(bytes);
    }

    @Test
    void skipStopsAtTheEndAndIgnoresNonPositiveCounts() throws IOException {
        Copying in = new Copying(new ByteArrayInputStream(data(100)));
        assertThat(in.skip(0)).isZero();
        assertThat(in.skip(-5)).isZero();
        assertThat(in.skip(1000)).isEqualTo(100);
        assertThat(in.skip(1)).isZero();
        assertThat(in.markSupported()).isFalse();
    }

    @Test
    void aDigestCoversSkippedBytes() throws IOException {
        byte[] bytes = data(70_000);
        DigestingInputStream in = new DigestingInputStream(new ByteArrayInputStream(bytes));
        in.skip(65_000);
        in.drain();
        assertThat(in.count()).isEqualTo(bytes.length);
        assertThat(in.digest()).isEqualTo(Digest.sha256(bytes));
    }
}
