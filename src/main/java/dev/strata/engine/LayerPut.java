package dev.strata.engine;

import dev.strata.digest.ChainId;
import dev.strata.digest.DiffId;
import dev.strata.digest.Digest;

/**
 * How {@link Transaction#putLayer} should take a layer stream: on top of which layer, and what the
 * source claims for it (the blob's digest, the diff ID, the media type), each checked or used when
 * given. {@code LayerPut.base()} is a base layer claiming nothing.
 */
public record LayerPut(ChainId parent, Digest expectedBlob, DiffId expectedDiffId, String mediaType) {

    /** A base layer, nothing claimed. */
    public static LayerPut base() {
        return new LayerPut(null, null, null, null);
    }

    /** On top of {@code parent} (null: a base layer), nothing claimed. */
    public static LayerPut on(ChainId parent) {
        return new LayerPut(parent, null, null, null);
    }

    /** The uncompressed content must hash to {@code diffId}. */
    public LayerPut diffId(DiffId diffId) {
        return new LayerPut(parent, expectedBlob, diffId, mediaType);
    }

    /** The stream must hash to {@code digest}; the blob is recorded with {@code type}. */
    public LayerPut blob(Digest digest, String type) {
        return new LayerPut(parent, digest, expectedDiffId, type);
    }
}
