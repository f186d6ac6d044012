package dev.strata.engine;

/** One line of what {@code rmi} and {@code image prune} did: a reference untagged or an ID deleted. */
public record RemovalEvent(Kind kind, String value) {
    public enum Kind { UNTAGGED, DELETED }

    public static RemovalEvent untagged(String reference) {
        return new RemovalEvent(Kind.UNTAGGED, reference);
    }

    public static RemovalEvent deleted(String id) {
        return new RemovalEvent(Kind.DELETED, id);
    }
}
