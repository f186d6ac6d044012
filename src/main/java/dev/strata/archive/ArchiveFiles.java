package dev.strata.archive;

import dev.strata.digest.Digest;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files of an archive or image layout as the reader sees them: small files (manifests, configs)
 * read whole, layers kept in the spool and probed. Paths are relative, '/'-separated, and symbolic
 * links inside the source are followed but never out of it.
 */
sealed interface ArchiveFiles permits StreamedArchive, LayoutDirectory {

    /** The largest manifest, index or config the loader reads into memory. */
    int MAX_METADATA_SIZE = 64 << 20;

    /** Whether {@code path} names a regular file. */
    boolean contains(String path) throws IOException;

    /** The whole content of a small file, empty when it is absent. */
    Optional<byte[]> read(String path) throws IOException;

    /** The file as a blob in the spool (kept now if not yet) with its layer facts; empty when absent. */
    Optional<LayerProbe.StoredBlob> layer(String path) throws IOException;

    /** "the archive" or "the layout DIR", for messages about missing files. */
    String describe();

    Pattern BLOB_PATH = Pattern.compile("blobs/sha256/([a-f0-9]{64})");

    /** The digest a path like {@code blobs/sha256/HEX} promises, or null for any other name. */
    static Digest digestNamedBy(String path) {
        Matcher m = BLOB_PATH.matcher(path);
        return m.matches() ? new Digest(Digest.SHA256, m.group(1)) : null;
    }

    /** Where an OCI layout keeps the blob with this digest. */
    static String blobPath(Digest digest) {
        return "blobs/" + digest.algorithm() + "/" + digest.encoded();
    }

    static InvalidArchiveException contentMismatch(String path, Digest actual) {
        return new InvalidArchiveException(path + ": content does not match the digest in its name: it hashes to " + actual);
    }

    static InvalidArchiveException tooLarge(String path, long size) {
        return new InvalidArchiveException(path + ": " + size + " bytes is too large for a manifest, index or config (limit "
                + MAX_METADATA_SIZE + ")");
    }
}
