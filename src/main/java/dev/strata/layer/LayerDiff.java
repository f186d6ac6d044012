package dev.strata.layer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/** Turns a change to a file tree into a layer tar. (Stub: being written on branch `layer`.) */
public final class LayerDiff {
    private LayerDiff() {
    }

    /** Writes the overlayfs upper directory {@code upper} as a deterministic layer tar. */
    public static void writeOverlayUpper(Path upper, OutputStream tar) throws IOException {
        throw new UnsupportedOperationException("being written on branch layer");
    }

    /** Writes the difference from tree {@code lower} to tree {@code upper} as a deterministic layer tar. */
    public static void writeTreeDifference(Path lower, Path upper, OutputStream tar) throws IOException {
        throw new UnsupportedOperationException("being written on branch layer");
    }

    /** The changes of an overlay upper directory over its lower directories (top first), sorted by path. */
    public static List<Change> overlayChanges(Path upper, List<Path> lowers) throws IOException {
        throw new UnsupportedOperationException("being written on branch layer");
    }

    /** The changes from tree {@code lower} to tree {@code upper}, sorted by path. */
    public static List<Change> treeChanges(Path lower, Path upper) throws IOException {
        throw new UnsupportedOperationException("being written on branch layer");
    }
}
