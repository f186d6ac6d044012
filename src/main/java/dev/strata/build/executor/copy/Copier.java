package dev.strata.build.executor.copy;

import dev.strata.build.executor.context.PathStat;
import dev.strata.container.ScopedPath;
import dev.strata.linux.Linux;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Copies sources into a root file system by the rules of Docker's classic builder, which its tests
 * compare Strata's images against:
 *
 * <ul>
 *   <li>A directory source copies its contents, not itself, into the destination, which is created
 *       (with any missing parents, mode 0755, owned by root) if missing. Directories already there are
 *       merged and take the source's mode; anything else in the way is replaced. The destination keeps
 *       its own mode when it existed; when new, it gets the owner too.
 *   <li>A file source goes to {@code DEST/NAME} when the destination ends in {@code /} or is an existing
 *       directory, else to {@code DEST} itself; missing parents are created with mode 0755 and the
 *       copy's owner. A symbolic link given as a source is copied as what it points to.
 *   <li>With ADD, a source file that is a tar (plain, gzip, bzip2, zstd) is unpacked into the
 *       destination instead, keeping the owners, modes and times the archive holds.
 *   <li>Everything copied belongs to {@code --chown}'s owner, or root for a context, or keeps its
 *       owner from a stage or image; modes are the source's, or {@code --chmod}'s (BuildKit's flag,
 *       applied to every file and directory copied); modification times are the source's to the second.
 * </ul>
 *
 * Destinations are resolved inside the root, symbolic links followed as a process chrooted there
 * would, so nothing outside the root is written.
 */
public final class Copier {
    private static final int DIRECTORY_MODE = 0755;

    private final Path root;
    private final Optional<Ownership> owner;
    private final Optional<Integer> chmod;
    private final Predicate<String> excluded;
    private final SourceTree tree;
    private final Map<Long, Path> hardlinks = new HashMap<>();
    private final List<Path[]> directoryTimes = new ArrayList<>();

    /**
     * @param owner    {@code --chown}'s owner; empty to take root for a context or keep a stage's owners
     * @param chmod    {@code --chmod}'s mode
     * @param excluded {@code --exclude}'s rules, relative to the source tree
     */
    public Copier(Path root, SourceTree tree, Optional<Ownership> owner, Optional<Integer> chmod,
                  Predicate<String> excluded) {
        this.root = root;
        this.tree = tree;
        this.owner = owner.isPresent() || tree.keepsOwners() ? owner : Optional.of(Ownership.ROOT);
        this.chmod = chmod;
        this.excluded = excluded;
    }

    /** The destination as the step names it: relative to WORKDIR unless absolute, a trailing slash kept. */
    public static String destination(String workdir, String requested) {
        if (requested.startsWith("/")) {
            return requested;
        }
        boolean slash = requested.endsWith("/") || requested.equals(".") || requested.endsWith("/.");
        String joined = Sources.clean((workdir.isEmpty() ? "/" : workdir) + "/" + requested);
        String absolute = joined.equals(".") ? "/" : "/" + joined;
        return slash && !absolute.endsWith("/") && requested.endsWith("/") ? absolute + "/" : absolute;
    }

    /** Copies one source to {@code destination} (absolute, as {@link #destination} gives it). */
    public void copy(CopySource source, String destination, boolean unpackArchives) throws IOException {
        String target = destination;
        if (source.parents() != null) {
            target = (destination.endsWith("/") ? destination : destination + "/") + source.parents();
            if (source.stat().isDirectory() && !target.endsWith("/")) {
                target += "/";
            }
        }
        Path dest = ScopedPath.resolve(root, target);
        PathStat stat = PathStat.following(source.path());
        if (stat.isDirectory()) {
            copyDirectory(source, dest);
        } else if (unpackArchives && Archives.isArchive(source.path())) {
            makeDirectories(dest, Ownership.ROOT);
            Archives.unpack(source.path(), dest);
        } else {
            if (target.endsWith("/") || Files.isDirectory(dest)) {
                dest = ScopedPath.resolve(root, (target.endsWith("/") ? target : target + "/") + source.baseName());
            }
            makeDirectories(dest.getParent(), owner.orElse(Ownership.ROOT));
            copyFile(source.path(), stat, dest);
        }
        finishDirectoryTimes();
    }

    /** Writes a file of the given content (a heredoc source) as {@code destination} or {@code destination/NAME}. */
    public void write(String name, byte[] content, String destination, long mtimeSeconds) throws IOException {
        Path dest = ScopedPath.resolve(root, destination);
        if (destination.endsWith("/") || Files.isDirectory(dest)) {
            dest = ScopedPath.resolve(root, (destination.endsWith("/") ? destination : destination + "/") + name);
        }
        makeDirectories(dest.getParent(), owner.orElse(Ownership.ROOT));
        removeNonDirectory(dest);
        Files.write(dest, content);
        Files.setAttribute(dest, "unix:mode", chmod.orElse(0644));
        Ownership who = owner.orElse(Ownership.ROOT);
        chown(dest, who.uid(), who.gid());
        setTime(dest, mtimeSeconds * 1_000_000_000L);
    }

