package dev.strata.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A layer tar of a given size made on the fly from a seeded random generator, streamed so that a
 * 200 MB layer never sits in memory. The same seed and size give the same bytes.
 */
public final class GeneratedLayer {
    private GeneratedLayer() {
    }

    /** A tar of {@code files} files under {@code dir/}, {@code bytesPerFile} each. */
    public static InputStream stream(String dir, int files, int bytesPerFile, long seed) {
        try {
            PipedInputStream in = new PipedInputStream(1 << 20);
            PipedOutputStream out = new PipedOutputStream(in);
            Thread.ofVirtual().start(() -> {
                try (out) {
                    write(out, dir, files, bytesPerFile, seed);
                } catch (IOException e) {
                    // the reader went away; nothing to report
                }
            });
            return in;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(OutputStream target, String dir, int files, int bytesPerFile, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] chunk = new byte[bytesPerFile];
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(target)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            TarArchiveEntry dirEntry = new TarArchiveEntry(dir + "/");
            dirEntry.setModTime(1_700_000_000_000L);
            tar.putArchiveEntry(dirEntry);
            tar.closeArchiveEntry();
            for (int i = 0; i < files; i++) {
                random.nextBytes(chunk);
                TarArchiveEntry entry = new TarArchiveEntry(dir + "/file-" + i);
                entry.setSize(chunk.length);
                entry.setModTime(1_700_000_000_000L);
                tar.putArchiveEntry(entry);
                tar.write(chunk);
                tar.closeArchiveEntry();
            }
            tar.finish();
        }
    }
}
