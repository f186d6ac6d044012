package dev.strata.image;

import java.io.IOException;

/**
 * Where images go: the store, an archive, a layout directory, a registry. Images are put one at a time,
 * each with its layers read from its source as the sink needs them (a sink skips the layers it already
 * holds), and {@link #finish} writes what depends on all of them (an archive's index and manifest.json)
 * or makes the lot visible.
 */
public interface ImageSink {

    void put(TaggedImage image) throws IOException;

    /** Called once after the last {@link #put}. */
    void finish() throws IOException;
}
