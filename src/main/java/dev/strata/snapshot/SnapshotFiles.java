package dev.strata.snapshot;

import dev.strata.layer.WhiteoutMode;
import java.nio.file.Path;
import java.util.List;

/**
 * A snapshot's data as plain directories, for the code that reads or writes layer tars without
 * mounting anything (the diff service, the tar-split's reassembly). {@code dir} is the snapshot's own
 * data: for overlay2 its diff (upper) directory, where a deletion is overlay's own whiteout marker; for
 * vfs its whole tree, deletions applied. {@code lowerDirs} is what it stacks on, nearest first: overlay2
 * the ancestors' diff directories; vfs the parent's whole tree, or an empty directory for a base.
 */
public record SnapshotFiles(Path dir, WhiteoutMode mode, List<Path> lowerDirs) {
    public SnapshotFiles {
        lowerDirs = List.copyOf(lowerDirs);
    }
}
