package dev.strata.embed;

import java.time.Instant;
import java.util.List;

/**
 * An image in the store, as {@code strata images} lists it.
 *
 * @param id      the image ID, {@code sha256:} and 64 hex digits (the digest of its config)
 * @param tags    the tag references naming it, as Docker shows them ({@code busybox:latest})
 * @param digests the digest references naming it ({@code registry/name@sha256:…}), after a pull or push
 * @param created when it was made, or null when its config says nothing valid
 * @param size    bytes of its unpacked layers, as Docker counts them
 */
public record Image(String id, List<String> tags, List<String> digests, Instant created, long size) {
    public Image {
        tags = List.copyOf(tags);
        digests = List.copyOf(digests);
    }
}
