package dev.strata.cli;

import dev.strata.digest.Digest;
import java.io.IOException;
import java.util.Map;

/** The storage driver as {@code inspect} shows it. */
record Storage(String driverName, Context context) {
    static Storage of(Context context) throws IOException {
        return new Storage(context.engine().storageDriverName(), context);
    }

    /** GraphDriver.Data of an image: its top layer's directories once unpacked, else null. */
    Map<String, String> imageData(Digest id) throws IOException {
        var image = context.engine().image(id);
        return image.isEmpty() ? null : context.engine().graphDriverData(image.get());
    }
}
