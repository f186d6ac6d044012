package dev.strata.archive;

import dev.strata.content.BlobSpool;
import dev.strata.image.TaggedImage;
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
 * {@code docker save} archives and OCI image layouts as sources and sinks of images.
 *
 * <p>Reading takes, from a stream or a directory, Docker's archive (manifest.json, any Docker version),
 * Docker 25's archive that is also an OCI layout, and plain OCI layouts (index.json; layers plain, gzip or
 * zstd); a stream may be compressed as a whole (gzip, zstd, bzip2). Every blob is checked against its
 * digest and every layer against its config's diff ID; anything wrong refuses the whole archive with an
 * {@link InvalidArchiveException} naming the file. Layers go to the spool the caller gives as they are
 * read, so the images that come out are read once, front to back (stdin works).
 *
 * <p>Writing makes one tree that is both Docker's archive and an OCI layout (as Docker 25 does), with
 * layers uncompressed, deterministically: the same images give the same bytes.
 */
public final class Archive {
    private Archive() {
    }

    /**
     * Reads every image of an archive from {@code in}, which is read once, front to back, and not closed.
     * Large entries are kept in {@code spool} as they pass; the images' layers are those kept blobs.
     */
    public static List<TaggedImage> read(InputStream in, BlobSpool spool) throws IOException {
        return new ArchiveReader(StreamedArchive.read(in, spool), spool).read();
    }

    /**
     * Reads the images of a directory holding an OCI image layout (index.json) or an unpacked
     * {@code docker save} archive (manifest.json). Only the blobs the layout refers to are read, each kept
     * in {@code spool}.
     */
    public static List<TaggedImage> readDirectory(Path directory, BlobSpool spool) throws IOException {
        return new ArchiveReader(new LayoutDirectory(directory, spool), spool).read();
    }

    /**
     * Writes {@code images} as one archive to {@code out}, which is not closed. A {@link FileOutputStream}
     * (a file, or stdout via {@code new FileOutputStream(FileDescriptor.out)}) lets layers go by kernel copy.
     */
    public static void write(List<TaggedImage> images, OutputStream out) throws IOException {
        if (out instanceof FileOutputStream file) {
            write(images, file.getChannel());
            return;
        }
        ArchiveWriter.write(images, new ArchiveSink.Tar(new TarOutput(out)));
    }

    /** As {@link #write(List, OutputStream)}, to a channel; layers kept as files go by {@code transferTo}. */
    public static void write(List<TaggedImage> images, WritableByteChannel out) throws IOException {
        ArchiveWriter.write(images, new ArchiveSink.Tar(new TarOutput(out)));
    }

    /**
     * Writes the same tree as {@link #write} into {@code directory}, which must be absent or empty: an OCI
     * image layout that {@code skopeo inspect oci:DIR:TAG} and {@code umoci unpack --image DIR:TAG} read in
     * place (and an unpacked docker archive that {@link #readDirectory} reads back).
     */
    public static void writeLayout(List<TaggedImage> images, Path directory) throws IOException {
        if (Files.exists(directory)) {
            if (!Files.isDirectory(directory)) {
                throw new InvalidArchiveException(directory + " exists and is not a directory");
            }
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
                if (entries.iterator().hasNext()) {
                    throw new InvalidArchiveException(directory
                            + " is not empty: save an image layout into a new or empty directory");
                }
            }
        }
        Files.createDirectories(directory);
        ArchiveWriter.write(images, new ArchiveSink.Directory(directory));
    }
}
