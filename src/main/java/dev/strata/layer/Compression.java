package dev.strata.layer;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HexFormat;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The compressions a layer travels in, told apart by their first bytes (the media type is not always
 * there to say, and not always right).
 */
public enum Compression {
    /** A plain tar. */
    NONE,
    /** gzip (RFC 1952), possibly several members one after another, as pigz and some registries write. */
    GZIP,
    /** Zstandard (RFC 8878), possibly several frames. */
    ZSTD;

    private static final int TAR_RECORD = 512;
    private static final int STREAM_BUFFER = 64 * 1024;

    /**
     * Which compression {@code in} starts with, leaving the stream where it was (it must support
     * mark/reset, as {@link BufferedInputStream} does). gzip is {@code 1f 8b}, zstd {@code 28 b5 2f fd};
     * anything else must look like a tar (a first 512-byte header with a valid checksum, or the zero
     * block of an empty archive), or it is refused as not a tar or compressed tar.
     */
    public static Compression detect(InputStream in) throws IOException {
        if (!in.markSupported()) {
            throw new IllegalArgumentException("detect compression: the stream must support mark/reset");
        }
        in.mark(TAR_RECORD);
        byte[] head;
        try {
            head = in.readNBytes(TAR_RECORD);
        } finally {
            in.reset();
        }
        if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return GZIP;
        }
        if (head.length >= 4 && (head[0] & 0xff) == 0x28 && (head[1] & 0xff) == 0xb5 && (head[2] & 0xff) == 0x2f
                && (head[3] & 0xff) == 0xfd) {
            return ZSTD;
        }
        if (head.length == TAR_RECORD && (isZero(head) || HeaderTap.checksumOk(head))) {
            return NONE;
        }
        throw new LayerFormatException("not a tar or compressed tar ("
                + (head.length == 0 ? "empty input" : "starts with "
                + HexFormat.ofDelimiter(" ").formatHex(head, 0, Math.min(8, head.length))) + ")");
    }

    /** Detects the compression of {@code in} and returns the tar inside it. */
    public static InputStream decompressed(InputStream in) throws IOException {
        InputStream buffered = in.markSupported() ? in : new BufferedInputStream(in, STREAM_BUFFER);
        return detect(buffered).decompress(buffered);
    }

    /**
     * The uncompressed stream. Closing it closes {@code in}. gzip members are read one after another to
     * the end of the stream (the JDK's reader, since JDK 23, no longer stops early when the next member
     * has not arrived yet); zstd frames likewise.
     */
    public InputStream decompress(InputStream in) throws IOException {
        return switch (this) {
            case NONE -> in;
            case GZIP -> new GZIPInputStream(in, STREAM_BUFFER);
            case ZSTD -> new ZstdInputStreamNoFinalizer(in);
        };
    }

    /**
     * A gzip stream at {@code level} (0-9, or -1 for the default, 6). The header carries no time or
     * name, so the same tar gives the same bytes. Closing it finishes the gzip member and closes
     * {@code out}.
     */
    public static OutputStream gzip(OutputStream out, int level) throws IOException {
        if (level != Deflater.DEFAULT_COMPRESSION && (level < 0 || level > 9)) {
            throw new IllegalArgumentException("gzip level " + level + " is not in 0..9");
        }
        return new LeveledGzipOutputStream(out, level);
    }

    /** A zstd stream at {@code level} (1-19 are the usual ones; 3 is zstd's default). Closing it closes {@code out}. */
    public static OutputStream zstd(OutputStream out, int level) throws IOException {
        return new ZstdOutputStreamNoFinalizer(out, level).setChecksum(true);
    }

    private static final class LeveledGzipOutputStream extends GZIPOutputStream {
        LeveledGzipOutputStream(OutputStream out, int level) throws IOException {
            super(out, STREAM_BUFFER);
            def.setLevel(level); // before any data: the header written by super() doesn't depend on it
        }
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
