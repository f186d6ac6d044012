package dev.strata.image;

import dev.strata.digest.DiffId;
import dev.strata.digest.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * A layer of an image, wherever it is kept: in the store, in an archive, in a registry. It is known by
 * its diff ID (the digest of its uncompressed tar) and opens that tar as a stream; a source that keeps
 * the layer as blobs (the tar compressed, or plain) lists them, so that a copy to a place that already
 * holds one of them moves nothing, and one that needs a blob gets it without recompressing.
 *
 * <p>Streams are the caller's to close. A stream the source derives (decompressed, or re-created from
 * an unpacked tree) checks itself against the diff ID as its last bytes are read and fails then with
 * {@link dev.strata.error.CorruptDataException}; the bytes of a blob named by its digest are the
 * reader's to check, as anything content-addressed is.
 */
public interface Layer {

    DiffId diffId();

    /** The length of the uncompressed tar in bytes: what an archive's tar header says before the tar. */
    long tarSize() throws IOException;

    /**
     * The unpacked size as Docker counts it (regular files and symlink targets, hard links once), or -1
     * when the source cannot tell without reading the tar.
     */
    long contentSize();

    /** The blobs this source holds the layer as (media type, digest, size); empty when it holds none. */
    List<Descriptor> blobs();

    /** The uncompressed tar. */
    InputStream openTar() throws IOException;

    /**
     * The bytes of one of {@link #blobs()}.
     *
     * @throws dev.strata.error.NotFoundException when {@code digest} is not one of them
     */
    InputStream openBlob(Digest digest) throws IOException;
}
