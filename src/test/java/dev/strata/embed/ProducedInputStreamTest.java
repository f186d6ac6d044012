package dev.strata.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ProducedInputStreamTest {
    @Test
    void theReaderGetsEveryByteTheProducerWrote() throws IOException {
        byte[] data = new byte[5 << 20];
        new Random(15).nextBytes(data);
        try (InputStream in = new ProducedInputStream(out -> {
            out.write(data[0]);
            out.write(data, 1, 100);
            out.write(data, 101, data.length - 101);
        })) {
            assertThat(in.read()).isEqualTo(data[0] & 0xff);
            assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(data, 1, data.length));
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void aFailureOfTheProducerIsThrownWhereItHappened() throws IOException {
        try (InputStream in = new ProducedInputStream(out -> {
            out.write(new byte[10]);
            throw new java.nio.file.NoSuchFileException("/gone");
        })) {
            assertThat(in.readNBytes(10)).hasSize(10);
            assertThatThrownBy(in::read).isInstanceOf(java.nio.file.NoSuchFileException.class).hasMessage("/gone");
        }
    }

    @Test
    void closingEarlyStopsTheProducer() throws Exception {
        java.util.concurrent.CompletableFuture<Throwable> ended = new java.util.concurrent.CompletableFuture<>();
        InputStream in = new ProducedInputStream(out -> {
            try {
                while (true) {
                    out.write(new byte[1 << 16]);
                }
            } catch (IOException e) {
                ended.complete(e);
                throw e;
            }
        });
        assertThat(in.read()).isZero();
        in.close();
        assertThat(ended.get(30, java.util.concurrent.TimeUnit.SECONDS)).isInstanceOf(java.io.InterruptedIOException.class);
    }
}
