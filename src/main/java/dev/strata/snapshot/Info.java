package dev.strata.snapshot;

import java.time.Instant;
import java.util.Objects;

/**
 * What a snapshotter knows about one snapshot: its name (the key while active or a view, the committed
 * name after {@link Snapshotter#commit}), its parent's name (null for a base), its kind, and when its
 * data was created (prepare time: committing renames a snapshot, it does not rewrite it).
 */
public record Info(String name, String parent, Kind kind, Instant created) {
    public Info {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(created, "created");
    }

    /** The three states of containerd's snapshot model. */
    public enum Kind {
        /** Read-write, made by {@link Snapshotter#prepare}; can be committed. */
        ACTIVE,
        /** Read-only, made by {@link Snapshotter#view}; never committed. */
        VIEW,
        /** Immutable, made by {@link Snapshotter#commit}; the only kind that can be a parent. */
        COMMITTED
    }
}
