package dev.strata.build.shell;

import java.util.Map;

/**
 * Where the lexer looks variables up. A lookup answers {@code null} for an unset variable, which is
 * not the same as a variable set to the empty string: {@code ${v-word}} and {@code ${v:-word}} tell
 * them apart.
 */
@FunctionalInterface
public interface Variables {
    /** The value of {@code name}, or {@code null} when it is unset. */
    String valueOf(String name);

    static Variables of(Map<String, String> values) {
        return values::get;
    }

    static Variables none() {
        return name -> null;
    }
}
