package dev.strata.engine;

import dev.strata.digest.Digest;
import dev.strata.image.Image;
import java.util.List;
import java.util.Map;

/**
 * Everything the store knows of one image, for {@code inspect}: its config, its names, its parent (the
 * image it was committed or built on, or null), its size as Docker counts it, when it was last tagged
 * (or null), and the storage driver's view of its top layer ({@code graphDriverData} is null when it is
 * not unpacked, or the driver reports nothing).
 */
public record ImageDetails(Image image, List<String> repoTags, List<String> repoDigests, Digest parent, long size,
                           String lastTagTime, String graphDriver, Map<String, String> graphDriverData) {
    public ImageDetails {
        repoTags = List.copyOf(repoTags);
        repoDigests = List.copyOf(repoDigests);
    }

    public Digest id() {
        return image.id();
    }
}
