package dev.strata.container;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * {@code docker cp} between the host and a container's root file system, with Docker's rules for what
 * lands where (a file into an existing directory keeps its name, {@code SRC/.} copies a directory's
 * contents, a missing destination is created). Every path on the container's side is resolved inside
 * its root ({@link ScopedPath}), one entry at a time, so a symbolic link in the container - to {@code /},
 * or {@code ../../..} - leads back into the container, never to the host. Links are copied as links.
 */
final class ContainerCopy {
    private ContainerCopy() {
    }

    /** {@code cp CONTAINER:source destination}. */
    static void copyOut(ContainerFs fs, String source, String containerName, Path destination, String destinationText,
                        boolean followLink) throws IOException {
        Path from = fs.resolve(source, followLink);
        if (!Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
            throw new dev.strata.error.NotFoundException("Could not find the file " + source + " in container " + containerName);
        }
        boolean sourceIsDir = Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS);
        Path target;
        if (Files.isDirectory(destination)) {
            target = sourceIsDir && contentsOnly(source) ? destination : destination.resolve(baseName(source, from));
        } else if (!Files.exists(destination, LinkOption.NOFOLLOW_LINKS)) {
            if (destinationText.endsWith("/")) {
                throw new dev.strata.error.InvalidInputException("destination directory " + destinationText + " does not exist");
            }
            Path parent = destination.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                throw new java.nio.file.NoSuchFileException(parent.toString(), null, "no such directory");
            }
            target = destination;
        } else if (sourceIsDir) {
            throw new dev.strata.error.InvalidInputException("cannot copy directory to file " + destinationText);
        } else {
            target = destination;
        }
        copyHostTree(from, target);
    }

    /** {@code cp CONTAINER:source -}: a tar whose top entry is the source's name. */
    static void copyOutTar(ContainerFs fs, String source, String containerName, OutputStream out, boolean followLink)
            throws IOException {
        Path from = fs.resolve(source, followLink);
        if (!Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
            throw new dev.strata.error.NotFoundException("Could not find the file " + source + " in container " + containerName);
        }
        dev.strata.layer.TreeTar.writeTree(from, baseName(source, from), out);
    }

    /**
     * {@code cp source CONTAINER:destination}. Files become root's unless {@code archive} ({@code -a}) keeps the
     * source's owners.
     */
    static void copyIn(Path source, String sourceText, ContainerFs fs, String destination, String containerName,
                       boolean followLink, boolean archive) throws IOException {
        Path from = followLink ? source.toRealPath() : source;
        if (!Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
            throw new java.nio.file.NoSuchFileException(sourceText, null, "lstat " + sourceText + ": no such file or directory");
        }
        boolean sourceIsDir = Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS);
        Path resolved = fs.resolve(destination, true);
        String target;
        if (Files.isDirectory(resolved, LinkOption.NOFOLLOW_LINKS)) {
            target = sourceIsDir && contentsOnly(sourceText) ? inside(fs, resolved)
                    : inside(fs, resolved) + "/" + baseName(sourceText, from);
        } else if (!Files.exists(resolved, LinkOption.NOFOLLOW_LINKS)) {
            if (destination.endsWith("/")) {
                throw new dev.strata.error.NotFoundException("Could not find the file " + destination + " in container "
                        + containerName);
            }
            Path parent = resolved.getParent();
            if (parent == null || !Files.isDirectory(parent, LinkOption.NOFOLLOW_LINKS)) {
                throw new dev.strata.error.NotFoundException("Could not find the file "
                        + parentOf(destination) + " in container " + containerName);
            }
            target = inside(fs, resolved);
        } else if (sourceIsDir) {
            throw new dev.strata.error.InvalidInputException("cannot copy directory to file " + destination);
        } else {
            target = inside(fs, resolved);
        }
        copyIntoContainer(from, fs, target, archive);
    }

    /**
     * {@code cp - CONTAINER:destination}: unpacks a tar into a directory of the container. Every entry, and
     * every hard link's target, is resolved inside the container; a name climbing above the destination
     * with {@code ..} is refused, as Docker refuses it.
     */
    static void extractInto(InputStream tarStream, ContainerFs fs, String destination, String containerName,
                            boolean archive) throws IOException {
        Path into = fs.resolve(destination, true);
        if (!Files.isDirectory(into, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.exists(into, LinkOption.NOFOLLOW_LINKS)) {
                throw new dev.strata.error.InvalidInputException("extraction point is not a directory");
            }
            throw new dev.strata.error.NotFoundException("Could not find the file " + destination + " in container "
                    + containerName);
        }
        String base = inside(fs, into);
        TarArchiveInputStream tar = new TarArchiveInputStream(tarStream);
        TarArchiveEntry entry;
        List<Runnable> directoryTimes = new ArrayList<>();
        while ((entry = tar.getNextEntry()) != null) {
            String name = entryName(entry.getName());
            if (name.isEmpty()) {
                continue;
            }
            Path to = fs.resolve(base + "/" + name, false);
            if (entry.isDirectory()) {
                if (Files.exists(to, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(to)) {
                    Files.delete(to);
                }
                Files.createDirectories(to);
            } else if (entry.isSymbolicLink()) {
                Files.deleteIfExists(to);
                Files.createSymbolicLink(to, Path.of(entry.getLinkName()));
            } else if (entry.isLink()) {
                Path target = fs.resolve(base + "/" + entryName(entry.getLinkName()), false);
                Files.deleteIfExists(to);
                Files.createLink(to, target);
                continue;
            } else if (entry.isFile()) {
                if (Files.isDirectory(to, LinkOption.NOFOLLOW_LINKS)) {
                    throw new dev.strata.error.InvalidInputException("cannot overwrite directory " + base + "/" + name
                            + " with non-directory");
                }
                Files.copy(tar, to, StandardCopyOption.REPLACE_EXISTING);
            } else {
                continue; // devices and fifos are not made by cp
            }
            try {
                Files.setAttribute(to, "unix:uid", archive ? (int) entry.getLongUserId() : 0, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(to, "unix:gid", archive ? (int) entry.getLongGroupId() : 0, LinkOption.NOFOLLOW_LINKS);
            } catch (java.nio.file.FileSystemException notPermitted) {
                // without root, files keep our own ownership
            }
            if (!entry.isSymbolicLink()) {
                Files.setAttribute(to, "unix:mode", entry.getMode() & 07777);
                FileTime modified = FileTime.from(entry.getModTime().toInstant());
                Path finalTo = to;
                Runnable setTime = () -> {
                    try {
                        Files.setLastModifiedTime(finalTo, modified);
                    } catch (IOException ignored) {
                        // a time is not worth failing the copy for
                    }
                };
                // a directory's time is set last, after its entries stopped changing it
                if (entry.isDirectory()) {
                    directoryTimes.add(setTime);
                } else {
                    setTime.run();
                }
            }
        }
        directoryTimes.reversed().forEach(Runnable::run);
    }

    /** A tar entry's name made relative; one climbing out of the destination is refused. */
    private static String entryName(String raw) {
        String name = raw;
        while (name.startsWith("/")) {
            name = name.substring(1);
        }
        Path normalized = Path.of(name.isEmpty() ? "." : name).normalize();
        String text = normalized.toString();
        if (text.equals("..") || text.startsWith("../")) {
            throw new dev.strata.error.InvalidInputException("invalid tar entry " + raw + ": it climbs out of the destination");
        }
        return text.equals(".") ? "" : text;
    }

    private static String inside(ContainerFs fs, Path hostPath) {
        String text = fs.inside(hostPath);
        return text.equals("/") ? "" : text;
    }

    private static void copyIntoContainer(Path from, ContainerFs fs, String containerPath, boolean archive)
            throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(from, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        Path to = fs.resolve(containerPath.isEmpty() ? "/" : containerPath, false);
        if (attributes.isDirectory()) {
            if (Files.isSymbolicLink(to)) {
                // an existing link to a directory: enter it, still inside the root
                to = fs.resolve(containerPath, true);
            }
            if (Files.exists(to, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(to, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(to);
            }
            if (!Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(to);
            }
            try (DirectoryStream<Path> children = Files.newDirectoryStream(from)) {
                for (Path child : children) {
                    copyIntoContainer(child, fs, containerPath + "/" + child.getFileName(), archive);
                }
            }
        } else if (attributes.isSymbolicLink()) {
            Files.deleteIfExists(to);
            Files.createSymbolicLink(to, Files.readSymbolicLink(from));
        } else if (attributes.isRegularFile()) {
            if (Files.isDirectory(to, LinkOption.NOFOLLOW_LINKS)) {
                throw new dev.strata.error.InvalidInputException("cannot overwrite directory " + containerPath
                        + " with non-directory " + from);
            }
            // REPLACE_EXISTING removes a link in the way rather than writing through it
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING, LinkOption.NOFOLLOW_LINKS);
        } else {
            return; // devices, fifos and sockets are not copied
        }
        setOwnerModeTime(to, attributes, archive ? from : null);
    }

    private static void copyHostTree(Path from, Path to) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(from, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attributes.isDirectory()) {
            if (!Files.isDirectory(to)) {
                Files.createDirectory(to);
            }
            try (DirectoryStream<Path> children = Files.newDirectoryStream(from)) {
                for (Path child : children) {
                    copyHostTree(child, to.resolve(child.getFileName().toString()));
                }
            }
        } else if (attributes.isSymbolicLink()) {
            Files.deleteIfExists(to);
            Files.createSymbolicLink(to, Files.readSymbolicLink(from));
        } else if (attributes.isRegularFile()) {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING, LinkOption.NOFOLLOW_LINKS);
        } else {
            return;
        }
        // as root, tar keeps the archive's owners; so does the docker CLI extracting a copy
        setOwnerModeTime(to, attributes, dev.strata.linux.Linux.isRoot() ? from : null);
    }

    /** Sets {@code path}'s mode and time from {@code source}, its owner from {@code ownerSource} (root's when null). */
    private static void setOwnerModeTime(Path path, PosixFileAttributes source, Path ownerSource) throws IOException {
        int uid = 0;
        int gid = 0;
        if (ownerSource != null) {
            uid = (Integer) Files.getAttribute(ownerSource, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            gid = (Integer) Files.getAttribute(ownerSource, "unix:gid", LinkOption.NOFOLLOW_LINKS);
        }
        try {
            Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.FileSystemException notPermitted) {
            // without root, files keep our own ownership
        }
        if (!source.isSymbolicLink()) {
            Set<PosixFilePermission> permissions = source.permissions();
            Files.setPosixFilePermissions(path, permissions);
            FileTime modified = source.lastModifiedTime();
            Files.getFileAttributeView(path, java.nio.file.attribute.BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(modified, null, null);
        }
    }

    /** Docker copies a directory's contents, not the directory, when the source ends in {@code /.}. */
    private static boolean contentsOnly(String source) {
        return source.endsWith("/.") || source.equals(".");
    }

    private static String baseName(String sourceText, Path resolved) {
        String trimmed = sourceText;
        while (trimmed.endsWith("/") && trimmed.length() > 1) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        int slash = trimmed.lastIndexOf('/');
        String name = slash >= 0 ? trimmed.substring(slash + 1) : trimmed;
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            Path fileName = resolved.getFileName();
            return fileName == null ? "root" : fileName.toString();
        }
        return name;
    }

    private static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

}
