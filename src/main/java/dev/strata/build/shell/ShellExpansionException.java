package dev.strata.build.shell;

/**
 * A word the lexer cannot expand: a bad substitution, a quote left open, or a {@code ${v:?msg}}
 * whose variable is unset. It carries no location; the instruction layer adds file and line.
 */
public final class ShellExpansionException extends RuntimeException {
    public ShellExpansionException(String message) {
        super(message);
    }
}
