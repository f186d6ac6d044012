package dev.strata.engine;

import dev.strata.digest.Digest;
import java.time.Instant;
import java.util.List;

/**
 * What {@code system df} reports. Sizes are of unpacked layers, as Docker counts them; a layer shared
 * by several images is counted once in {@link #imagesSize} and appears in each image's shared size.
 */
public record DiskUsage(List<ImageUsage> images, long imagesSize, long imagesReclaimable, int activeImages,
                        List<ContainerUsage> containers) {

    public record ImageUsage(Digest id, List<String> repoTags, Instant created, long size, long sharedSize,
                             long uniqueSize, int containers) {
    }

    public record ContainerUsage(String id, String image, String command, long size, Instant created, String status,
                                 String name, boolean running) {
    }
}
