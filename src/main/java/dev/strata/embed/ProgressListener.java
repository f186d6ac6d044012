package dev.strata.embed;

/**
 * Hears how a pull or push goes, layer by layer, in Docker's words. Called from the transfer's
 * threads, several layers at once: an implementation must be thread-safe and quick (it runs on the
 * path of the bytes).
 */
@FunctionalInterface
public interface ProgressListener {
    /** A layer reached a status, or moved some bytes. */
    void onProgress(Progress progress);

    /** Hears nothing. */
    static ProgressListener none() {
        return progress -> { };
    }
}
