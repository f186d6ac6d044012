package dev.strata.registry.server.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Objects as files under a root directory, a key's '/' a directory level. Every write goes to a file in
 * {@code ROOT/tmp/} and is renamed into place, so a reader or a crash sees the old file or the whole
 * new one; what a killed write leaves in {@code tmp/} is removed when the store is next opened (once it
 * has not been written to for 15 minutes: a live writer in another process may own it).
 */
public final class FilesystemStore implements ObjectStore {
    private static final int BUFFER = 256 * 1024;
    private static final java.time.Duration STALE = java.time.Duration.ofMinutes(15);

    private final Path root;
    private final Path tmp;

    public FilesystemStore(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.tmp = this.root.resolve("tmp");
        Files.createDirectories(tmp);
        // another process (a replica, a gc) may be writing here now: only files nobody has written to for
        // a while are left by a killed writer (a live write touches its file with every buffer)
        java.time.Instant stale = java.time.Instant.now().minus(STALE);
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(tmp)) {
            for (Path leftover : leftovers) {
                try {
                    if (Files.getLastModifiedTime(leftover).toInstant().isBefore(stale)) {
                        Files.deleteIfExists(leftover);
                    }
                } catch (NoSuchFileException gone) {
                    // finished meanwhile
                }
            }
        }
    }

    public Path root() {
        return root;
    }

    /** The file of {@code key}; a key that would leave the root is refused (never built by Keys, but checked). */
    Path path(String key) {
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root) || path.equals(root) || key.contains("\0")) {
            throw new IllegalArgumentException("storage key outside the root: " + key);
        }
        return path;
    }

    @Override
    public Optional<Info> stat(String key) throws IOException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path(key), BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                return Optional.empty();
            }
            return Optional.of(new Info(key, attributes.size(), attributes.lastModifiedTime().toInstant()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public Opened read(String key, long offset) throws IOException {
        FileChannel channel = FileChannel.open(path(key), StandardOpenOption.READ);
        try {
            long size = channel.size();
            channel.position(Math.min(offset, size));
            return new Opened(Channels.newInputStream(channel), size);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public long write(String key, InputStream data, long length) throws IOException {
        Path target = path(key);
        Path temp = tmp.resolve(UUID.randomUUID().toString());
        try {
            long written;
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                written = transfer(data, out);
            }
            moveIntoPlace(temp, target);
            return written;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static long transfer(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long total = 0;
        for (int n; (n = in.read(buffer)) >= 0; ) {
            out.write(buffer, 0, n);
            total += n;
        }
        return total;
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        // a concurrent deleteAll may remove the directory between its creation and the rename: try again
        for (int attempt = 0; ; attempt++) {
            Files.createDirectories(target.getParent());
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return;
            } catch (NoSuchFileException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(path(key));
    }

    @Override
    public void deleteAll(String prefix) throws IOException {
        walkTree(prefix, new Tolerant() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
                try {
                    Files.deleteIfExists(directory);
                } catch (DirectoryNotEmptyException raced) {
                    // a concurrent write put something in: it stays
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    @Override
    public List<String> children(String prefix) throws IOException {
        Path dir = prefix.isEmpty() ? root : path(prefix);
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                out.add(Files.isDirectory(entry) ? name + "/" : name);
            }
        } catch (NoSuchFileException e) {
            return List.of();
        }
        Collections.sort(out);
        return out;
    }

    @Override
    public void walk(String prefix, Visitor visitor) throws IOException {
        walkTree(prefix, new Tolerant() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (attributes.isRegularFile()) {
                    String key = root.relativize(file).toString();
                    visitor.visit(new Info(key, attributes.size(), attributes.lastModifiedTime().toInstant()));
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Walks the directory under {@code prefix}; nothing there is nothing to walk. */
    private void walkTree(String prefix, Tolerant visitor) throws IOException {
        Path dir = path(prefix);
        if (Files.isDirectory(dir)) {
            Files.walkFileTree(dir, visitor);
        }
    }

    @Override
    public void concatenate(List<String> parts, String target) throws IOException {
        Path temp = tmp.resolve(UUID.randomUUID().toString());
        try {
            if (parts.size() == 1) {
                // a second name for the one part: no bytes copied, and the part stays as the contract says
                try {
                    Files.createLink(temp, path(parts.getFirst()));
                } catch (UnsupportedOperationException | FileAlreadyExistsException e) {
                    Files.copy(path(parts.getFirst()), temp);
                }
            } else {
                try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    for (String part : parts) {
                        try (FileChannel in = FileChannel.open(path(part), StandardOpenOption.READ)) {
                            long size = in.size();
                            for (long done = 0; done < size; ) {
                                done += in.transferTo(done, size - done, out);
                            }
                        }
                    }
                }
            }
            moveIntoPlace(temp, path(target));
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public void close() {
    }

    /** A walk that passes over what a concurrent delete removed while it was walked. */
    private static class Tolerant extends SimpleFileVisitor<Path> {
        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
                return FileVisitResult.CONTINUE;
            }
            throw e;
        }
    }
}
