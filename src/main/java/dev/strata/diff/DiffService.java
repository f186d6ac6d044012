package dev.strata.diff;

import dev.strata.layer.Change;
import dev.strata.layer.ExtractResult;
import dev.strata.layer.LayerDiff;
import dev.strata.layer.LayerExtractor;
import dev.strata.layer.TarSplit;
import dev.strata.layer.TarSummary;
import dev.strata.layer.WhiteoutMode;
import dev.strata.snapshot.ExtractTarget;
import dev.strata.snapshot.SnapshotFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Between snapshots and layer tars, as containerd's diff service is: the change of a snapshot over what
 * it stacks on, written as a layer tar or listed as {@code docker diff} lists it, and a layer tar applied
 * into a snapshot. The snapshotter only says where a snapshot's files are ({@link SnapshotFiles}); how to
 * read a change out of them depends on the form a deletion takes there: overlay's whiteout markers in an
 * upper directory, or a missing file against the parent's whole tree.
 */
public final class DiffService {
    private DiffService() {
    }

    /**
     * Writes the change of {@code files} over its lower directories as a layer tar, deterministically,
     * and returns what it holds. Nothing may write to the snapshot meanwhile.
     */
    public static TarSummary writeDiff(SnapshotFiles files, OutputStream tar) throws IOException {
        if (files.mode() == WhiteoutMode.OVERLAY) {
            return LayerDiff.writeOverlayUpper(files.dir(), tar);
        }
        return LayerDiff.writeTreeDifference(files.lowerDirs().getFirst(), files.dir(), tar);
    }

    /** The change of {@code files} over its lower directories, as {@code docker diff} lists it. */
    public static java.util.List<Change> changes(SnapshotFiles files) throws IOException {
        if (files.mode() == WhiteoutMode.OVERLAY) {
            return LayerDiff.overlayChanges(files.dir(), files.lowerDirs());
        }
        return LayerDiff.treeChanges(files.lowerDirs().getFirst(), files.dir());
    }

    /**
     * The bytes the change of {@code files} takes, as Docker's {@code DiffSize} counts a container's layer
     * for {@code ps --size}: the apparent sizes of the files it adds or changes, directories as zero,
     * symbolic links as their own size (never followed), each hard-linked inode once. With overlay that is
     * the upper directory as it stands (a whiteout is an empty device); with a whole tree, the files that
     * differ from the parent's.
     */
    public static long size(SnapshotFiles files) throws IOException {
        if (files.mode() == WhiteoutMode.OVERLAY) {
            return dev.strata.snapshot.FileTrees.usage(files.dir()).bytes();
        }
        return changesSize(files.dir(), changes(files));
    }

    /**
     * Docker's {@code ChangesSize}: the apparent sizes, in the whole tree {@code dir}, of the non-directories
     * {@code changes} adds or changes, links not followed, each hard-linked inode once.
     */
    public static long changesSize(java.nio.file.Path dir, java.util.List<Change> changes) throws IOException {
        long total = 0;
        java.util.Set<Object> counted = new java.util.HashSet<>();
        for (Change change : changes) {
            if (change.kind() == Change.Kind.DELETED) {
                continue;
            }
            java.nio.file.Path file = dir.resolve(change.path().substring(1));
            java.nio.file.attribute.BasicFileAttributes attributes = java.nio.file.Files.readAttributes(file,
                    java.nio.file.attribute.BasicFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isDirectory() && (attributes.fileKey() == null || counted.add(attributes.fileKey()))) {
                total += attributes.size();
            }
        }
        return total;
    }

    /**
     * Applies an uncompressed layer tar into an active snapshot, recording in {@code split} (unless null)
     * what re-creates the tar from the result.
     */
    public static ExtractResult apply(InputStream tar, ExtractTarget target, TarSplit.Writer split) throws IOException {
        return LayerExtractor.extract(tar, target.dir(), target.mode(), split);
    }
}
