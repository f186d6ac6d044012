package dev.strata.archive;

import dev.strata.compression.Compression;
import dev.strata.digest.DiffId;

/**
 * What one pass over a layer blob learned: its compression, the digest of its uncompressed tar (the
 * diff ID), that tar's length, the unpacked size as Docker counts it, and what is wrong with it, if
 * anything. {@code diffId} is null when the blob could not be decompressed to its end; {@code problem}
 * is null for a well-formed layer. Whether the diff ID is the one the image config expects is for the
 * caller to judge: a wrong diff ID is a more basic fault than a malformed tar, so it is reported first.
 */
record LayerFacts(Compression compression, DiffId diffId, long tarSize, long contentSize, String problem) {

    LayerFacts withDiffId(DiffId newDiffId) {
        return new LayerFacts(compression, newDiffId, tarSize, contentSize, problem);
    }
}
