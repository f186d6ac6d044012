package dev.strata.layer;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The tar-split of a layer tar that was written from a tree this process still has (a build step's
 * snapshot, written out as the step's layer), so that tree can become the layer's unpacked form
 * without extracting the tar again. It reads the tar only: every regular file's content is taken to
 * be the file at the entry's path in the tree, as an extraction would have written it, and that is
 * checked against the tree (a regular file of that size, reached through no symbolic link); where it
 * does not hold, the split is spoiled and the caller keeps the tar.
 */
public final class WrittenTreeSplit {
    private WrittenTreeSplit() {
    }

    /**
     * Records {@code tar}'s split into {@code split}, checking each file's content against {@code root};
     * afterwards {@link TarSplit.Writer#spoiled()} says whether the tree serves it.
     */
    public static void record(InputStream tar, Path root, TarSplit.Writer split) throws IOException {
        Path realRoot = root.toRealPath();
        HeaderTap tap = new HeaderTap(new BufferedInputStream(tar, 256 * 1024), split);
        TarArchiveInputStream entries = new TarArchiveInputStream(tap);
        Set<String> recorded = new HashSet<>();
        byte[] scratch = new byte[64 * 1024];
        while (true) {
            tap.beginHeaders();
            TarArchiveEntry entry = entries.getNextEntry();
            HeaderTap.Headers headers = tap.endHeaders();
            if (headers.problem() != null) {
                throw new LayerFormatException(headers.problem());
            }
            if (entry == null) {
                break;
            }
            EntryName name = EntryName.parse(entry.getName());
            if (!isContent(entry, name)) {
                continue; // no content, or content the split keeps raw (a sparse file's map)
            }
            String rel = name.path();
            tap.beginPayload();
            long length = 0;
            for (int n; (n = entries.read(scratch)) >= 0; ) {
                length += n;
            }
            tap.endPayload(rel);
            if (!recorded.add(rel)) {
                split.spoil("entry " + rel + " appears twice in the layer");
            } else if (!inTree(realRoot, rel, length)) {
                split.spoil("the tree has no regular file " + rel + " of " + length + " bytes");
            }
        }
        tap.drain();
    }

    /** Whether an extraction writes the entry's content to a file of its own path, as the split records it. */
    private static boolean isContent(TarArchiveEntry entry, EntryName name) {
        String base = name.base();
        if (name.isRoot() || base.startsWith(Extraction.WHITEOUT_PREFIX) || entry.isSparse()
                || name.components().stream().anyMatch(c -> c.startsWith(Extraction.AUFS_META_PREFIX))) {
            return false;
        }
        return switch (entry.getLinkFlag()) {
            case '0', '\0', '7', 'S' -> !entry.getName().endsWith("/");
            default -> false;
        };
    }

    private static boolean inTree(Path realRoot, String rel, long length) throws IOException {
        Path file = realRoot.resolve(rel);
        try {
            BasicFileAttributes attributes = java.nio.file.Files.readAttributes(file, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            return attributes.isRegularFile() && attributes.size() == length
                    && file.getParent().toRealPath().equals(file.getParent());
        } catch (NoSuchFileException e) {
            return false;
        }
    }
}
