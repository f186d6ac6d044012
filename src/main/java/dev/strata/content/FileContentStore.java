package dev.strata.content;

import dev.strata.digest.Digest;
import dev.strata.digest.DigestingInputStream;
import dev.strata.digest.DigestingOutputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A content store on a local file system: {@code ROOT/blobs/sha256/HEX}, written through
 * {@code ROOT/ingest/} (same file system, so the final rename is atomic).
 */
public final class FileContentStore implements ContentStore {
    private final Path blobs;
    private final Path ingests;

    public FileContentStore(Path root) throws IOException {
        this.blobs = root.resolve("blobs").resolve(Digest.SHA256);
        this.ingests = root.resolve("ingest");
        Files.createDirectories(blobs);
        Files.createDirectories(ingests);
    }

    private Path blobPath(Digest digest) {
        if (!digest.algorithm().equals(Digest.SHA256)) {
            throw new IllegalArgumentException("unsupported digest algorithm " + digest.algorithm() + ": only sha256 is stored");
        }
        return blobs.resolve(digest.encoded());
    }

    @Override
    public boolean contains(Digest digest) {
        return Files.isRegularFile(blobPath(digest));
    }

    @Override
    public Optional<Long> size(Digest digest) throws IOException {
        try {
            return Optional.of(Files.size(blobPath(digest)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public InputStream open(Digest digest) throws IOException {
        try {
            return Files.newInputStream(blobPath(digest));
        } catch (NoSuchFileException e) {
            throw new BlobNotFoundException(digest);
        }
    }

    @Override
    public Path path(Digest digest) throws BlobNotFoundException {
        Path path = blobPath(digest);
        if (!Files.isRegularFile(path)) {
            throw new BlobNotFoundException(digest);
        }
        return path;
    }

    @Override
    public byte[] readAll(Digest digest) throws IOException {
        try {
            return Files.readAllBytes(blobPath(digest));
        } catch (NoSuchFileException e) {
            throw new BlobNotFoundException(digest);
        }
    }

    @Override
    public Ingest ingest() throws IOException {
        Path temp = ingests.resolve(UUID.randomUUID().toString());
        FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            // held while the ingest is written: the sweep leaves a locked ingest alone, and the kernel
            // drops the lock when its writer dies, so a dead writer's ingest is swept and a live one never
            channel.lock();
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(temp);
            throw e;
        }
        WRITING.add(temp);
        return new FileIngest(temp, channel);
    }

    @Override
    public Digest put(byte[] content) throws IOException {
        Digest digest = Digest.sha256(content);
        if (contains(digest)) {
            return digest;
        }
        try (Ingest ingest = ingest()) {
            ingest.stream().write(content);
            return ingest.commit(digest, content.length);
        }
    }

    @Override
    public boolean delete(Digest digest) throws IOException {
        return Files.deleteIfExists(blobPath(digest));
    }

    @Override
    public List<Digest> list() throws IOException {
        List<Digest> out = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(blobs)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.length() == 64 && Digest.isDigest("sha256:" + name)) {
                    out.add(new Digest(Digest.SHA256, name));
                }
            }
        }
        out.sort(null);
        return out;
    }

    @Override
    public boolean verify(Digest digest) throws IOException {
        try (var in = new DigestingInputStream(Files.newInputStream(blobPath(digest)))) {
            in.drain();
            return in.digest().equals(digest);
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    @Override
    public long totalSize() throws IOException {
        long total = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(blobs)) {
            for (Path entry : entries) {
                total += Files.size(entry);
            }
        }
        return total;
    }

    @Override
    public void sweepAbandonedIngests() throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(ingests)) {
            for (Path entry : entries) {
                if (isAbandoned(entry)) {
                    Files.deleteIfExists(entry);
                }
            }
        }
    }

    /**
     * Ingests this JVM is writing. They are never opened by the sweep: a POSIX lock belongs to the
     * process, and closing any channel on the file, even the sweep's own, would drop the writer's lock.
     */
    private static final java.util.Set<Path> WRITING = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Whether no live writer holds the ingest's lock (a writer of this process or of another). */
    private static boolean isAbandoned(Path ingest) throws IOException {
        if (WRITING.contains(ingest)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(ingest, StandardOpenOption.WRITE)) {
            java.nio.channels.FileLock lock = channel.tryLock();
            if (lock == null) {
                return false;
            }
            lock.release();
            return true;
        } catch (java.nio.channels.OverlappingFileLockException heldHere) {
            return false;
        } catch (NoSuchFileException committedMeanwhile) {
            return false;
        }
    }

    private final class FileIngest implements Ingest {
        private final Path temp;
        private final FileChannel channel;
        private final DigestingOutputStream stream;
        private boolean done;
        private boolean created;

        FileIngest(Path temp, FileChannel channel) {
            this.temp = temp;
            this.channel = channel;
            OutputStream file = Channels.newOutputStream(channel);
            // the buffer sits below the digest so every byte is hashed exactly once, in large slices
            this.stream = new DigestingOutputStream(new BufferedOutputStream(file, 1 << 17));
        }

        @Override
        public OutputStream stream() {
            return stream;
        }

        @Override
        public long count() {
            return stream.count();
        }

        @Override
        public Digest digestSoFar() throws IOException {
            stream.flush();
            return stream.peek();
        }

        @Override
        public Digest commit(Digest expected, long expectedSize) throws IOException {
            if (done) {
                throw new IllegalStateException("ingest already finished");
            }
            done = true;
            try {
                stream.flush();
                Digest actual = stream.digest();
                long size = stream.count();
                if (expectedSize >= 0 && size != expectedSize) {
                    throw new DigestMismatchException("blob " + (expected == null ? actual : expected), expectedSize, size);
                }
                if (expected != null && !expected.equals(actual)) {
                    throw new DigestMismatchException("blob", expected, actual);
                }
                channel.force(true);
                // renamed while still open and locked: closed first, a sweep could take it in between
                Path target = blobPath(actual);
                if (Files.exists(target)) {
                    // content addressing: the same digest means the same bytes, keep the one already there
                    Files.deleteIfExists(temp);
                } else {
                    AtomicFile.moveAtomically(temp, target);
                    AtomicFile.syncDirectory(blobs);
                    created = true;
                }
                return actual;
            } finally {
                close();
            }
        }

        @Override
        public boolean created() {
            return created;
        }

        @Override
        public void close() throws IOException {
            done = true;
            try {
                if (channel.isOpen()) {
                    channel.close();
                }
                Files.deleteIfExists(temp);
            } finally {
                WRITING.remove(temp);
            }
        }
    }
}
