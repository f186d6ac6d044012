package dev.strata.build.executor.copy;

import dev.strata.compression.Compression;
import dev.strata.layer.LayerExtractor;
import dev.strata.layer.WhiteoutMode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * ADD's local archives: a source is unpacked when, once decompressed (gzip, bzip2, zstd, or none), it
 * starts with a tar header, whatever its name, as Docker's builder decides. Unpacking keeps the owners,
 * modes, times and links the archive holds and never writes outside the destination.
 */
public final class Archives {
    private Archives() {
    }

    /** Whether the file at {@code path} is a tar, compressed or not. */
    public static boolean isArchive(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            return false;
        }
        try (InputStream in = open(path);
             TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            return tar.getNextEntry() != null;
        } catch (IOException | RuntimeException notATar) {
            return false;
        }
    }

    /** Unpacks the archive at {@code path} into the directory {@code dest}. */
    public static void unpack(Path path, Path dest) throws IOException {
        try (InputStream tar = open(path)) {
            LayerExtractor.extract(tar, dest, WhiteoutMode.DIRECT);
        }
    }

    private static InputStream open(Path path) throws IOException {
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        try {
            Compression compression = Compression.detect(in);
            return new BufferedInputStream(compression.decompress(in), 1 << 16);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }
}
