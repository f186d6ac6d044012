package dev.strata.registry.server.storage;

import dev.strata.digest.Digest;
import dev.strata.image.Descriptor;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A registry's storage: blobs by digest, shared by every repository; upload sessions, kept in the store
 * itself so that any replica can carry on any session; and each repository's links (which blobs and
 * manifests it holds), tags and referrers. Names, tags and ids given here are already checked against
 * the distribution grammar by the caller. See the package documentation for what is atomic.
 */
public interface Storage extends Closeable {
    /** What a repository links to: a blob pushed or mounted into it, or a manifest put into it. */
    enum LinkKind { LAYER, MANIFEST }

    /** A blob: its size and when a client last pushed, mounted or was told of it. */
    record BlobInfo(Digest digest, long size, Instant lastUsed) {
    }

    /** A link and when it was made. */
    record LinkInfo(Digest digest, Instant linkedAt) {
    }

    /** An upload session: its repository, when it began, how many bytes it holds so far. */
    record UploadState(String id, String repository, Instant startedAt, long size) {
    }

    /** A blob opened for reading from an offset, with the blob's whole size. */
    record OpenedBlob(InputStream data, long size) {
    }

    Optional<BlobInfo> blob(Digest digest) throws IOException;

    /** The blob's bytes from {@code offset} on; {@link BlobUnknownException} when it is not stored. */
    OpenedBlob readBlob(Digest digest, long offset) throws IOException;

    /** A presigned URL for the blob, when the driver can make one. */
    Optional<URI> blobUrl(Digest digest, Duration ttl) throws IOException;

    /** Stores a small blob (a manifest) whole; its digest. */
    Digest putBlob(byte[] content) throws IOException;

    /** Records that a client was just told the blob exists, so a GC running now spares it. */
    void touchBlob(Digest digest) throws IOException;

    void deleteBlob(Digest digest) throws IOException;

    void forEachBlob(Visitor<BlobInfo> visitor) throws IOException;

    /** A consumer that may fail. */
    @FunctionalInterface
    interface Visitor<T> {
        void visit(T item) throws IOException;
    }

    UploadState startUpload(String repository) throws IOException;

    Optional<UploadState> upload(String id) throws IOException;

    /**
     * Appends {@code data} to the session at {@code offset}, which must be its current size
     * ({@link UploadOffsetException} otherwise). A failed append adds nothing.
     */
    UploadState appendUpload(String id, long offset, InputStream data) throws IOException;

    /**
     * Makes the session's bytes the blob {@code expected}, once they hash to it
     * ({@link BlobDigestException} otherwise, and the session stays). The session is gone afterwards.
     */
    BlobInfo commitUpload(String id, Digest expected) throws IOException;

    void cancelUpload(String id) throws IOException;

    void forEachUpload(Visitor<UploadState> visitor) throws IOException;

    void link(String repository, LinkKind kind, Digest digest) throws IOException;

    boolean isLinked(String repository, LinkKind kind, Digest digest) throws IOException;

    void unlink(String repository, LinkKind kind, Digest digest) throws IOException;

    List<LinkInfo> links(String repository, LinkKind kind) throws IOException;

    void tag(String repository, String tag, Digest manifest) throws IOException;

    Optional<Digest> tagged(String repository, String tag) throws IOException;

    /** Removes the tag; false when there was none. */
    boolean untag(String repository, String tag) throws IOException;

    /** The repository's tags in byte order. */
    List<String> tags(String repository) throws IOException;

    /** Records that manifest {@code referrer.digest} has {@code subject} as its subject. */
    void addReferrer(String repository, Digest subject, Descriptor referrer) throws IOException;

    List<Descriptor> referrers(String repository, Digest subject) throws IOException;

    void removeReferrer(String repository, Digest subject, Digest referrer) throws IOException;

    /** Every repository that holds a link or a tag, in byte order. */
    List<String> repositories() throws IOException;

    boolean repositoryExists(String repository) throws IOException;
}
