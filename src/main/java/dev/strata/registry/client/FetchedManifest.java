package dev.strata.registry.client;

import dev.strata.digest.Digest;
import dev.strata.image.Descriptor;
import dev.strata.image.MediaTypes;

/**
 * A manifest or index as the registry sent it: the bytes (the digest is over them, so they are kept
 * rather than re-serialised; do not change the array), their media type and digest. When it was asked
 * for by digest, the bytes have been checked against it.
 */
public record FetchedManifest(byte[] bytes, String mediaType, Digest digest) {
    public boolean isIndex() {
        return MediaTypes.isIndex(mediaType);
    }

    /** A descriptor of it, as an index or a pull's RepoDigest would name it. */
    public Descriptor descriptor() {
        return new Descriptor(mediaType, digest, bytes.length);
    }
}
