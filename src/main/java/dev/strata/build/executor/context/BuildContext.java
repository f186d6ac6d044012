package dev.strata.build.executor.context;

import dev.strata.build.executor.copy.SourceTree;
import dev.strata.build.ignore.DockerIgnore;
import dev.strata.compression.Compression;
import dev.strata.layer.LayerExtractor;
import dev.strata.layer.WhiteoutMode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files a build may copy: a directory on this host (the context, or a named context given with
 * {@code --build-context NAME=DIR}), less what its {@code .dockerignore} excludes. Nothing is copied
 * or sent anywhere: COPY reads the files where they are, and their checksums come from a
 * {@link ChecksumCache} so an unchanged file is not read twice across builds. A context that arrives
 * as a tar on standard input is unpacked first into the build's own temporary directory.
 */
public final class BuildContext implements SourceTree {
    private final Path root;
    private final DockerIgnore ignore;
    private final ChecksumCache checksums;
    private final String description;

    private BuildContext(Path root, DockerIgnore ignore, ChecksumCache checksums, String description) {
        this.root = root;
        this.ignore = ignore;
        this.checksums = checksums;
        this.description = description;
    }

    /**
     * The directory {@code dir} with {@code ignore}'s rules, its checksums remembered in
     * {@code checksumDir} (null: not remembered, for a context unpacked just for this build).
     */
    public static BuildContext open(Path dir, DockerIgnore ignore, Path checksumDir, String description)
            throws IOException {
        Path real = dir.toRealPath();
        return new BuildContext(real, ignore, ChecksumCache.open(checksumDir, real), description);
    }

    /**
     * Unpacks a context tar (plain, gzip, bzip2 or zstd, as {@code docker build - < context.tar.gz} sends
     * it) into the empty directory {@code dest}.
     */
    public static void unpack(InputStream archive, Path dest) throws IOException {
        Files.createDirectories(dest);
        BufferedInputStream in = new BufferedInputStream(archive, 1 << 16);
        Compression compression = Compression.detect(in);
        try (InputStream tar = compression.decompress(in)) {
            LayerExtractor.extract(tar, dest, WhiteoutMode.DIRECT);
        }
    }

    @Override
    public Path root() {
        return root;
    }

    public DockerIgnore ignore() {
        return ignore;
    }

    @Override
    public boolean excluded(String rel) {
        return ignore.excludes(rel);
    }

    @Override
    public boolean mayIncludeUnder(String excludedDirectory) {
        return ignore.hasExceptions();
    }

    @Override
    public String checksum(String rel, Path path, PathStat stat) throws IOException {
        return checksums.hash(rel, path, stat);
    }

    @Override
    public String danglingLinkChecksum(String rel) {
        return rel;
    }

    @Override
    public boolean keepsOwners() {
        return false;
    }

    @Override
    public String description() {
        return description;
    }

    /** How many files this build had to read to checksum them. */
    public int filesHashed() {
        return checksums.hashed();
    }

    /** Remembers the checksums for the next build. */
    public void save() throws IOException {
        checksums.save(root);
    }
}
