package dev.strata.build.ignore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The rules of a .dockerignore file: which paths of the build context are left out.
 *
 * <p>Reading follows the docker CLI: a line starting with {@code #} is a comment (only in the first
 * column); surrounding whitespace is trimmed; empty lines are skipped; {@code !} marks an exception;
 * each pattern is cleaned as a path ({@code ./a} is {@code a}, {@code a/} is {@code a},
 * {@code a/../b} is {@code b}) and a leading {@code /} removed, since the context is the root.
 *
 * <p>Matching: patterns are tried in order and the last one that matches decides, so a later
 * {@code !keep.md} takes back what an earlier {@code *.md} left out. A pattern that matches a parent
 * directory of a path matches the path too. The Dockerfile and the .dockerignore themselves are sent
 * whatever the rules say; that is for the code sending the context to enforce.
 */
public final class DockerIgnore {
    private final List<IgnorePattern> patterns;

    private DockerIgnore(List<IgnorePattern> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    public static DockerIgnore none() {
        return new DockerIgnore(List.of());
    }

    /**
     * Parses the text of a .dockerignore.
     *
     * @throws IllegalArgumentException naming the line of a malformed pattern
     */
    public static DockerIgnore parse(String text) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<IgnorePattern> patterns = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int index = 0; index < lines.length; index++) {
            String line = lines[index];
            if (line.startsWith("#")) {
                continue;
            }
            String pattern = line.strip();
            if (pattern.isEmpty()) {
                continue;
            }
            boolean exception = pattern.startsWith("!");
            if (exception) {
                pattern = pattern.substring(1).strip();
                if (pattern.isEmpty()) {
                    throw new IllegalArgumentException(".dockerignore:" + (index + 1)
                            + ": illegal exclusion pattern: \"!\"");
                }
            }
            pattern = clean(pattern);
            if (pattern.length() > 1 && pattern.startsWith("/")) {
                pattern = pattern.substring(1);
            }
            try {
                patterns.add(IgnorePattern.compile(pattern, exception));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(".dockerignore:" + (index + 1) + ": " + e.getMessage(), e);
            }
        }
        return new DockerIgnore(patterns);
    }

    /**
     * The ignore file for a build: {@code <Dockerfile name>.dockerignore} beside the Dockerfile if
     * there is one (so each Dockerfile of a context can have its own), else {@code .dockerignore} at
     * the root of the context.
     */
    public static Optional<Path> locate(Path context, Path dockerfile) {
        Path specific = dockerfile.resolveSibling(dockerfile.getFileName() + ".dockerignore");
        if (Files.isRegularFile(specific)) {
            return Optional.of(specific);
        }
        Path general = context.resolve(".dockerignore");
        return Files.isRegularFile(general) ? Optional.of(general) : Optional.empty();
    }

    /** The rules that apply to a build of {@code dockerfile} in {@code context}; none if no file. */
    public static DockerIgnore load(Path context, Path dockerfile) throws IOException {
        Optional<Path> file = locate(context, dockerfile);
        return file.isEmpty() ? none() : parse(Files.readString(file.get(), StandardCharsets.UTF_8));
    }

    public List<IgnorePattern> patterns() {
        return patterns;
    }

    /** Whether some pattern is an exception: then an excluded directory may still have kept files. */
    public boolean hasExceptions() {
        return patterns.stream().anyMatch(IgnorePattern::exception);
    }

    /**
     * Whether {@code path} (relative to the context, {@code /}-separated) is left out of the context.
     */
    public boolean excludes(String path) {
        String file = clean(path);
        if (file.startsWith("/")) {
            file = file.length() == 1 ? "." : file.substring(1);
        }
        int slash = file.lastIndexOf('/');
        String[] parents = slash < 0 ? new String[0] : file.substring(0, slash).split("/");
        boolean excluded = false;
        for (IgnorePattern pattern : patterns) {
            // Only a pattern that could change the answer is worth trying.
            if (pattern.exception() != excluded) {
                continue;
            }
            boolean match = pattern.matches(file);
            StringBuilder parent = new StringBuilder();
            for (int i = 0; !match && i < parents.length; i++) {
                if (i > 0) {
                    parent.append('/');
                }
                parent.append(parents[i]);
                match = pattern.matches(parent.toString());
            }
            if (match) {
                excluded = !pattern.exception();
            }
        }
        return excluded;
    }

    /** Cleans a slash-separated path lexically, as Go's path.Clean does. */
    static String clean(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        boolean rooted = path.startsWith("/");
        Deque<String> kept = new ArrayDeque<>();
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (!kept.isEmpty() && !kept.peekLast().equals("..")) {
                    kept.removeLast();
                } else if (!rooted) {
                    kept.addLast("..");
                }
                continue;
            }
            kept.addLast(segment);
        }
        String joined = String.join("/", kept);
        if (rooted) {
            return "/" + joined;
        }
        return joined.isEmpty() ? "." : joined;
    }
}
