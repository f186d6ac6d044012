package dev.strata.image;

import dev.strata.digest.Digest;

/**
 * What a transfer of layers (a pull, a push) reports as it goes, layer by layer, in Docker's words: a
 * status ("Pulling fs layer", "Waiting", "Downloading", "Verifying Checksum", "Download complete",
 * "Extracting", "Pull complete", "Already exists"; "Preparing", "Pushing", "Pushed", "Layer already
 * exists", "Mounted from …") and, while bytes move, how many of how many (total -1 when unknown).
 * Called from the transfer's threads: an implementation must be thread-safe.
 */
public interface TransferProgress {

    /** {@code layer} (its blob digest, as Docker names layers in progress) reached {@code status}. */
    void status(Digest layer, String status);

    /** {@code current} of {@code total} bytes of {@code layer} have moved in phase {@code status}. */
    default void bytes(Digest layer, String status, long current, long total) {
    }

    /** Reports nothing. */
    static TransferProgress none() {
        return (layer, status) -> { };
    }
}
