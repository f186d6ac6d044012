package dev.strata.layer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/** Writes an uncompressed layer tar into a directory. (Stub: being written on branch `layer`.) */
public final class LayerExtractor {
    private LayerExtractor() {
    }

    /**
     * Extracts {@code tar} under {@code root}, never writing outside it, keeping modes, owners, times,
     * xattrs, links and devices; whiteouts are written as {@code mode} says.
     */
    public static ExtractResult extract(InputStream tar, Path root, WhiteoutMode mode) throws IOException {
        throw new UnsupportedOperationException("LayerExtractor.extract is being written on branch layer");
    }
}
