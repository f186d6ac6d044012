package dev.strata.layer;

import dev.strata.compression.Compression;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HexFormat;

/**
 * The compressions a layer may travel in (plain, gzip, zstd), told apart by their first bytes: the
 * media type is not always there to say, and not always right.
 */
public final class LayerCompression {
    private static final int TAR_RECORD = 512;
    private static final int STREAM_BUFFER = 64 * 1024;

    private LayerCompression() {
    }

    /**
     * Which compression {@code in} starts with, leaving the stream where it was (it must support
     * mark/reset). Anything neither gzip nor zstd must look like a tar (a first 512-byte header with a
     * valid checksum, or the zero block of an empty archive), or it is refused as not a tar or
     * compressed tar; bzip2 and xz are refused by name.
     */
    public static Compression detect(InputStream in) throws IOException {
        byte[] head = Compression.peek(in, TAR_RECORD);
        Compression compression = Compression.of(head);
        switch (compression) {
            case GZIP, ZSTD -> {
                return compression;
            }
            case BZIP2, XZ -> throw new LayerFormatException("the layer is " + compression.displayName()
                    + "-compressed; layers must be plain, gzip or zstd tar");
            case NONE -> {
                if (head.length == TAR_RECORD && (isZero(head) || HeaderTap.checksumOk(head))) {
                    return Compression.NONE;
                }
                throw new LayerFormatException("not a tar or compressed tar ("
                        + (head.length == 0 ? "empty input" : "starts with "
                        + HexFormat.ofDelimiter(" ").formatHex(head, 0, Math.min(8, head.length))) + ")");
            }
        }
        throw new AssertionError(compression);
    }

    /** Detects the compression of {@code in} and returns the tar inside it. */
    public static InputStream decompressed(InputStream in) throws IOException {
        InputStream buffered = in.markSupported() ? in : new BufferedInputStream(in, STREAM_BUFFER);
        return detect(buffered).decompress(buffered);
    }

    private static boolean isZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
