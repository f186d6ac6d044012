package dev.strata.archive;

import dev.strata.engine.Engine;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.WritableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code save} and {@code load}: images to and from {@code docker save} archives and OCI image layouts.
 *
 * <p>Loading reads, from a stream or a directory, Docker's archive (manifest.json, any Docker version),
 * Docker 25's archive that is also an OCI layout, and plain OCI layouts (index.json; layers plain, gzip or
 * zstd); a stream may be compressed as a whole (gzip, zstd, bzip2). Every blob is checked against its
 * digest and every layer against its config's diff ID; anything wrong refuses the whole archive with an
 * {@link InvalidArchiveException} naming the file, and leaves the store as it was.
 *
 * <p>Saving writes one tree that is both Docker's archive and an OCI layout (as Docker 25 does), with
 * layers uncompressed, deterministically: the same images give the same bytes.
 */
public final class Archive {
    private Archive() {
    }

    /**
     * Loads every image in an archive read from {@code in} (stdin works: it is read once, front to back)
     * and tags them as the archive says. {@code in} is not closed.
     */
    public static LoadResult load(Engine engine, InputStream in) throws IOException {
        return engine.write(tx -> new ImageLoader(tx, StreamedArchive.read(in, tx)).load());
    }

    /**
     * Loads from a directory holding an OCI image layout (index.json) or an unpacked {@code docker save}
     * archive (manifest.json). Only the blobs the layout refers to are read.
     */
    public static LoadResult loadDirectory(Engine engine, Path directory) throws IOException {
        LayoutDirectory files = new LayoutDirectory(directory);
        return engine.write(tx -> new ImageLoader(tx, files).load());
    }

    /**
     * Writes the named images (tags, IDs, ID prefixes, {@code name@digest}, or a bare repository name for
     * all its tags) as one archive to {@code out}, which is not closed. A {@link FileOutputStream} (a file,
     * or stdout via {@code new FileOutputStream(FileDescriptor.out)}) lets layers go by kernel copy.
     */
    public static void save(Engine engine, List<String> images, OutputStream out) throws IOException {
        if (out instanceof FileOutputStream file) {
            save(engine, images, file.getChannel());
            return;
        }
        try (SavePlan plan = plan(engine, images)) {
            ArchiveWriter.write(plan, new ArchiveSink.Tar(new TarOutput(out)));
        }
    }

    /** As {@link #save(Engine, List, OutputStream)}, to a channel; layers go by {@code transferTo}. */
    public static void save(Engine engine, List<String> images, WritableByteChannel out) throws IOException {
        try (SavePlan plan = plan(engine, images)) {
            ArchiveWriter.write(plan, new ArchiveSink.Tar(new TarOutput(out)));
        }
    }

    /**
     * Writes the same tree as {@link #save} into {@code directory}, which must be absent or empty: an OCI
     * image layout that {@code skopeo inspect oci:DIR:TAG} and {@code umoci unpack --image DIR:TAG} read in
     * place (and an unpacked docker archive that {@link #loadDirectory} reads back).
     */
    public static void saveLayout(Engine engine, List<String> images, Path directory) throws IOException {
        if (Files.exists(directory)) {
            if (!Files.isDirectory(directory)) {
                throw new IOException(directory + " exists and is not a directory");
            }
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
                if (entries.iterator().hasNext()) {
                    throw new IOException(directory + " is not empty: save an image layout into a new or empty directory");
                }
            }
        }
        try (SavePlan plan = plan(engine, images)) {
            Files.createDirectories(directory);
            ArchiveWriter.write(plan, new ArchiveSink.Directory(directory));
        }
    }

    /** Resolves names and opens blobs under the store lock, briefly; the writing happens outside it. */
    private static SavePlan plan(Engine engine, List<String> images) throws IOException {
        return engine.write(tx -> SavePlan.resolve(engine, images));
    }
}
