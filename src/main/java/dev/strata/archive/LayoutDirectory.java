package dev.strata.archive;

import dev.strata.content.BlobSpool;
import dev.strata.digest.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An OCI image layout (or an unpacked {@code docker save} archive) in a directory. Unlike a stream, it
 * is read on demand: only the blobs the index and manifests name are read, each checked against the
 * digest in its name. Symbolic links are followed but must stay inside the directory.
 */
final class LayoutDirectory implements ArchiveFiles {
    private final Path root;
    private final Path realRoot;
    private final BlobSpool spool;
    private final Map<Path, LayerProbe.StoredBlob> layers = new HashMap<>();

    LayoutDirectory(Path root, BlobSpool spool) throws IOException {
        this.root = root;
        this.spool = spool;
        try {
            this.realRoot = root.toRealPath();
        } catch (NoSuchFileException e) {
            throw new InvalidArchiveException(root + ": no such directory");
        }
        if (!Files.isDirectory(realRoot)) {
            throw new InvalidArchiveException(root + ": not a directory");
        }
    }

    /** The real file {@code path} names, or null when there is none. */
    private Path locate(String path) throws IOException {
        Path candidate = realRoot.resolve(StreamedArchive.normalizeEntryName(path));
        Path real;
        try {
            real = candidate.toRealPath();
        } catch (NoSuchFileException e) {
            return null;
        }
        if (!real.startsWith(realRoot)) {
            throw new InvalidArchiveException(path + ": leads outside the layout directory " + root + " (to " + real + ")");
        }
        return Files.isRegularFile(real) ? real : null;
    }

    @Override
    public boolean contains(String path) throws IOException {
        return locate(path) != null;
    }

    @Override
    public Optional<byte[]> read(String path) throws IOException {
        Path file = locate(path);
        if (file == null) {
            return Optional.empty();
        }
        long size = Files.size(file);
        if (size > MAX_METADATA_SIZE) {
            throw ArchiveFiles.tooLarge(path, size);
        }
        byte[] bytes = Files.readAllBytes(file);
        Digest named = ArchiveFiles.digestNamedBy(path);
        if (named != null && !Digest.sha256(bytes).equals(named)) {
            throw ArchiveFiles.contentMismatch(path, Digest.sha256(bytes));
        }
        return Optional.of(bytes);
    }

    @Override
    public Optional<LayerProbe.StoredBlob> layer(String path) throws IOException {
        Path file = locate(path);
        if (file == null) {
            return Optional.empty();
        }
        LayerProbe.StoredBlob known = layers.get(file);
        if (known != null) {
            return Optional.of(known);
        }
        LayerProbe.StoredBlob blob;
        try (InputStream in = Files.newInputStream(file)) {
            blob = LayerProbe.store(spool, in, Files.size(file));
        }
        Digest named = ArchiveFiles.digestNamedBy(path);
        if (named != null && !blob.digest().equals(named)) {
            throw ArchiveFiles.contentMismatch(path, blob.digest());
        }
        layers.put(file, blob);
        return Optional.of(blob);
    }

    @Override
    public String describe() {
        return "the layout directory " + root;
    }
}
