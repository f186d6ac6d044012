package dev.strata.layer;

import dev.strata.linux.Linux;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes an uncompressed layer tar into a directory: the only code in Strata that does.
 *
 * <p>Safe against hostile layers: no entry writes, links or deletes outside {@code root}, whatever it
 * holds. Names are made relative ({@code /a} is {@code a}); a {@code ..} that climbs above the root is
 * refused; symlinks on the way to an entry are followed as if {@code root} were {@code /} (see
 * {@link ConfinedPaths}); the entry's own last component is never followed but replaced; a hardlink's
 * target is looked up inside the root the same way and must exist there. Anything refused, cut off or
 * unreadable is a {@link LayerFormatException} naming the entry and the problem.
 */
public final class LayerExtractor {
    private LayerExtractor() {
    }

    /**
     * Extracts {@code tar} under {@code root}, never writing outside it, keeping modes, owners, times,
     * xattrs, links and devices; whiteouts are written as {@code mode} says.
     *
     * <p>Streams: file contents go straight from the tar to disk through one buffer. Reads {@code tar}
     * to its end (past the end-of-archive blocks), so a digesting stream around it sees every byte; does
     * not close it. Devices are made only when running as root; otherwise they are skipped and counted
     * in {@link ExtractResult#skippedDevices()}. Directory modes and times are set last, after their
     * children are written. Not atomic: on failure the root holds what was written up to the bad entry,
     * and the caller discards it.
     */
    public static ExtractResult extract(InputStream tar, Path root, WhiteoutMode mode) throws IOException {
        return extract(tar, root, mode, null);
    }

    /**
     * As {@link #extract(InputStream, Path, WhiteoutMode)}, recording in {@code split} (unless null) what it
     * takes to re-create the tar from the tree: see {@link TarSplit}. When the tar itself replaces content
     * it wrote (the same file twice, say), the split is marked {@link TarSplit.Writer#spoiled}.
     */
    public static ExtractResult extract(InputStream tar, Path root, WhiteoutMode mode, TarSplit.Writer split)
            throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException("extract layer into " + root + ": not a directory");
        }
        return new Extraction(root.toRealPath(), mode, Linux.isRoot(), split).run(tar);
    }
}
