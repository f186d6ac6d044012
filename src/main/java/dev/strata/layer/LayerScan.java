package dev.strata.layer;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads a layer tar without writing it anywhere, to check that it is a well-formed tar and to measure
 * its unpacked size the way Docker does (regular files plus symlink target lengths; a hard link adds
 * nothing, its content is counted once at the original).
 */
public final class LayerScan {
    private LayerScan() {
    }

    /** Scans {@code tar} to its end; the caller's stream is consumed up to the end-of-archive marker. */
    public static TarSummary scan(InputStream tar) throws IOException {
        long size = 0;
        long entries = 0;
        Set<String> seen = new HashSet<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new NonClosing(tar))) {
            TarArchiveEntry entry;
            byte[] skipBuffer = new byte[1 << 16];
            while ((entry = in.getNextEntry()) != null) {
                entries++;
                if (entry.isSymbolicLink()) {
                    size += entry.getLinkName().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                } else if (entry.isFile() && !entry.isLink()) {
                    if (seen.add(entry.getName())) {
                        size += entry.getSize();
                    }
                    // read (not skip) so that a truncated archive is noticed here
                    long remaining = entry.getSize();
                    while (remaining > 0) {
                        int n = in.read(skipBuffer, 0, (int) Math.min(skipBuffer.length, remaining));
                        if (n < 0) {
                            throw new IOException("layer tar is truncated inside " + entry.getName());
                        }
                        remaining -= n;
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            // commons-compress reports some malformed headers this way
            throw new IOException("layer is not a valid tar archive: " + e.getMessage(), e);
        }
        return new TarSummary(size, entries);
    }

    private static final class NonClosing extends java.io.FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // the caller owns the stream
        }
    }
}
