package dev.strata.snapshot;

import java.time.Instant;

/** A snapshot as the store records it: its name and kind, the random id of its data, parent, creation. */
record Snapshot(String name, Info.Kind kind, String id, String parent, Instant created) {
    Info info() {
        return new Info(name, parent, kind, created);
    }
}
