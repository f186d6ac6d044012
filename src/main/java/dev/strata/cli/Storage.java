package dev.strata.cli;

import dev.strata.digest.Digest;
import java.io.IOException;
import java.util.Map;

/** The storage driver as {@code inspect} and {@code info} show it. */
record Storage(String driverName) {
    static Storage of(Context context) {
        return new Storage(context.storageDriver() == null ? "overlay2" : context.storageDriver());
    }

    /** GraphDriver.Data of an image: its top layer's directories once unpacked, else nothing. */
    Map<String, String> imageData(Digest id) throws IOException {
        return null;
    }
}
