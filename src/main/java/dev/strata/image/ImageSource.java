package dev.strata.image;

import java.util.List;

/**
 * An image wherever it is kept: its config, exactly as the source holds it (its digest is the image
 * ID), and its layers, base first, one for each diff ID the config lists and in that order. The store,
 * a {@code docker save} archive and an OCI layout are sources; so is a registry. Moving an image is
 * reading one source into one {@link ImageSink}.
 */
public interface ImageSource {

    Image image();

    List<Layer> layers();
}
