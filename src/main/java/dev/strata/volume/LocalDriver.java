package dev.strata.volume;

import dev.strata.error.InvalidInputException;
import dev.strata.snapshot.Mount;
import dev.strata.snapshot.Mounts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Docker's {@code local} volume driver: a directory, or, given {@code type} and {@code device} (and perhaps
 * {@code o}), whatever mount(8) would mount with them ({@code type=tmpfs device=tmpfs o=size=64m},
 * {@code type=none o=bind device=/srv/data}, an NFS export ...), mounted with mount(2) on the volume's
 * mount point.
 */
final class LocalDriver {
    private static final Set<String> OPTIONS = Set.of("type", "o", "device");
    /** Which option needs which others, in the order Docker's local driver reports the first one missing. */
    private static final Map<String, List<String>> REQUIRES = Map.of(
            "device", List.of("type"), "type", List.of("device"), "o", List.of("device", "type"));

    private LocalDriver() {
    }

    /** Docker's validateOpts, with its words ({@code invalid option: "x"}, {@code missing required option: "x"}). */
    static void check(Map<String, String> options) {
        if (options == null || options.isEmpty()) {
            return;
        }
        for (String key : new java.util.TreeSet<>(options.keySet())) {
            if (!OPTIONS.contains(key)) {
                throw new InvalidInputException("invalid option: \"" + key + "\"");
            }
        }
        for (String key : List.of("o", "type", "device")) {
            if (options.containsKey(key)) {
                for (String required : REQUIRES.get(key)) {
                    if (!options.containsKey(required)) {
                        throw new InvalidInputException("missing required option: \"" + required + "\"");
                    }
                }
            }
        }
    }

    /** Mounts a volume that has a {@code type} on its mount point, unless it is mounted there already. */
    static void mount(Volume volume) throws IOException {
        Map<String, String> options = volume.optionsOrEmpty();
        String type = options.get("type");
        if (type == null || mounted(volume.mountpoint())) {
            return;
        }
        List<String> o = new ArrayList<>(options.containsKey("o") && !options.get("o").isEmpty()
                ? Arrays.asList(options.get("o").split(",")) : List.of());
        // mount(8)'s "-o bind" is a mount of no type: Strata's bind description
        boolean bind = o.contains("bind") || o.contains("rbind");
        try {
            Mounts.mount(new Mount(bind ? "bind" : type, options.get("device"), o), volume.mountpoint());
        } catch (IOException e) {
            throw new IOException("error while mounting volume '" + volume.mountpoint() + "': " + e.getMessage(), e);
        }
    }

    private static boolean mounted(Path point) throws IOException {
        return Mounts.mountPointsUnder(point).contains(point.toRealPath());
    }
}
