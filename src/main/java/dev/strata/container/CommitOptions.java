package dev.strata.container;

import java.util.List;

/**
 * {@code commit} flags: the reference to tag (may be null), {@code -a}, {@code -m}, {@code -c} changes, and
 * {@code -p} (pause a running container while its changes are read; on by default, as in Docker).
 */
public record CommitOptions(String reference, String author, String message, List<String> changes, boolean pause) {
    public CommitOptions {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    public static CommitOptions tagged(String reference) {
        return new CommitOptions(reference, null, null, List.of(), true);
    }
}
