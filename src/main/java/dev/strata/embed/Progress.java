package dev.strata.embed;

/**
 * One report of a transfer: {@code layer} (the layer's blob digest, {@code sha256:…}, as Docker names
 * layers in progress) reached {@code status} ("Pulling fs layer", "Downloading", "Verifying Checksum",
 * "Download complete", "Extracting", "Pull complete", "Already exists"; "Preparing", "Pushing",
 * "Pushed", "Layer already exists", "Mounted from …"). While bytes move, {@code current} of
 * {@code total} bytes have moved ({@code total} is -1 when unknown); a status change alone carries -1
 * in both.
 */
public record Progress(String layer, String status, long current, long total) {

    /** True for a report of bytes moved, false for a change of status alone. */
    public boolean hasBytes() {
        return current >= 0;
    }
}
