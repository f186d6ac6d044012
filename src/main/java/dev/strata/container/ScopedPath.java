package dev.strata.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Resolves a path as a process chrooted at {@code root} would: {@code ..} stops at the root, and symbolic
 * links are followed with absolute targets taken relative to the root, so no path, however its links are
 * laid out, leads outside. Used for every host-side access to a container's files ({@code cp}, the
 * passwd lookup, the working directory).
 *
 * <p>Not proof against a container changing its links while we resolve (a running container could swap
 * a directory for a link between our check and our use); {@code openat2(RESOLVE_IN_ROOT)} would close
 * that window.
 */
public final class ScopedPath {
    private static final int MAX_LINKS = 255;

    private ScopedPath() {
    }

    /** The host path for {@code path} inside {@code root}, following every symlink, the last one too. */
    public static Path resolve(Path root, String path) throws IOException {
        return resolve(root, path, true);
    }

    /**
     * As {@link #resolve(Path, String)}; with {@code followLast} false a symlink in the last component is
     * not followed (the link itself is meant), as {@code cp} without {@code -L} does.
     */
    public static Path resolve(Path root, String path, boolean followLast) throws IOException {
        Deque<String> remaining = new ArrayDeque<>(split(path));
        List<String> resolved = new ArrayList<>();
        int links = 0;
        while (!remaining.isEmpty()) {
            String part = remaining.pollFirst();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!resolved.isEmpty()) {
                    resolved.removeLast();
                }
                continue;
            }
            Path candidate = join(root, resolved).resolve(part);
            boolean last = remaining.stream().allMatch(p -> p.isEmpty() || p.equals("."));
            if ((followLast || !last) && Files.isSymbolicLink(candidate)) {
                if (++links > MAX_LINKS) {
                    throw new IOException("too many levels of symbolic links: " + path);
                }
                String target = Files.readSymbolicLink(candidate).toString();
                if (target.startsWith("/")) {
                    resolved.clear();
                }
                List<String> targetParts = split(target);
                for (int i = targetParts.size() - 1; i >= 0; i--) {
                    remaining.addFirst(targetParts.get(i));
                }
                continue;
            }
            resolved.add(part);
        }
        return join(root, resolved);
    }

    /** The path inside the container of a host path under {@code root} ({@code /} for the root itself). */
    public static String inside(Path root, Path hostPath) {
        Path relative = root.relativize(hostPath);
        String text = relative.toString();
        return text.isEmpty() ? "/" : "/" + text;
    }

    static boolean exists(Path path) {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }

    private static Path join(Path root, List<String> parts) {
        Path out = root;
        for (String part : parts) {
            out = out.resolve(part);
        }
        return out;
    }

    private static List<String> split(String path) {
        List<String> out = new ArrayList<>();
        for (String part : path.split("/")) {
            if (!part.isEmpty()) {
                out.add(part);
            }
        }
        return out;
    }
}
