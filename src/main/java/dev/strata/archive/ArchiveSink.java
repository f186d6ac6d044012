package dev.strata.archive;

import dev.strata.compression.Compression;
import dev.strata.digest.DiffId;
import dev.strata.digest.DigestingInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Where a save puts its files: a tar stream, or a directory (an OCI layout others can read in place). */
sealed interface ArchiveSink permits ArchiveSink.Tar, ArchiveSink.Directory {

    void directory(String path) throws IOException;

    void file(String path, byte[] content) throws IOException;

    /** The layer's uncompressed tar, exactly {@code layer.tarSize()} bytes. */
    void layer(String path, SavePlan.SavedLayer layer) throws IOException;

    /** Called once after the last file. */
    void finish() throws IOException;

    /**
     * A compressed layer decompressed as it is read; {@link Uncompressed#verify} afterwards checks the
     * content against the diff ID (the bytes pass through the heap anyway, so hashing costs little and
     * a damaged blob in the store is not passed on silently).
     */
    final class Uncompressed implements AutoCloseable {
        private final DigestingInputStream in;
        private final SavePlan.SavedLayer layer;

        Uncompressed(SavePlan.SavedLayer layer) throws IOException {
            this.layer = layer;
            this.in = new DigestingInputStream(layer.compression().decompress(
                    new BufferedInputStream(new SavePlan.ChannelInputStream(layer.channel()), 1 << 16)));
        }

        InputStream stream() {
            return in;
        }

        void verify() throws IOException {
            DiffId actual = new DiffId(in.digest());
            if (!actual.equals(layer.diffId())) {
                throw new IOException("layer " + layer.diffId() + " is damaged in the store: its blob " + layer.blob()
                        + " decompresses to content hashing to " + actual + " (run strata system check)");
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

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
        public void layer(String path, SavePlan.SavedLayer layer) throws IOException {
            if (layer.compression() == Compression.NONE) {
                out.file(path, layer.tarSize(), layer.channel());
                return;
            }
            try (Uncompressed uncompressed = new Uncompressed(layer)) {
                out.file(path, layer.tarSize(), uncompressed.stream());
                uncompressed.verify();
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
        public void layer(String path, SavePlan.SavedLayer layer) throws IOException {
            Path target = root.resolve(path);
            try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                if (layer.compression() == Compression.NONE) {
                    // file to file: the kernel copies (copy_file_range), and may share extents where the file system can
                    long position = 0;
                    while (position < layer.tarSize()) {
                        long n = layer.channel().transferTo(position, layer.tarSize() - position, out);
                        if (n <= 0) {
                            throw new IOException(path + ": store blob " + layer.blob() + " ended after " + position + " bytes");
                        }
                        position += n;
                    }
                    return;
                }
                try (Uncompressed uncompressed = new Uncompressed(layer);
                     OutputStream stream = java.nio.channels.Channels.newOutputStream(out)) {
                    long copied = uncompressed.stream().transferTo(stream);
                    if (copied != layer.tarSize()) {
                        throw new IOException(path + ": layer " + layer.diffId() + " decompressed to " + copied
                                + " bytes, not the " + layer.tarSize() + " its record says");
                    }
                    uncompressed.verify();
                }
            }
        }

        @Override
        public void finish() {
            // nothing buffered
        }
    }
}
