package dev.strata.registry.server.storage;

import dev.strata.digest.Digest;

/**
 * Where each thing lives in the store, as in CNCF Distribution's layout: blobs by digest under
 * {@code blobs/}, each repository's links and tags under {@code repositories/NAME/}, upload sessions
 * under {@code uploads/ID/}. Every key is built here from a checked name, tag, id or digest.
 */
final class Keys {
    static final String BLOBS = "blobs/";
    static final String REPOSITORIES = "repositories/";
    static final String UPLOADS = "uploads/";

    private Keys() {
    }

    static String blobDir(Digest digest) {
        return BLOBS + digest.algorithm() + "/" + digest.encoded().substring(0, 2) + "/" + digest.encoded() + "/";
    }

    static String blobData(Digest digest) {
        return blobDir(digest) + "data";
    }

    /** An empty object rewritten whenever a client is told the blob is there: GC spares what was used lately. */
    static String blobUsed(Digest digest) {
        return blobDir(digest) + "used";
    }

    static String repository(String name) {
        return REPOSITORIES + name + "/";
    }

    static String links(String repository, Storage.LinkKind kind) {
        return repository(repository) + switch (kind) {
            case LAYER -> "_layers/";
            case MANIFEST -> "_manifests/revisions/";
        };
    }

    static String link(String repository, Storage.LinkKind kind, Digest digest) {
        return links(repository, kind) + digest.algorithm() + "/" + digest.encoded() + "/link";
    }

    static String tags(String repository) {
        return repository(repository) + "_manifests/tags/";
    }

    static String tag(String repository, String tag) {
        return tags(repository) + tag + "/current/link";
    }

    static String referrers(String repository, Digest subject) {
        return repository(repository) + "_manifests/referrers/" + subject.algorithm() + "/" + subject.encoded() + "/";
    }

    static String referrer(String repository, Digest subject, Digest referrer) {
        return referrers(repository, subject) + referrer.algorithm() + "/" + referrer.encoded() + "/link";
    }

    static String upload(String id) {
        return UPLOADS + id + "/";
    }

    static String uploadInfo(String id) {
        return upload(id) + "info";
    }

    /** A chunk of an upload, named by its offset, zero-padded so names sort in byte order. */
    static String uploadChunk(String id, long offset) {
        return upload(id) + "chunks/" + String.format("%020d", offset);
    }

    static String uploadChunks(String id) {
        return upload(id) + "chunks/";
    }
}
