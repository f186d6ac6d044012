package dev.strata.build.executor.copy;

import dev.strata.build.executor.context.PathStat;
import dev.strata.build.executor.context.SourceHash;
import dev.strata.container.ScopedPath;
import dev.strata.error.InvalidInputException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Predicate;

/**
 * Finds what the sources of one COPY or ADD name in a tree, as Docker's classic builder does: a leading
 * {@code /} or {@code ./} is dropped; a path that climbs out with {@code ..} is forbidden; a path with
 * wildcards is matched against every path of the tree (a matching directory is copied whole); any other
 * path is looked up, symbolic links followed inside the tree, and must exist and not be excluded. Each
 * source gets Docker's checksum: {@code file:} for a file, {@code dir:} over every entry of a directory.
 * With {@code --exclude}, BuildKit's rules: a match whose name the rules exclude is left out, and so is
 * every path inside a directory source that they exclude relative to that directory.
 */
public final class Sources {
    private Sources() {
    }

    /** A source path lexically cleaned, relative to the tree's root; {@code "."} for the root itself. */
    public static String clean(String source) {
        boolean rooted = true; // a source is always inside the tree: /a and a are the same
        Deque<String> kept = new ArrayDeque<>();
        for (String part : source.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (kept.isEmpty() || kept.peekLast().equals("..")) {
                    kept.addLast("..");
                } else {
                    kept.removeLast();
                }
                continue;
            }
            kept.addLast(part);
        }
        String joined = String.join("/", kept);
        return joined.isEmpty() ? "." : joined;
    }

    /**
     * Resolves the sources.
     *
     * @param keyword   COPY or ADD, for the messages
     * @param excluded  the {@code --exclude} rules, matched against paths relative to the tree
     * @param parents   whether {@code --parents} keeps each source's path under the destination
     * @throws InvalidInputException worded as Docker words it ({@code COPY failed: ...})
     */
    public static List<CopySource> resolve(SourceTree tree, List<String> sources, String keyword,
                                           Predicate<String> excluded, boolean parents) throws IOException {
        List<CopySource> out = new ArrayList<>();
        for (String raw : sources) {
            String trimmed = raw.startsWith("/") ? raw.substring(1) : raw;
            String pivot = null;
            int dot = trimmed.lastIndexOf("/./");
            if (parents && dot >= 0) {
                pivot = clean(trimmed.substring(0, dot));
            }
            String rel = clean(trimmed);
            if (rel.equals("..") || rel.startsWith("../")) {
                throw new InvalidInputException(keyword + " failed: forbidden path outside the build context: "
                        + raw + " ()");
            }
            if (SourcePattern.hasWildcards(rel)) {
                SourcePattern pattern;
                try {
                    pattern = SourcePattern.compile(rel);
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException(keyword + " failed: " + e.getMessage());
                }
                for (String match : matches(tree, pattern, excluded)) {
                    out.add(lookUp(tree, match, keyword, excluded, keptPath(parents, pivot, match)));
                }
            } else {
                if (!rel.equals(".") && (tree.excluded(rel) || excluded.test(rel))) {
                    throw notFound(keyword, rel, tree);
                }
                out.add(lookUp(tree, rel, keyword, excluded, keptPath(parents, pivot, rel)));
            }
        }
        if (out.isEmpty()) {
            throw new InvalidInputException(keyword + " failed: no source files were specified");
        }
        return out;
    }

    private static String keptPath(boolean parents, String pivot, String rel) {
        if (!parents) {
            return null;
        }
        if (pivot != null && !pivot.equals(".") && rel.startsWith(pivot + "/")) {
            return rel.substring(pivot.length() + 1);
        }
        return rel.equals(".") ? "" : rel;
    }

    private static InvalidInputException notFound(String keyword, String rel, SourceTree tree) {
        return new InvalidInputException(keyword + " failed: file not found in " + tree.description()
                + " or excluded by .dockerignore: stat " + rel + ": file does not exist");
    }

    private static CopySource lookUp(SourceTree tree, String rel, String keyword, Predicate<String> excluded,
                                     String parents) throws IOException {
        Path path = rel.equals(".") ? tree.root() : ScopedPath.resolve(tree.root(), rel);
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            throw notFound(keyword, rel, tree);
        }
        String resolvedRel = relative(tree.root(), path);
        if (!resolvedRel.equals(".") && tree.excluded(resolvedRel)) {
            // a link to an excluded file: the context Docker receives has no such file
            throw notFound(keyword, rel, tree);
        }
        PathStat stat = PathStat.of(path);
        String checksum = stat.isDirectory()
                ? SourceHash.directory(directoryChecksums(tree, path, resolvedRel, excluded))
                : SourceHash.file(tree.checksum(resolvedRel, path, stat));
        return new CopySource(rel, path, stat, checksum, parents);
    }

    /** Every path of the tree that the pattern matches and {@code --exclude} does not (by its name), in walk order. */
    private static List<String> matches(SourceTree tree, SourcePattern pattern, Predicate<String> excluded)
            throws IOException {
        List<String> out = new ArrayList<>();
        walk(tree, tree.root(), ".", rel -> false, (rel, path, stat) -> {
            if (pattern.matches(rel) && !excluded.test(rel.substring(rel.lastIndexOf('/') + 1))) {
                out.add(rel);
            }
        });
        return out;
    }

    /**
     * {@code --exclude}'s rules as BuildKit applies them inside a directory source: to each path relative
     * to the directory being copied, {@code rel} (relative to the tree).
     */
    static Predicate<String> under(String rel, Predicate<String> excluded) {
        if (rel.equals(".")) {
            return excluded;
        }
        String prefix = rel + "/";
        return path -> path.startsWith(prefix) && excluded.test(path.substring(prefix.length()));
    }

    /**
     * The checksums of a directory's entries for its {@code dir:} checksum, the directory itself
     * included; a symbolic link counts as what it points to inside the tree, and one that points at
     * nothing as its tree says ({@link SourceTree#danglingLinkChecksum}), as in Docker.
     */
    private static List<String> directoryChecksums(SourceTree tree, Path dir, String rel, Predicate<String> excluded)
            throws IOException {
        List<String> out = new ArrayList<>();
        if (!rel.equals(".")) {
            out.add(tree.checksum(rel, dir, PathStat.of(dir)));
        }
        walk(tree, dir, rel, under(rel, excluded), (childRel, path, stat) -> {
            if (stat.isSymlink()) {
                Path target = ScopedPath.resolve(tree.root(), childRel);
                String targetRel = relative(tree.root(), target);
                if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)
                        || !targetRel.equals(".") && tree.excluded(targetRel)) {
                    String placeholder = tree.danglingLinkChecksum(childRel);
                    if (placeholder != null) {
                        out.add(placeholder);
                    }
                    return;
                }
                out.add(tree.checksum(targetRel, target, PathStat.of(target)));
                return;
            }
            out.add(tree.checksum(childRel, path, stat));
        });
        return out;
    }

    @FunctionalInterface
    interface Visitor {
        void visit(String rel, Path path, PathStat stat) throws IOException;
    }

    /**
     * Visits what is under {@code dir} (not {@code dir} itself), parents before children, names in byte
     * order, excluded paths left out; an excluded directory is entered only when rules may take back
     * something inside it, and is then visited as Docker's daemon would see it re-created.
     */
    static void walk(SourceTree tree, Path dir, String rel, Predicate<String> excluded, Visitor visitor)
            throws IOException {
        for (Path child : sortedChildren(dir)) {
            String name = child.getFileName().toString();
            String childRel = rel.equals(".") ? name : rel + "/" + name;
            PathStat stat = PathStat.of(child);
            boolean out = tree.excluded(childRel) || excluded.test(childRel);
            if (!out) {
                visitor.visit(childRel, child, stat);
            }
            if (stat.isDirectory() && (!out || tree.mayIncludeUnder(childRel))) {
                walk(tree, child, childRel, excluded, visitor);
            }
        }
    }

    static List<Path> sortedChildren(Path dir) throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            entries.forEach(children::add);
        }
        children.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        return children;
    }

    static String relative(Path root, Path path) {
        String text = root.relativize(path).toString();
        return text.isEmpty() ? "." : text;
    }
}
