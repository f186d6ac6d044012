package dev.strata.engine;

import dev.strata.digest.Digest;
import java.time.Instant;
import java.util.List;

/**
 * An image as {@code images} lists it. {@code repoTags} and {@code repoDigests} are familiar strings
 * ({@code busybox:latest}); {@code created} may be null for a config without a valid time.
 */
public record ImageSummary(
        Digest id,
        Digest parent,
        List<String> repoTags,
        List<String> repoDigests,
        Instant created,
        long size,
        boolean hasChildren) {

    /** No tags and nothing built on it: what {@code dangling=true} selects. */
    public boolean dangling() {
        return repoTags.isEmpty() && !hasChildren;
    }
}
