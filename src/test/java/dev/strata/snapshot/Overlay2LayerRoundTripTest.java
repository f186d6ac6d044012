package dev.strata.snapshot;

import java.io.IOException;
import java.nio.file.Path;

/** Needs the real {@code dev.strata.layer}: skipped until branch {@code layer} is merged. */
class Overlay2LayerRoundTripTest extends LayerRoundTripContract {
    @Override
    Snapshotter open(Path root) throws IOException {
        return Snapshotters.open(root, "overlay2");
    }
}
