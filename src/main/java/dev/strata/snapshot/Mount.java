package dev.strata.snapshot;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A description of one mount, as containerd's snapshotters hand it out: {@code type} is the file
 * system type ({@code overlay}, or {@code bind} for a bind mount), {@code source} what is mounted,
 * {@code options} the comma-separable mount options ({@code ro}, {@code rbind},
 * {@code lowerdir=/a:/b}, …). A snapshotter returns these and never mounts; {@link Mounts} (or anything
 * else that understands them, such as an OCI runtime's mount list) applies them.
 */
public record Mount(String type, String source, List<String> options) {
    public Mount {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        options = List.copyOf(options);
    }

    /** The value of a {@code key=value} option, if present. */
    public Optional<String> option(String key) {
        String prefix = key + "=";
        return options.stream().filter(o -> o.startsWith(prefix)).map(o -> o.substring(prefix.length())).findFirst();
    }

    /** True when the mount is made read-only. */
    public boolean readOnly() {
        return options.contains("ro");
    }

    @Override
    public String toString() {
        return type + " " + source + " " + String.join(",", options);
    }
}
