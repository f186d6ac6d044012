package dev.strata.embed;

import java.time.Instant;
import java.util.List;

/**
 * Everything {@code strata inspect} shows of an image, for a program.
 *
 * @param image        the image as {@link Images#list} shows it
 * @param parent       the ID of the image it was committed or built on in this store, or null
 * @param os           {@code linux}
 * @param architecture {@code amd64}, {@code arm64} …
 * @param author       the author its config names, or ""
 * @param config       what containers run from it get
 * @param layers       the diff IDs of its layers, bottom first ({@code sha256:…} of each uncompressed tar)
 */
public record ImageDetails(Image image, String parent, String os, String architecture, String author,
                           ImageConfig config, List<String> layers) {
    public ImageDetails {
        layers = List.copyOf(layers);
    }

    /** The image ID: see {@link Image#id}. */
    public String id() {
        return image.id();
    }

    /** When it was made, or null. */
    public Instant created() {
        return image.created();
    }
}
