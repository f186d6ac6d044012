package dev.strata.build.dockerfile;

/**
 * A parser directive such as {@code # escape=`}, as written before the first instruction.
 *
 * @param name lower-case: escape, syntax or check
 * @param value the text after {@code =}, surrounding whitespace removed
 */
public record Directive(String name, String value, int line) {
}
