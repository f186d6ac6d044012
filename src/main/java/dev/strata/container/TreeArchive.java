package dev.strata.container;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes a directory tree as a tar, the way {@code docker export} and {@code docker cp CONTAINER:PATH -}
 * produce one: entries in name order, directories first in their own subtree, symbolic links as links
 * (never followed, so nothing outside the tree is read), hard links once with later names as links,
 * devices and fifos as such, with modes, owners and modification times.
 */
final class TreeArchive {
    private final TarArchiveOutputStream tar;
    private final Map<String, String> firstNameOfInode = new HashMap<>();

    private TreeArchive(OutputStream out) {
        this.tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    /** The contents of {@code root} (not {@code root} itself), names relative to it. */
    static void writeContents(Path root, OutputStream out) throws IOException {
        TreeArchive archive = new TreeArchive(out);
        for (Path child : sortedChildren(root)) {
            archive.add(child, child.getFileName().toString());
        }
        archive.tar.finish();
        archive.tar.flush();
    }

    /** {@code source} itself under the name {@code name} (and its contents, for a directory). */
    static void writeTree(Path source, String name, OutputStream out) throws IOException {
        TreeArchive archive = new TreeArchive(out);
        archive.add(source, name);
        archive.tar.finish();
        archive.tar.flush();
    }

    private void add(Path path, String name) throws IOException {
        Map<String, Object> attributes = Files.readAttributes(path, "unix:*", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) attributes.get("mode");
        int type = mode & 0170000;
        TarArchiveEntry entry;
        switch (type) {
            case 0040000 -> entry = new TarArchiveEntry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR);
            case 0120000 -> {
                entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
                entry.setLinkName(Files.readSymbolicLink(path).toString());
            }
            case 0100000 -> {
                int links = (Integer) attributes.get("nlink");
                String inode = attributes.get("dev") + ":" + attributes.get("ino");
                String first = links > 1 ? firstNameOfInode.putIfAbsent(inode, name) : null;
                if (first != null) {
                    entry = new TarArchiveEntry(name, TarConstants.LF_LINK);
                    entry.setLinkName(first);
                } else {
                    entry = new TarArchiveEntry(name, TarConstants.LF_NORMAL);
                    entry.setSize((Long) attributes.get("size"));
                }
            }
            case 0020000, 0060000 -> {
                entry = new TarArchiveEntry(name, type == 0020000 ? TarConstants.LF_CHR : TarConstants.LF_BLK);
                long rdev = (Long) attributes.get("rdev");
                entry.setDevMajor((int) (((rdev >> 8) & 0xfff) | ((rdev >> 32) & ~0xfffL)));
                entry.setDevMinor((int) ((rdev & 0xff) | ((rdev >> 12) & ~0xffL)));
            }
            case 0010000 -> entry = new TarArchiveEntry(name, TarConstants.LF_FIFO);
            default -> {
                return; // sockets do not go into archives
            }
        }
        entry.setMode(mode & 07777);
        entry.setUserId(((Integer) attributes.get("uid")).longValue());
        entry.setGroupId(((Integer) attributes.get("gid")).longValue());
        FileTime modified = (FileTime) attributes.get("lastModifiedTime");
        entry.setModTime(FileTime.fromMillis(modified.toMillis() / 1000 * 1000));
        tar.putArchiveEntry(entry);
        if (type == 0100000 && !entry.isLink()) {
            try (InputStream in = Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS)) {
                long copied = in.transferTo(tar);
                if (copied != entry.getSize()) {
                    throw new IOException(path + " changed size while being archived");
                }
            }
        }
        tar.closeArchiveEntry();
        if (type == 0040000) {
            for (Path child : sortedChildren(path)) {
                add(child, (name.endsWith("/") ? name : name + "/") + child.getFileName());
            }
        }
    }

    private static List<Path> sortedChildren(Path dir) throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            entries.forEach(children::add);
        }
        children.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        return children;
    }
}
