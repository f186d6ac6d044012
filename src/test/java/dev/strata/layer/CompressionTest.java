package dev.strata.layer;

import dev.strata.compression.Compression;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompressionTest {
    @TempDir
    Path dir;

    private static final byte[] TAR = new TarBuilder().file("a", "alpha").file("b", "beta").bytes();

    static byte[] gzip(byte[] data, int level) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = Compression.gzip(out, level)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    static byte[] zstd(byte[] data, int level) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream z = Compression.zstd(out, level)) {
            z.write(data);
        }
        return out.toByteArray();
    }

    private static Compression detect(byte[] bytes) throws IOException {
        return LayerCompression.detect(new BufferedInputStream(new ByteArrayInputStream(bytes)));
    }

    @Test
    void detectsByMagicBytes() throws Exception {
        assertThat(detect(gzip(TAR, 6))).isEqualTo(Compression.GZIP);
        assertThat(detect(zstd(TAR, 3))).isEqualTo(Compression.ZSTD);
        assertThat(detect(TAR)).isEqualTo(Compression.NONE);
        assertThat(detect(new TarBuilder().bytes())).isEqualTo(Compression.NONE); // an empty layer: zero blocks only
    }

    @Test
    void detectionLeavesTheStreamWhereItWas() throws Exception {
        BufferedInputStream in = new BufferedInputStream(new ByteArrayInputStream(TAR));
        LayerCompression.detect(in);
        assertThat(in.readAllBytes()).isEqualTo(TAR);
    }

    @Test
    void refusesWhatIsNeitherATarNorCompressed() throws Exception {
        byte[] garbage = new byte[2048];
        new Random(3).nextBytes(garbage);
        garbage[0] = 0x50;
        assertThatThrownBy(() -> detect(garbage)).isInstanceOf(LayerFormatException.class)
                .hasMessageStartingWith("not a tar or compressed tar (starts with 50 ");
        assertThatThrownBy(() -> detect(new byte[0])).isInstanceOf(LayerFormatException.class)
                .hasMessage("not a tar or compressed tar (empty input)");
        assertThatThrownBy(() -> detect("{\"layers\": []}".getBytes())).isInstanceOf(LayerFormatException.class)
                .hasMessage("not a tar or compressed tar (starts with 7b 22 6c 61 79 65 72 73)");
        assertThatThrownBy(() -> LayerCompression.detect(new ByteArrayInputStream(TAR) {
            @Override
            public boolean markSupported() {
                return false;
            }
        })).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsEveryMemberOfAMultiMemberGzipEvenWhenTheyArriveSlowly() throws Exception {
        ByteArrayOutputStream members = new ByteArrayOutputStream();
        int half = TAR.length / 2;
        members.write(gzip(java.util.Arrays.copyOfRange(TAR, 0, half), 1));
        members.write(gzip(java.util.Arrays.copyOfRange(TAR, half, TAR.length), 9));
        byte[] bytes = members.toByteArray();
        // a network stream: small reads, and available() says nothing is waiting
        InputStream trickle = new InputStream() {
            private int position;

            @Override
            public int read() {
                return position < bytes.length ? bytes[position++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (position >= bytes.length) {
                    return -1;
                }
                int n = Math.min(Math.min(len, 13), bytes.length - position);
                System.arraycopy(bytes, position, b, off, n);
                position += n;
                return n;
            }

            @Override
            public int available() {
                return 0;
            }
        };
        assertThat(LayerCompression.decompressed(trickle).readAllBytes()).isEqualTo(TAR);
    }

    @Test
    void readsConcatenatedZstdFrames() throws Exception {
        ByteArrayOutputStream frames = new ByteArrayOutputStream();
        frames.write(zstd(java.util.Arrays.copyOfRange(TAR, 0, 700), 3));
        frames.write(zstd(java.util.Arrays.copyOfRange(TAR, 700, TAR.length), 19));
        assertThat(LayerCompression.decompressed(new ByteArrayInputStream(frames.toByteArray())).readAllBytes())
                .isEqualTo(TAR);
    }

    @Test
    void compressedLayersExtract() throws Exception {
        for (byte[] compressed : new byte[][] {gzip(TAR, 6), zstd(TAR, 3), TAR}) {
            Path root = Files.createDirectories(dir.resolve("r" + compressed.length));
            LayerExtractor.extract(LayerCompression.decompressed(new ByteArrayInputStream(compressed)), root,
                    WhiteoutMode.DIRECT);
            assertThat(root.resolve("b")).hasContent("beta");
        }
    }

    @Test
    void gzipOutputIsReproducibleAndHonoursTheLevel() throws Exception {
        byte[] text = "a layer compresses well ".repeat(5000).getBytes();
        assertThat(gzip(text, 6)).isEqualTo(gzip(text, 6));
        assertThat(gzip(text, 0).length).isGreaterThan(text.length);
        assertThat(gzip(text, 9).length).isLessThan(gzip(text, 1).length);
        assertThatThrownBy(() -> Compression.gzip(new ByteArrayOutputStream(), 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("gzip level 10 is not in 0..9");
    }
}
