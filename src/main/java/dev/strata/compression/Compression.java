package dev.strata.compression;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import dev.strata.image.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

/**
 * How a stream is compressed, told by its first bytes (as Docker's {@code DecompressStream} does, not by
 * file names or media types, which may lie). Layers travel plain, gzip or zstd; whole archives may also
 * be bzip2. xz is recognised only to refuse it by name: no xz decoder is on the class path.
 */
public enum Compression {
    /** Not compressed. */
    NONE,
    /** gzip (RFC 1952), possibly several members one after another, as pigz and some registries write. */
    GZIP,
    /** Zstandard (RFC 8878), possibly several frames. */
    ZSTD,
    BZIP2,
    XZ;

    /** Bytes {@link #detect} looks at. */
    public static final int MAGIC_LENGTH = 6;
    private static final int STREAM_BUFFER = 64 * 1024;

    /**
     * Which compression {@code in} starts with, leaving the stream where it was (it must support
     * mark/reset, as {@link java.io.BufferedInputStream} does). Anything without a known magic number is
     * {@link #NONE}: whether it is what the caller expects (a tar) is the caller's question.
     */
    public static Compression detect(InputStream in) throws IOException {
        return of(peek(in, MAGIC_LENGTH));
    }

    /** Up to {@code length} first bytes of {@code in}, leaving it where it was (it must support mark/reset). */
    public static byte[] peek(InputStream in, int length) throws IOException {
        if (!in.markSupported()) {
            throw new IllegalArgumentException("detect compression: the stream must support mark/reset");
        }
        in.mark(length);
        try {
            return in.readNBytes(length);
        } finally {
            in.reset();
        }
    }

    /** The compression whose magic number {@code head} starts with; {@link #NONE} for any other bytes. */
    public static Compression of(byte[] head) {
        if (startsWith(head, 0x1f, 0x8b)) {
            return GZIP;
        }
        if (startsWith(head, 0x28, 0xb5, 0x2f, 0xfd)) {
            return ZSTD;
        }
        if (startsWith(head, 'B', 'Z', 'h')) {
            return BZIP2;
        }
        if (startsWith(head, 0xfd, '7', 'z', 'X', 'Z', 0x00)) {
            return XZ;
        }
        return NONE;
    }

    private static boolean startsWith(byte[] data, int... magic) {
        if (data.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((data[i] & 0xff) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The uncompressed stream. Closing it closes {@code in}. gzip members are read one after another to
     * the end of the stream (the JDK's reader, since JDK 23, no longer stops early when the next member
     * has not arrived yet); zstd frames and bzip2 streams likewise.
     */
    public InputStream decompress(InputStream in) throws IOException {
        return switch (this) {
            case NONE -> in;
            // 64 KiB: the JDK's default 512-byte input buffer costs a native call per half kilobyte
            case GZIP -> new GZIPInputStream(in, STREAM_BUFFER);
            case ZSTD -> new ZstdInputStreamNoFinalizer(in);
            // decompressConcatenated, as bzip2 -d does for a multi-stream file
            case BZIP2 -> new BZip2CompressorInputStream(in, true);
            case XZ -> throw new IOException("xz-compressed data cannot be read: decompress it first (xz -d)");
        };
    }

    /** Whether layers may travel compressed this way. */
    public boolean isLayerCompression() {
        return this == NONE || this == GZIP || this == ZSTD;
    }

    /** The OCI media type of a layer blob compressed this way. */
    public String layerMediaType() {
        return switch (this) {
            case NONE -> MediaTypes.OCI_LAYER;
            case GZIP -> MediaTypes.OCI_LAYER_GZIP;
            case ZSTD -> MediaTypes.OCI_LAYER_ZSTD;
            case BZIP2, XZ -> throw new IllegalStateException(this + " is not a layer compression");
        };
    }

    /** The compression a layer media type claims, or null when the type names none Strata knows. */
    public static Compression ofLayerMediaType(String mediaType) {
        if (mediaType == null) {
            return null;
        }
        if (mediaType.endsWith("+gzip") || mediaType.endsWith(".tar.gzip")) {
            return GZIP;
        }
        if (mediaType.endsWith("+zstd")) {
            return ZSTD;
        }
        if (mediaType.endsWith(".tar")) {
            return NONE;
        }
        return null;
    }

    public String displayName() {
        return switch (this) {
            case NONE -> "uncompressed";
            case GZIP -> "gzip";
            case ZSTD -> "zstd";
            case BZIP2 -> "bzip2";
            case XZ -> "xz";
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
}
