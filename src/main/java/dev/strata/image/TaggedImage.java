package dev.strata.image;

import dev.strata.digest.Digest;
import dev.strata.reference.Reference;
import java.util.List;

/**
 * An image on its way between a source and a sink, with the names it goes by there (full references
 * with a tag) and, where the source records one, the ID of the image it was built on (a {@code docker
 * save} archive's {@code Parent}, the store's parent link), or null.
 */
public record TaggedImage(ImageSource image, List<Reference> tags, Digest parent) {
    public TaggedImage {
        tags = List.copyOf(tags);
    }

    public Digest id() {
        return image.image().id();
    }
}
