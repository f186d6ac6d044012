package dev.strata.layer;

import dev.strata.layer.TreeComparison.Difference;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Turns a change to a file tree into a layer tar, or into {@code docker diff} lines.
 *
 * <p>The tars are deterministic: the same change gives the same bytes, hence the same diffID. Entries
 * go depth first in byte order of names, whiteouts before their siblings (see {@link LayerOrder});
 * owners are numeric, user and group names empty, mtimes whole seconds, no atime or ctime; PAX headers
 * only where ustar can't say it (see {@link LayerTarWriter}). Regular-file contents are streamed.
 */
public final class LayerDiff {
    private LayerDiff() {
    }

    /**
     * Writes the overlayfs upper directory {@code upper} as a deterministic layer tar: a 0/0 character
     * device becomes an empty {@code .wh.NAME} file, a directory with {@code trusted.overlay.opaque=y}
     * is followed by {@code DIR/.wh..wh..opq}, overlay's other xattrs are dropped, files hardlinked
     * together within the upper become tar hardlinks, sockets are left out. Refuses an upper that
     * overlayfs wrote with {@code redirect_dir} or {@code metacopy} on: there the upper alone doesn't
     * hold the change (a renamed directory's files, a file's data, stay in the lower layers), so the
     * overlay must be mounted with {@code redirect_dir=off,metacopy=off} for its upper to be diffed.
     * Returns what the tar holds, so the caller need not read it back.
     */
    public static TarSummary writeOverlayUpper(Path upper, OutputStream tar) throws IOException {
        LayerTarWriter writer = new LayerTarWriter(tar);
        if (LayerXattrs.isOpaque(upper)) {
            writer.whiteout(Extraction.OPAQUE_MARKER);
        }
        writeUpperDirectory(writer, upper, "");
        return writer.finish();
    }

    /**
     * Writes the difference from tree {@code lower} to tree {@code upper} as a deterministic layer tar:
     * added and changed paths (with every changed directory above them) in full, and a {@code .wh.NAME}
     * for each deleted path (one for a deleted directory, not one per file in it). For the copy-based
     * driver; see {@link TreeComparison} for what counts as a change. Returns what the tar holds.
     */
    public static TarSummary writeTreeDifference(Path lower, Path upper, OutputStream tar) throws IOException {
        List<Difference> differences = TreeComparison.compare(LayerStack.plain(lower), LayerStack.plain(upper), false);
        TreeMap<String, Difference> entries = new TreeMap<>(LayerOrder.TAR_ENTRIES);
        for (Difference difference : differences) {
            if (difference.kind() == Change.Kind.DELETED) {
                if (!difference.underReplaced()) {
                    entries.put(whiteoutName(difference.rel()), difference);
                }
            } else {
                refuseMarkerName(difference.rel());
                entries.put(difference.rel(), difference);
            }
        }
        LayerTarWriter writer = new LayerTarWriter(tar);
        for (Map.Entry<String, Difference> entry : entries.entrySet()) {
            Difference difference = entry.getValue();
            if (difference.kind() == Change.Kind.DELETED) {
                writer.whiteout(entry.getKey());
            } else {
                LayerStack.Node node = difference.node();
                writer.write(entry.getKey(), node.path(), node.stat(),
                        LayerXattrs.forLayer(LayerXattrs.readAll(node.path())));
            }
        }
        return writer.finish();
    }

    /**
     * The changes of an overlay upper directory over its lower directories (top first), sorted by path:
     * what {@code docker diff} shows, and the same lines {@link #treeChanges} gives for the merged
     * trees before and after. Reads the lower layers as overlayfs merges them, without mounting.
     */
    public static List<Change> overlayChanges(Path upper, List<Path> lowers) throws IOException {
        List<Path> stack = new ArrayList<>(lowers.size() + 1);
        stack.add(upper);
        stack.addAll(lowers);
        return changes(TreeComparison.compare(LayerStack.overlay(lowers), LayerStack.overlay(stack), true));
    }

    /** The changes from tree {@code lower} to tree {@code upper}, sorted by path. */
    public static List<Change> treeChanges(Path lower, Path upper) throws IOException {
        return changes(TreeComparison.compare(LayerStack.plain(lower), LayerStack.plain(upper), false));
    }

    private static List<Change> changes(List<Difference> differences) {
        List<Change> out = new ArrayList<>(differences.size());
        for (Difference difference : differences) {
            out.add(difference.change());
        }
        return out;
    }

    private record UpperChild(String tarName, Path path, FileStat stat) {
    }

    private static void writeUpperDirectory(LayerTarWriter writer, Path dir, String rel) throws IOException {
        List<UpperChild> children = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path child : entries) {
                String name = child.getFileName().toString();
                FileStat stat = FileStat.of(child);
                if (stat.isWhiteout()) {
                    name = Extraction.WHITEOUT_PREFIX + name;
                } else {
                    refuseMarkerName(rel.isEmpty() ? name : rel + "/" + name);
                }
                children.add(new UpperChild(name, child, stat));
            }
        }
        // tar order: whiteouts first, then the rest, each in byte order
        children.sort(Comparator.comparing(UpperChild::tarName, LayerOrder.TAR_ENTRIES));
        for (UpperChild child : children) {
            String childRel = rel.isEmpty() ? child.tarName() : rel + "/" + child.tarName();
            if (child.stat().isWhiteout()) {
                writer.whiteout(childRel);
                continue;
            }
            SortedMap<String, byte[]> all = LayerXattrs.readAll(child.path());
            refuseIncompleteUpper(all, child.path());
            writer.write(childRel, child.path(), child.stat(), LayerXattrs.forLayer(all));
            if (child.stat().isDirectory()) {
                if (LayerXattrs.isOpaque(all)) {
                    writer.whiteout(childRel + "/" + Extraction.OPAQUE_MARKER);
                }
                writeUpperDirectory(writer, child.path(), childRel);
            }
        }
    }

    private static void refuseIncompleteUpper(Map<String, byte[]> xattrs, Path path) throws IOException {
        if (xattrs.containsKey(LayerXattrs.OVERLAY_REDIRECT)) {
            throw new IOException("diff overlay upper: " + path + " is a directory overlayfs renamed with"
                    + " redirect_dir; its files are still in a lower layer (mount with redirect_dir=off)");
        }
        if (xattrs.containsKey(LayerXattrs.OVERLAY_METACOPY)) {
            throw new IOException("diff overlay upper: " + path + " was copied up metadata-only; its data is"
                    + " still in a lower layer (mount with metacopy=off)");
        }
    }

    /**
     * A file really named {@code .wh.something} can't go into a layer: every reader would take it for a
     * deletion. The OCI spec rules such names out; better to say so than to write a layer that deletes.
     */
    private static void refuseMarkerName(String rel) throws IOException {
        String base = rel.substring(rel.lastIndexOf('/') + 1);
        if (base.startsWith(Extraction.WHITEOUT_PREFIX)) {
            throw new IOException("write layer: /" + rel + " cannot be stored in a layer: names starting with "
                    + Extraction.WHITEOUT_PREFIX + " mark deletions");
        }
    }

    private static String whiteoutName(String rel) {
        int slash = rel.lastIndexOf('/');
        return slash < 0 ? Extraction.WHITEOUT_PREFIX + rel
                : rel.substring(0, slash + 1) + Extraction.WHITEOUT_PREFIX + rel.substring(slash + 1);
    }
}
