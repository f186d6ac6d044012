package dev.strata.layer;

import dev.strata.linux.PathCalls;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;

/**
 * Resolves layer names to real directories inside a root, the way a process chrooted into the root
 * would see them: a symlink met on the way is followed, but an absolute target starts again at the
 * root and {@code ..} stops at the root. So a layer (or a lower layer under it) holding
 * {@code etc -> /} or {@code x -> ../../..} can't lead a later entry out: {@code x/etc/passwd} lands
 * on {@code ROOT/etc/passwd}. Every directory this returns is a real directory (no symlink left in
 * its path), so the caller can then act on {@code dir/name} without the kernel following anything
 * but the last component, which callers never follow either: they replace it.
 *
 * <p>Nothing else writes in the root while a layer is applied, so checking first and acting after
 * is safe here; resolutions are cached by lexical name, and the cache is dropped whenever a
 * directory or symlink is removed (the only way a resolved chain can change).
 */
final class ConfinedPaths {
    /** Linux's own limit (ELOOP) on symlinks in one resolution. */
    private static final int MAX_SYMLINKS = 40;

    /** A real directory inside the root: its path, and its path relative to the root ("" for the root). */
    record RealDir(Path path, String rel) {
        RealDir child(String name) {
            return new RealDir(path.resolve(name), rel.isEmpty() ? name : rel + "/" + name);
        }

        /** {@code ..}, stopping at the root as it does in a chroot. */
        RealDir parent(RealDir root) {
            int slash = rel.lastIndexOf('/');
            if (rel.isEmpty()) {
                return root;
            }
            return new RealDir(path.getParent(), slash < 0 ? "" : rel.substring(0, slash));
        }

        String childRel(String name) {
            return rel.isEmpty() ? name : rel + "/" + name;
        }
    }

    private final RealDir root;
    private final PathCalls calls;
    private final Map<String, RealDir> cache = new HashMap<>();

    ConfinedPaths(Path realRoot, PathCalls calls) {
        this.root = new RealDir(realRoot, "");
        this.calls = calls;
    }

    RealDir root() {
        return root;
    }

    /**
     * The real directory {@code name} leads to, creating missing directories (mode 0755, as Docker
     * does for parents a layer doesn't list). {@code rawName} is the tar entry, for messages.
     */
    RealDir directory(EntryName name, String rawName) throws IOException {
        return resolve(name, true, rawName);
    }

    /** Like {@link #directory} but creating nothing: null when no directory is there. */
    RealDir existingDirectory(EntryName name, String rawName) throws IOException {
        return resolve(name, false, rawName);
    }

    /** Tells the cache about a directory just created (or kept) for a tar entry. */
    void remember(EntryName name, RealDir dir) {
        cache.put(name.path(), dir);
    }

    /** Forgets every resolution; called when a directory or symlink is removed or replaced. */
    void forgetAll() {
        cache.clear();
    }

    private RealDir resolve(EntryName name, boolean create, String rawName) throws IOException {
        if (name.isRoot()) {
            return root;
        }
        String key = name.path();
        RealDir cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        RealDir parent = resolve(name.parent(), create, rawName);
        if (parent == null) {
            return null;
        }
        RealDir result = step(parent, name.base(), create, rawName, new int[1]);
        if (result != null) {
            cache.put(key, result);
        }
        return result;
    }

    /** Resolves one component below a real directory; {@code hops} counts symlinks followed so far. */
    private RealDir step(RealDir at, String component, boolean create, String rawName, int[] hops)
            throws IOException {
        Path path = at.path().resolve(component);
        BasicFileAttributes attributes = lstat(path);
        if (attributes == null) {
            if (!create) {
                return null;
            }
            try {
                Files.createDirectory(path);
                calls.chmod(path, 0755);
            } catch (FileAlreadyExistsException e) {
                throw new IOException("extract " + LayerFormatException.printable(rawName) + ": "
                        + at.childRel(component) + " appeared while the layer was being applied", e);
            }
            return at.child(component);
        }
        if (attributes.isDirectory()) {
            return at.child(component);
        }
        if (attributes.isSymbolicLink()) {
            if (++hops[0] > MAX_SYMLINKS) {
                throw LayerFormatException.entry(rawName, "too many levels of symbolic links at "
                        + at.childRel(component));
            }
            String target = Files.readSymbolicLink(path).toString();
            // an absolute target means the root, not the host's /: the layer's view is chroot-like
            RealDir current = target.startsWith("/") ? root : at;
            for (String part : target.split("/")) {
                switch (part) {
                    case "", "." -> {
                    }
                    case ".." -> current = current.parent(root);
                    default -> {
                        current = step(current, part, create, rawName, hops);
                        if (current == null) {
                            return null;
                        }
                    }
                }
            }
            return current;
        }
        if (!create) {
            return null; // a file where a directory should be: for a lookup, that directory isn't there
        }
        throw LayerFormatException.entry(rawName, at.childRel(component) + " is not a directory");
    }

    /** lstat(2): the attributes of the path itself, or null when nothing is there. */
    static BasicFileAttributes lstat(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
