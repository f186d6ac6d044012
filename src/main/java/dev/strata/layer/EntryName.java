package dev.strata.layer;

import java.util.ArrayList;
import java.util.List;

/**
 * A name from a layer tar made relative to the layer root: its components, none of them empty,
 * {@code .} or {@code ..}. This is purely lexical; {@link ConfinedPaths} later resolves it against
 * what is really on disk.
 */
record EntryName(List<String> components) {
    static final EntryName ROOT = new EntryName(List.of());

    /**
     * Parses a tar name. A leading {@code /} is dropped ({@code /etc/passwd} means {@code etc/passwd},
     * as Docker reads it), and {@code a/../b} is {@code b}; but a {@code ..} that would climb above the
     * root is refused rather than clamped: no honest tool writes one, so it can only be an attempt to
     * reach outside, and refusing says so instead of quietly writing somewhere the author didn't name.
     */
    static EntryName parse(String raw) throws LayerFormatException {
        if (raw.indexOf('\0') >= 0) {
            // Java would refuse the path later anyway; a NUL can only come from a crafted PAX record
            throw LayerFormatException.entry(raw, "name contains a NUL byte");
        }
        List<String> out = new ArrayList<>();
        for (String component : raw.split("/")) {
            switch (component) {
                case "", "." -> {
                }
                case ".." -> {
                    if (out.isEmpty()) {
                        throw LayerFormatException.entry(raw, "path escapes the layer root");
                    }
                    out.removeLast();
                }
                default -> out.add(component);
            }
        }
        return new EntryName(List.copyOf(out));
    }

    boolean isRoot() {
        return components.isEmpty();
    }

    /** The last component; empty for the root. */
    String base() {
        return components.isEmpty() ? "" : components.getLast();
    }

    EntryName parent() {
        return components.isEmpty() ? this : new EntryName(components.subList(0, components.size() - 1));
    }

    EntryName child(String name) {
        List<String> out = new ArrayList<>(components.size() + 1);
        out.addAll(components);
        out.add(name);
        return new EntryName(List.copyOf(out));
    }

    /** The components joined by {@code /}; empty for the root. */
    String path() {
        return String.join("/", components);
    }

    @Override
    public String toString() {
        return path();
    }
}
