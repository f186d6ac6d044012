package dev.strata.registry.client.partial;

import dev.strata.digest.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/**
 * Partial downloads as files in one directory, one per blob ({@code sha256-HEX.partial}), each locked
 * (an advisory lock on the file) while a download appends to it. A file whose size is more than the blob
 * is caught by the caller, who resets it.
 *
 * @param directory where the {@code .partial} files are
 */
public record DirectoryPartialBlobs(Path directory) implements PartialBlobs {
    static final String SUFFIX = ".partial";

    public Path fileOf(Digest digest) {
        return directory.resolve(digest.algorithm() + "-" + digest.encoded() + SUFFIX);
    }

    @Override
    public Partial open(Digest digest) throws IOException {
        Files.createDirectories(directory);
        Path file = fileOf(digest);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            return new PartialBlobs.Unkept();
        }
        return new FilePartial(file, channel, lock);
    }

    /** Deletes partials not written to since {@code before} and not held: downloads that were never finished. */
    public int prune(Instant before) throws IOException {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            for (Path file : files) {
                FileTime modified = Files.getLastModifiedTime(file);
                if (modified.toInstant().isBefore(before)) {
                    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
                         FileLock lock = tryLock(channel)) {
                        if (lock != null) {
                            Files.delete(file);
                            removed++;
                        }
                    }
                }
            }
        }
        return removed;
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    private static final class FilePartial implements Partial {
        private final Path file;
        private final FileChannel channel;
        private final FileLock lock;
        private long size;
        private boolean gone;

        FilePartial(Path file, FileChannel channel, FileLock lock) throws IOException {
            this.file = file;
            this.channel = channel;
            this.lock = lock;
            this.size = channel.size();
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public InputStream read() throws IOException {
            // a channel of its own, so reading does not move the position appends write at
            FileChannel reader = FileChannel.open(file, StandardOpenOption.READ);
            return new java.io.FilterInputStream(Channels.newInputStream(reader)) {
                private long left = size;

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (left <= 0) {
                        return -1;
                    }
                    int n = super.read(b, off, (int) Math.min(len, left));
                    if (n > 0) {
                        left -= n;
                    }
                    return n;
                }

                @Override
                public int read() throws IOException {
                    return dev.strata.io.BlockInputStream.readOne(this);
                }
            };
        }

        @Override
        public void append(byte[] bytes, int offset, int length) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
            long at = size;
            while (buffer.hasRemaining()) {
                at += channel.write(buffer, at);
            }
            size = at;
        }

        @Override
        public void reset() throws IOException {
            channel.truncate(0);
            size = 0;
        }

        @Override
        public void verified() throws IOException {
            remove();
        }

        @Override
        public void discard() throws IOException {
            remove();
        }

        private void remove() throws IOException {
            if (!gone) {
                gone = true;
                Files.deleteIfExists(file);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                if (lock.isValid()) {
                    lock.release();
                }
            } finally {
                channel.close();
            }
        }
    }
}
