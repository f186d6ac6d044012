package dev.strata.build.executor.copy;

import java.util.regex.Pattern;

/**
 * A COPY or ADD source with wildcards, matched as Go's {@code filepath.Match} matches (which Docker's
 * builder uses against each path of the context): {@code *} is any run of characters but {@code /},
 * {@code ?} one such character, {@code [a-z]}, {@code [^a]} and {@code [!a]} sets, and {@code \}
 * makes the next character literal. {@code **} is no more than two stars. A pattern matches a whole
 * relative path, never part of one, so {@code src/*.go} matches {@code src/a.go} and not
 * {@code src/x/a.go}.
 */
public final class SourcePattern {
    private final Pattern regex;

    private SourcePattern(Pattern regex) {
        this.regex = regex;
    }

    /** Whether {@code source} holds wildcards, so it is matched against the tree rather than looked up. */
    public static boolean hasWildcards(String source) {
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '*' || c == '?' || c == '[') {
                return true;
            }
        }
        return false;
    }

    /** @throws IllegalArgumentException for a malformed pattern, with Go's wording */
    public static SourcePattern compile(String pattern) {
        StringBuilder out = new StringBuilder();
        int n = pattern.length();
        for (int i = 0; i < n; i++) {
            char c = pattern.charAt(i);
            switch (c) {
                case '*' -> out.append("[^/]*");
                case '?' -> out.append("[^/]");
                case '\\' -> {
                    if (++i >= n) {
                        throw malformed(pattern);
                    }
                    out.append(Pattern.quote(String.valueOf(pattern.charAt(i))));
                }
                case '[' -> i = set(pattern, i + 1, out);
                default -> out.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return new SourcePattern(Pattern.compile(out.toString(), Pattern.DOTALL));
    }

    /** Appends the set starting after its {@code [} at {@code from}; returns the index of its {@code ]}. */
    private static int set(String pattern, int from, StringBuilder out) {
        int n = pattern.length();
        int i = from;
        out.append('[');
        if (i < n && (pattern.charAt(i) == '^' || pattern.charAt(i) == '!')) {
            out.append('^');
            i++;
        }
        boolean empty = true;
        while (i < n && pattern.charAt(i) != ']') {
            char low = pattern.charAt(i);
            if (low == '\\') {
                if (++i >= n) {
                    throw malformed(pattern);
                }
                low = pattern.charAt(i);
            }
            out.append(escapeInSet(low));
            i++;
            if (i + 1 < n && pattern.charAt(i) == '-' && pattern.charAt(i + 1) != ']') {
                char high = pattern.charAt(i + 1);
                i += 2;
                if (high == '\\') {
                    if (i >= n) {
                        throw malformed(pattern);
                    }
                    high = pattern.charAt(i++);
                }
                if (high < low) {
                    throw malformed(pattern);
                }
                out.append('-').append(escapeInSet(high));
            }
            empty = false;
        }
        if (i >= n || empty) {
            throw malformed(pattern);
        }
        // a set never matches the separator, as in Go
        out.append("&&[^/]]");
        return i;
    }

    private static String escapeInSet(char c) {
        return Character.isLetterOrDigit(c) ? String.valueOf(c) : "\\" + c;
    }

    private static IllegalArgumentException malformed(String pattern) {
        return new IllegalArgumentException("syntax error in pattern " + pattern);
    }

    public boolean matches(String path) {
        return regex.matcher(path).matches();
    }
}
