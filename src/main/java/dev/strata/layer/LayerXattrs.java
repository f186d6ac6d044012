package dev.strata.layer;

import dev.strata.linux.Linux;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Which extended attributes travel in a layer, and reading them from disk. */
final class LayerXattrs {
    static final String OVERLAY_OPAQUE = "trusted.overlay.opaque";
    static final String OVERLAY_REDIRECT = "trusted.overlay.redirect";
    static final String OVERLAY_METACOPY = "trusted.overlay.metacopy";
    static final String CAPABILITY = "security.capability";

    private LayerXattrs() {
    }

    /**
     * overlayfs's own markers ({@code trusted.overlay.*}, or {@code user.overlay.*} when mounted with
     * {@code userxattr}): opaque directories, redirects, metacopy, origin. These describe how one layer
     * sits on another, which only Strata decides. Taken from a tar they would let a layer forge them:
     * an opaque marker hiding a lower directory it never whited out, or a redirect pointing overlayfs
     * at another lower path. So they are never read from a tar nor written into one.
     */
    static boolean isOverlayInternal(String name) {
        return name.startsWith("trusted.overlay.") || name.startsWith("user.overlay.");
    }

    /**
     * Whether an attribute read from disk belongs in a layer: not overlay's, and of the security
     * namespace only file capabilities, as Docker does; labels like {@code security.selinux} belong
     * to the host that wrote them, not to the image.
     */
    static boolean belongsInLayer(String name) {
        if (isOverlayInternal(name)) {
            return false;
        }
        return !name.startsWith("security.") || name.equals(CAPABILITY);
    }

    /** Every extended attribute of the path itself, by name. */
    static SortedMap<String, byte[]> readAll(Path path) throws IOException {
        SortedMap<String, byte[]> out = new TreeMap<>();
        for (String name : Linux.listXattrs(path)) {
            Linux.getXattr(path, name).ifPresent(value -> out.put(name, value));
        }
        return out;
    }

    /** The attributes of the path that belong in a layer, by name. */
    static SortedMap<String, byte[]> forLayer(Map<String, byte[]> all) {
        SortedMap<String, byte[]> out = new TreeMap<>();
        all.forEach((name, value) -> {
            if (belongsInLayer(name)) {
                out.put(name, value);
            }
        });
        return out;
    }

    static boolean equal(Map<String, byte[]> a, Map<String, byte[]> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (Map.Entry<String, byte[]> e : a.entrySet()) {
            if (!Arrays.equals(e.getValue(), b.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    static boolean isOpaque(Map<String, byte[]> all) {
        byte[] value = all.get(OVERLAY_OPAQUE);
        return value != null && value.length == 1 && value[0] == 'y';
    }

    static boolean isOpaque(Path dir) throws IOException {
        return Linux.getXattr(dir, OVERLAY_OPAQUE).map(v -> v.length == 1 && v[0] == 'y').orElse(false);
    }
}
