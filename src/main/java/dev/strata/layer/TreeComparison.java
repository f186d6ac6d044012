package dev.strata.layer;

import dev.strata.layer.LayerStack.Dir;
import dev.strata.layer.LayerStack.Node;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * What changed from one tree to another, with {@code docker diff}'s rules, so that both snapshot
 * drivers report the same change the same way:
 * <ul>
 *   <li>added: a path only in the new tree, and everything below it;</li>
 *   <li>deleted: a path only in the old tree (not what was below it);</li>
 *   <li>changed: a path in both whose type, permissions, owner, xattrs, or (for non-directories)
 *       size, mtime, symlink target or device number differ (file contents are not read: same size
 *       and mtime means unchanged, as in Docker); and every directory in both trees holding a change
 *       below it, however deep (Docker shows {@code C /etc} above {@code A /etc/foo}). A directory's
 *       own size and mtime are not compared: they change with any change inside it.</li>
 * </ul>
 * When a directory became a non-directory its old children are reported deleted too (as Docker does),
 * marked {@link Difference#underReplaced} since a layer tar needs no whiteout for them.
 */
final class TreeComparison {
    /** One change; {@code node} is the new tree's file (the old tree's for a deletion). */
    record Difference(Change.Kind kind, String rel, Node node, boolean underReplaced) {
        Change change() {
            return new Change(kind, "/" + rel);
        }
    }

    private final LayerStack lower;
    private final LayerStack upper;
    private final boolean onlyTopLayerChanges;
    private final List<Difference> out = new ArrayList<>();

    /**
     * @param onlyTopLayerChanges true when {@code upper} is {@code lower} with one more layer on top (an
     *                            overlay upper dir): then only paths of that top layer (index 0) can
     *                            differ, and nothing else is visited
     */
    private TreeComparison(LayerStack lower, LayerStack upper, boolean onlyTopLayerChanges) {
        this.lower = lower;
        this.upper = upper;
        this.onlyTopLayerChanges = onlyTopLayerChanges;
    }

    /** The differences, sorted by path in byte order. */
    static List<Difference> compare(LayerStack lower, LayerStack upper, boolean onlyTopLayerChanges)
            throws IOException {
        TreeComparison comparison = new TreeComparison(lower, upper, onlyTopLayerChanges);
        comparison.compareDirectory(lower.root(), upper.root(), "");
        comparison.out.sort(Comparator.comparing(Difference::rel, LayerOrder::compareNames));
        return comparison.out;
    }

    /** Compares two directories present in both trees; true when anything below them changed. */
    private boolean compareDirectory(Dir old, Dir now, String rel) throws IOException {
        SortedMap<String, Node> before = lower.children(old);
        SortedMap<String, Node> after = upper.children(now);
        TreeSet<String> names = new TreeSet<>(LayerOrder::compareNames);
        names.addAll(before.keySet());
        names.addAll(after.keySet());
        boolean changed = false;
        for (String name : names) {
            String childRel = rel.isEmpty() ? name : rel + "/" + name;
            Node was = before.get(name);
            Node is = after.get(name);
            if (is == null) {
                out.add(new Difference(Change.Kind.DELETED, childRel, was, false));
                changed = true;
            } else if (was == null) {
                out.add(new Difference(Change.Kind.ADDED, childRel, is, false));
                if (is.stat().isDirectory()) {
                    addSubtree(upper.open(now, is), childRel);
                }
                changed = true;
            } else if (onlyTopLayerChanges && is.layer() != 0) {
                // the top layer has nothing here: this is the very file (or directory tree) of the old tree
            } else if (was.stat().isDirectory() && is.stat().isDirectory()) {
                Dir nowDir = upper.open(now, is);
                boolean below = (!onlyTopLayerChanges || nowDir.includesLayer(0))
                        && compareDirectory(lower.open(old, was), nowDir, childRel);
                if (below || differs(was, is)) {
                    out.add(new Difference(Change.Kind.CHANGED, childRel, is, false));
                    changed = true;
                }
            } else if (was.stat().isDirectory()) {
                out.add(new Difference(Change.Kind.CHANGED, childRel, is, false));
                for (Node gone : lower.children(lower.open(old, was)).values()) {
                    out.add(new Difference(Change.Kind.DELETED, childRel + "/" + gone.name(), gone, true));
                }
                changed = true;
            } else if (is.stat().isDirectory()) {
                out.add(new Difference(Change.Kind.CHANGED, childRel, is, false));
                addSubtree(upper.open(now, is), childRel);
                changed = true;
            } else if (differs(was, is)) {
                out.add(new Difference(Change.Kind.CHANGED, childRel, is, false));
                changed = true;
            }
        }
        return changed;
    }

    private void addSubtree(Dir dir, String rel) throws IOException {
        for (Node child : upper.children(dir).values()) {
            String childRel = rel + "/" + child.name();
            out.add(new Difference(Change.Kind.ADDED, childRel, child, false));
            if (child.stat().isDirectory()) {
                addSubtree(upper.open(dir, child), childRel);
            }
        }
    }

    private static boolean differs(Node was, Node is) throws IOException {
        FileStat a = was.stat();
        FileStat b = is.stat();
        if (a.type() != b.type() || a.permissions() != b.permissions() || a.uid() != b.uid() || a.gid() != b.gid()) {
            return true;
        }
        if (!a.isDirectory()) {
            if (!a.sameMtime(b) || a.size() != b.size()) {
                return true;
            }
            if (a.isSymlink() && !Files.readSymbolicLink(was.path()).equals(Files.readSymbolicLink(is.path()))) {
                return true;
            }
            if ((a.type() == FileStat.S_IFCHR || a.type() == FileStat.S_IFBLK) && a.rdev() != b.rdev()) {
                return true;
            }
        }
        return !LayerXattrs.equal(LayerXattrs.forLayer(LayerXattrs.readAll(was.path())),
                LayerXattrs.forLayer(LayerXattrs.readAll(is.path())));
    }
}
