package dev.strata.content;

import dev.strata.digest.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Blobs addressed by their sha256. A blob appears only once it is whole and its digest checked
 * ({@link Ingest#commit}); storing a blob that is already there is not an error, and two processes
 * storing the same blob at once both succeed with one copy kept.
 */
public interface ContentStore {

    boolean contains(Digest digest);

    /** The blob's size in bytes, empty when absent. */
    Optional<Long> size(Digest digest) throws IOException;

    /** Opens the blob for reading; it is not re-verified (see {@link #verify}). */
    InputStream open(Digest digest) throws IOException;

    /** The blob's file, for zero-copy transfer; the caller must not modify it. */
    Path path(Digest digest) throws BlobNotFoundException;

    byte[] readAll(Digest digest) throws IOException;

    /** Starts writing a new blob; nothing is visible until it is committed. */
    Ingest ingest() throws IOException;

    /** Stores small content (configs, manifests) whose bytes are already in memory. */
    Digest put(byte[] content) throws IOException;

    /** Deletes the blob; absent is not an error. Returns whether it was there. */
    boolean delete(Digest digest) throws IOException;

    List<Digest> list() throws IOException;

    /** Re-reads the blob and compares its digest; false when it is corrupt or missing. */
    boolean verify(Digest digest) throws IOException;

    /** Bytes used by all blobs. */
    long totalSize() throws IOException;

    /** Removes ingest files their writer abandoned (it died); ingests being written are left alone. */
    void sweepAbandonedIngests() throws IOException;

    /** A blob being written. Close without commit to abandon it. */
    interface Ingest extends AutoCloseable {
        /** Where to write the blob's bytes; they are hashed as they pass. */
        java.io.OutputStream stream();

        /**
         * Makes the blob visible. {@code expected} (may be null) and {@code expectedSize} (negative for
         * unknown) are checked first; on mismatch nothing is stored and {@link DigestMismatchException} is thrown.
         */
        Digest commit(Digest expected, long expectedSize) throws IOException;

        /** Bytes written so far. */
        long count();

        /**
         * The digest of the bytes written so far, flushed: what {@link #commit} will store them as if nothing
         * more is written (so a caller can lease the blob before it appears).
         */
        Digest digestSoFar() throws java.io.IOException;

        /** After {@link #commit}: true when this ingest added the blob, false when the store already had it. */
        boolean created();

        @Override
        void close() throws IOException;
    }
}