    private void copyDirectory(CopySource source, Path dest) throws IOException {
        boolean existed = Files.isDirectory(dest);
        makeDirectories(dest, Ownership.ROOT);
        String rel = Sources.relative(tree.root(), source.path());
        Sources.walk(tree, source.path(), rel, Sources.under(rel, excluded), (childRel, path, stat) -> {
            String inside = rel.equals(".") ? childRel : childRel.substring(rel.length() + 1);
            Path target = dest.resolve(inside);
            makeDirectories(target.getParent(), Ownership.ROOT);
            copyEntry(path, stat, target);
        });
        if (!existed) {
            if (owner.isPresent()) {
                chown(dest, owner.get().uid(), owner.get().gid());
            }
            if (chmod.isPresent()) {
                Files.setAttribute(dest, "unix:mode", chmod.get());
            }
        }
    }

    private void copyEntry(Path path, PathStat stat, Path target) throws IOException {
        if (stat.isDirectory()) {
            if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                removeAny(target);
                Files.createDirectory(target);
            }
            Files.setAttribute(target, "unix:mode", chmod.orElse(stat.permissions()));
            own(target, stat);
            directoryTimes.add(new Path[] {target, path});
            return;
        }
        removeAny(target);
        if (stat.isRegular() && hardlinks.containsKey(stat.inode())) {
            Files.createLink(target, hardlinks.get(stat.inode()));
            return;
        }
        switch (stat.type()) {
            case PathStat.S_IFREG -> {
                copyContent(path, target);
                if (Files.readAttributes(path, "unix:nlink", LinkOption.NOFOLLOW_LINKS).get("nlink") instanceof Integer n
                        && n > 1) {
                    hardlinks.put(stat.inode(), target);
                }
                Files.setAttribute(target, "unix:mode", chmod.orElse(stat.permissions()));
            }
            case PathStat.S_IFLNK -> Files.createSymbolicLink(target, Files.readSymbolicLink(path));
            case PathStat.S_IFCHR, PathStat.S_IFBLK, PathStat.S_IFIFO -> {
                Linux.mknod(target, stat.type() | stat.permissions(), (int) stat.major(), (int) stat.minor());
                Files.setAttribute(target, "unix:mode", chmod.orElse(stat.permissions()));
            }
            default -> {
                return; // sockets are not copied
            }
        }
        own(target, stat);
        setTime(target, stat.mtimeNanos());
    }

    private void copyFile(Path source, PathStat stat, Path dest) throws IOException {
        if (Files.isDirectory(dest, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("cannot overwrite directory " + ScopedPath.inside(root, dest) + " with a file");
        }
        removeAny(dest);
        if (stat.isRegular()) {
            copyContent(source, dest);
        } else {
            Linux.mknod(dest, stat.type() | stat.permissions(), (int) stat.major(), (int) stat.minor());
        }
        Files.setAttribute(dest, "unix:mode", chmod.orElse(stat.permissions()));
        own(dest, stat);
        setTime(dest, stat.mtimeNanos());
    }

    private static void copyContent(Path source, Path target) throws IOException {
        // the JDK copies within the kernel (copy_file_range) where it can
        Files.copy(source, target);
    }

    private void own(Path target, PathStat stat) throws IOException {
        Ownership who = owner.orElse(new Ownership(stat.uid(), stat.gid()));
        chown(target, who.uid(), who.gid());
    }

    /** Creates {@code dir} and its missing parents with mode 0755, each new one owned by {@code who}. */
    private void makeDirectories(Path dir, Ownership who) throws IOException {
        if (dir == null || Files.isDirectory(dir)) {
            return;
        }
        List<Path> missing = new ArrayList<>();
        for (Path p = dir; p != null && p.startsWith(root) && !Files.isDirectory(p); p = p.getParent()) {
            missing.addFirst(p);
        }
        for (Path p : missing) {
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("cannot create directory " + ScopedPath.inside(root, p)
                        + ": a file of that name is in the way");
            }
            try {
                Files.createDirectory(p);
            } catch (FileAlreadyExistsException raced) {
                continue;
            }
            Files.setAttribute(p, "unix:mode", DIRECTORY_MODE);
            chown(p, who.uid(), who.gid());
        }
    }

    private void finishDirectoryTimes() throws IOException {
        // children change their directory's time: set directories' times last, deepest first
        for (int i = directoryTimes.size() - 1; i >= 0; i--) {
            Path[] pair = directoryTimes.get(i);
            setTime(pair[0], PathStat.of(pair[1]).mtimeNanos());
        }
        directoryTimes.clear();
    }

    private static void removeNonDirectory(Path path) throws IOException {
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(path);
        }
    }

    /** Deletes whatever is at {@code path}, a whole directory included. */
    static void removeAny(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            for (Path child : Sources.sortedChildren(path)) {
                removeAny(child);
            }
        }
        Files.delete(path);
    }

    static void chown(Path path, int uid, int gid) throws IOException {
        Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
    }

    /** The modification time to the second, as Docker's tar-based copy keeps it. */
    static void setTime(Path path, long mtimeNanos) throws IOException {
        FileTime time = FileTime.from(Math.floorDiv(mtimeNanos, 1_000_000_000L), TimeUnit.SECONDS);
        Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(time, time, null);
    }
}
