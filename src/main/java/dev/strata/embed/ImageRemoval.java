package dev.strata.embed;

import java.util.List;

/**
 * What {@link Images#remove} did, in Docker's order: the references it untagged, then the images it
 * deleted (their IDs). Removing one tag of an image that has others only untags.
 */
public record ImageRemoval(List<String> untagged, List<String> deleted) {
    public ImageRemoval {
        untagged = List.copyOf(untagged);
        deleted = List.copyOf(deleted);
    }
}
