package dev.strata.archive;

import dev.strata.image.Layer;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Where a save puts its files: a tar stream, or a directory (an OCI layout others can read in place). */
sealed interface ArchiveSink permits ArchiveSink.Tar, ArchiveSink.Directory {

    void directory(String path) throws IOException;

    void file(String path, byte[] content) throws IOException;

    /**
     * The layer's uncompressed tar, exactly {@code layer.tarSize()} bytes. Read to its end, so a stream
     * the source checks against the diff ID (decompressed, or re-created) is checked.
     */
    void layer(String path, Layer layer) throws IOException;

    /** Called once after the last file. */
    void finish() throws IOException;

    /** A tar stream: a {@code docker save} archive that is also an OCI layout. */
    record Tar(TarOutput out) implements ArchiveSink {
        @Override
        public void directory(String path) throws IOException {
            out.directory(path);
        }

        @Override
        public void file(String path, byte[] content) throws IOException {
            out.file(path, content);
        }

        @Override
        public void layer(String path, Layer layer) throws IOException {
            long size = layer.tarSize();
            try (InputStream tar = layer.openTar()) {
                out.file(path, size, tar);
            }
        }

        @Override
        public void finish() throws IOException {
            out.finish();
        }
    }

    /** A directory, written in place: blobs first, index.json (what makes it a layout) near the end. */
    record Directory(Path root) implements ArchiveSink {
        @Override
        public void directory(String path) throws IOException {
            Files.createDirectories(root.resolve(path));
        }

        @Override
        public void file(String path, byte[] content) throws IOException {
            Files.write(root.resolve(path), content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }

        @Override
        public void layer(String path, Layer layer) throws IOException {
            long size = layer.tarSize();
            try (InputStream tar = layer.openTar();
                 FileChannel out = FileChannel.open(root.resolve(path), StandardOpenOption.CREATE_NEW,
                         StandardOpenOption.WRITE)) {
                long copied;
                if (tar instanceof FileInputStream file) {
                    // file to file: the kernel copies (copy_file_range), and may share extents where it can
                    copied = TarOutput.transfer(file.getChannel(), size, out, path);
                } else {
                    copied = tar.transferTo(Channels.newOutputStream(out));
                }
                if (copied != size) {
                    throw new IOException(path + ": layer " + layer.diffId() + " has " + copied
                            + " bytes of tar, not the " + size + " its record says");
                }
            }
        }

        @Override
        public void finish() {
            // nothing buffered
        }
    }
}
