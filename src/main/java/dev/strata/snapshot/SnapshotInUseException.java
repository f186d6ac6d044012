package dev.strata.snapshot;

import java.util.List;

/** A snapshot cannot be removed while other snapshots are built on it. */
public final class SnapshotInUseException extends SnapshotException {
    private final List<String> children;

    public SnapshotInUseException(String name, List<String> children) {
        super("remove " + name + ": snapshot is the parent of " + children.size() + " other"
                + (children.size() == 1 ? "" : "s") + " (" + String.join(", ", children.stream().limit(5).toList())
                + (children.size() > 5 ? ", …" : "") + "); remove them first", name);
        this.children = List.copyOf(children);
    }

    public List<String> children() {
        return children;
    }
}
