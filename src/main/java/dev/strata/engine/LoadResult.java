package dev.strata.engine;

import java.util.List;

/**
 * What a load did: the images, in the archive's order (an image listed twice appears once, with all its
 * tags), and the lines {@code docker load} prints for it, word for word:
 * {@code The image NAME:TAG already exists, renaming the old one with ID sha256:… to empty string} when a
 * tag moves, {@code Loaded image: NAME:TAG} for each tag, and {@code Loaded image ID: sha256:…} for every
 * image when the archive's last image has no tag (Docker's rule, quirk included: it looks only at the last).
 */
public record LoadResult(List<LoadedImage> images, List<String> lines) {
    public LoadResult {
        images = List.copyOf(images);
        lines = List.copyOf(lines);
    }
}
