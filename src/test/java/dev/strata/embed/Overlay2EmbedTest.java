package dev.strata.embed;

/** The embedded API on overlay2. */
class Overlay2EmbedTest extends EmbedContract {
    @Override
    StorageDriver driver() {
        return StorageDriver.OVERLAY2;
    }
}
