package dev.strata.registry.client.partial;

import dev.strata.digest.Digest;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Where the bytes of blobs being downloaded are kept, so a download cut short (a broken connection, a
 * killed process) continues later from where it stopped instead of from the start. The client appends
 * to a blob's {@link Partial} as bytes arrive and, on the next fetch of that blob, replays what is kept
 * and asks the registry only for the rest, with {@code Range}.
 *
 * <p>Kept bytes are trusted to be a prefix of the blob only until the blob's digest is checked at its
 * end: when it does not match, the kept bytes are discarded with the rest. An implementation need not
 * make appends durable; a torn tail after a crash is caught by that same check.
 *
 * <p>The default is {@link #directory}; the engine may give one that keeps partials in its own ingest
 * area and, in {@link Partial#verified}, makes the finished file a blob of its store without copying.
 */
public interface PartialBlobs {
    /**
     * The partial download of {@code digest}, held by the caller until closed. When another download of
     * the same blob holds it (another thread or process), a partial that keeps nothing is returned, so
     * both proceed and neither corrupts the other's bytes.
     */
    Partial open(Digest digest) throws IOException;

    /** The bytes kept of one blob. */
    interface Partial extends Closeable {
        /** How many bytes are kept. */
        long size();

        /** The kept bytes from the first, {@link #size} of them. */
        InputStream read() throws IOException;

        /** Keeps {@code length} more bytes, following those kept. */
        void append(byte[] bytes, int offset, int length) throws IOException;

        /** Drops every kept byte, to start again from the first. */
        void reset() throws IOException;

        /** Every byte is kept and the whole has the blob's digest. The partial is no longer needed. */
        void verified() throws IOException;

        /** The bytes do not make the blob: none of them may be used again. */
        void discard() throws IOException;

        /** Lets go of the partial, keeping its bytes for the next download. */
        @Override
        void close() throws IOException;
    }

    /** Partials as files in {@code dir} ({@code sha256-HEX.partial}), deleted once verified. */
    static PartialBlobs directory(Path dir) {
        return new DirectoryPartialBlobs(dir);
    }

    /** Keeps nothing: a download cut short is resumed only while the same stream is open. */
    static PartialBlobs none() {
        return digest -> new Unkept();
    }

    /** A partial that keeps nothing. */
    final class Unkept implements Partial {
        @Override
        public long size() {
            return 0;
        }

        @Override
        public InputStream read() {
            return InputStream.nullInputStream();
        }

        @Override
        public void append(byte[] bytes, int offset, int length) {
        }

        @Override
        public void reset() {
        }

        @Override
        public void verified() {
        }

        @Override
        public void discard() {
        }

        @Override
        public void close() {
        }
    }
}
