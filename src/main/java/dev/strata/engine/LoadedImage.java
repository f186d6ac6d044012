package dev.strata.engine;

import dev.strata.digest.Digest;
import java.util.List;

/** An image a load put in the store (or found there already), and the tags it gave it, in familiar form. */
public record LoadedImage(Digest id, List<String> tags) {
    public LoadedImage {
        tags = List.copyOf(tags);
    }
}
