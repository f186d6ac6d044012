package dev.strata.engine;

import dev.strata.digest.Digest;
import dev.strata.event.EventLog;
import dev.strata.image.Image;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The image events, with the attributes Docker's daemon gives them: the image's labels while the image
 * is still there (not for a {@code delete}), and {@code name}. The actor is the image ID, except for a
 * pull or push, whose actor is the reference moved.
 */
public final class ImageEvents {
    private ImageEvents() {
    }

    /** Records {@code action} of image {@code image} (null if unknown) as actor {@code actor}, named {@code name}. */
    public static void record(Store store, String action, String actor, Digest image, String name) {
        Map<String, String> attributes = new HashMap<>();
        try {
            Optional<Image> found = image == null ? Optional.empty() : store.image(image);
            if (found.isPresent() && found.get().config().config() != null
                    && found.get().config().config().labels() != null) {
                attributes.putAll(found.get().config().config().labels());
            }
        } catch (IOException | RuntimeException gone) {
            // no labels, as for an image Docker's daemon no longer finds
        }
        attributes.put("name", name);
        EventLog.of(store.root()).image(action, actor, attributes);
    }

    /** The same for an event whose actor is the image ID. */
    public static void record(Store store, String action, Digest image, String name) {
        record(store, action, image.toString(), image, name);
    }
}
