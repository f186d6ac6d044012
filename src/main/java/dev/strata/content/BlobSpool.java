package dev.strata.content;

import dev.strata.digest.Digest;
import java.io.IOException;
import java.io.InputStream;

/**
 * Where a reader keeps the blobs it meets before it knows what they are: a {@code docker save} archive
 * names its layers in manifest.json, which comes last, so a reader of a stream must keep every large
 * entry as it passes. The store's own spool keeps them where a load would put them anyway, so a layer
 * that turns out to be wanted is in place without a second copy, and what nothing wanted is dropped when
 * the load ends (or rolled back with it).
 */
public interface BlobSpool {

    /**
     * Keeps what {@code writer} writes, checked against {@code expectedSize} unless it is negative, and
     * returns its digest. The writer drives the copy, so it can inspect the bytes as they pass.
     */
    Digest keep(AtomicFile.ContentWriter writer, long expectedSize) throws IOException;

    /** The bytes of a kept blob. */
    InputStream open(Digest digest) throws IOException;

    /** The whole of a small kept blob. */
    byte[] readAll(Digest digest) throws IOException;
}
