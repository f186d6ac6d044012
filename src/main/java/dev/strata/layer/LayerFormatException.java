package dev.strata.layer;

import dev.strata.error.InvalidInputException;

/**
 * A layer tar that cannot be applied as it stands: not a tar at all, cut off, corrupted, or holding
 * an entry that would reach outside the extraction root. The message names the entry (as written in
 * the tar) and the problem, e.g. {@code layer entry ../../etc/evil: path escapes the layer root}.
 */
public final class LayerFormatException extends InvalidInputException {
    public LayerFormatException(String message) {
        super(message);
    }

    public LayerFormatException(String message, Throwable cause) {
        super(message, cause);
    }

    /** "layer entry NAME: PROBLEM", with control characters in the name made visible. */
    static LayerFormatException entry(String rawName, String problem) {
        return new LayerFormatException("layer entry " + printable(rawName) + ": " + problem);
    }

    static LayerFormatException entry(String rawName, String problem, Throwable cause) {
        return new LayerFormatException("layer entry " + printable(rawName) + ": " + problem, cause);
    }

    /** A hostile name may carry newlines or escape sequences meant for a terminal: show them as \xNN. */
    static String printable(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
