package dev.strata.archive;

import com.github.luben.zstd.ZstdInputStream;
import dev.strata.image.MediaTypes;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

/**
 * How a stream is compressed, told by its first bytes (as Docker's {@code DecompressStream} does, not by
 * file names or media types, which may lie). Whole archives may be gzip, zstd or bzip2; layers plain,
 * gzip or zstd. xz is recognised only to refuse it by name: no xz decoder is on the class path.
 */
enum Compression {
    NONE, GZIP, ZSTD, BZIP2, XZ;

    private static final int MAGIC_LENGTH = 6;

    /** Peeks at the first bytes of {@code in}, which must support mark/reset; nothing is consumed. */
    static Compression detect(BufferedInputStream in) throws IOException {
        in.mark(MAGIC_LENGTH);
        byte[] magic = in.readNBytes(MAGIC_LENGTH);
        in.reset();
        if (startsWith(magic, 0x1f, 0x8b)) {
            return GZIP;
        }
        if (startsWith(magic, 0x28, 0xb5, 0x2f, 0xfd)) {
            return ZSTD;
        }
        if (startsWith(magic, 'B', 'Z', 'h')) {
            return BZIP2;
        }
        if (startsWith(magic, 0xfd, '7', 'z', 'X', 'Z', 0x00)) {
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

    /** The decompressed view of {@code in}. */
    InputStream decompress(InputStream in) throws IOException {
        return switch (this) {
            case NONE -> in;
            // 64 KiB: the JDK's default 512-byte input buffer costs a native call per half kilobyte
            case GZIP -> new GZIPInputStream(in, 1 << 16);
            case ZSTD -> new ZstdInputStream(in);
            // decompressConcatenated, as bzip2 -d does for a multi-stream file
            case BZIP2 -> new BZip2CompressorInputStream(in, true);
            case XZ -> throw new IOException("xz-compressed data cannot be read: decompress it first (xz -d)");
        };
    }

    /** The OCI media type of a layer blob compressed this way. */
    String layerMediaType() {
        return switch (this) {
            case NONE -> MediaTypes.OCI_LAYER;
            case GZIP -> MediaTypes.OCI_LAYER_GZIP;
            case ZSTD -> MediaTypes.OCI_LAYER_ZSTD;
            case BZIP2, XZ -> throw new IllegalStateException(this + " is not a layer compression");
        };
    }

    /** The compression a layer media type claims, or null when the type names none Strata knows. */
    static Compression ofLayerMediaType(String mediaType) {
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

    String displayName() {
        return switch (this) {
            case NONE -> "uncompressed";
            case GZIP -> "gzip";
            case ZSTD -> "zstd";
            case BZIP2 -> "bzip2";
            case XZ -> "xz";
        };
    }
}
