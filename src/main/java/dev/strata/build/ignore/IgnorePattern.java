package dev.strata.build.ignore;

import java.util.regex.Pattern;

/**
 * One line of a .dockerignore, cleaned: {@code *} matches within one path segment, {@code ?} one
 * character other than {@code /}, {@code [a-z]} and {@code [^a]} a set, {@code **} any number of
 * segments (none included), {@code \} makes the next character literal.
 *
 * @param pattern the cleaned pattern, without its {@code !}
 * @param exception true for a {@code !pattern} line, which takes matching paths back in
 */
public record IgnorePattern(String pattern, boolean exception, Pattern regex) {

    /** Whether the pattern matches this cleaned, relative, slash-separated path exactly. */
    public boolean matches(String path) {
        return regex.matcher(path).matches();
    }

    /** @throws IllegalArgumentException when the pattern is malformed, as Go's filepath.Match says */
    static IgnorePattern compile(String pattern, boolean exception) {
        StringBuilder regex = new StringBuilder();
        boolean inSet = false;
        int i = 0;
        int n = pattern.length();
        while (i < n) {
            char ch = pattern.charAt(i++);
            if (ch == '\\') { // the next character is literal, in a set or out of one
                if (i >= n) {
                    throw bad(pattern);
                }
                appendLiteral(regex, pattern.charAt(i++));
                continue;
            }
            if (inSet) {
                switch (ch) {
                    case ']' -> {
                        regex.append(']');
                        inSet = false;
                    }
                    case '[', '&' -> regex.append('\\').append(ch);
                    default -> regex.append(ch);
                }
                continue;
            }
            switch (ch) {
                case '*' -> {
                    if (i < n && pattern.charAt(i) == '*') {
                        i++;
                        if (i < n && pattern.charAt(i) == '/') {
                            i++; // "**/" is "**": the slash is part of the any-segments match
                        }
                        regex.append(i >= n ? ".*" : "(.*/)?");
                    } else {
                        regex.append("[^/]*");
                    }
                }
                case '?' -> regex.append("[^/]");
                case '[' -> {
                    int close = setEnd(pattern, i);
                    if (close < 0) {
                        throw bad(pattern);
                    }
                    regex.append('[');
                    inSet = true;
                }
                default -> appendLiteral(regex, ch);
            }
        }
        return new IgnorePattern(pattern, exception, Pattern.compile(regex.toString(), Pattern.DOTALL));
    }

    /** Where the set opening before {@code from} closes, or -1; {@code []} and {@code [^]} are malformed. */
    private static int setEnd(String pattern, int from) {
        int i = from;
        if (i < pattern.length() && pattern.charAt(i) == '^') {
            i++;
        }
        int first = i;
        while (i < pattern.length()) {
            char ch = pattern.charAt(i);
            if (ch == '\\') {
                i += 2;
                continue;
            }
            if (ch == ']') {
                return i == first ? -1 : i;
            }
            i++;
        }
        return -1;
    }

    private static void appendLiteral(StringBuilder regex, char ch) {
        if (Character.isLetterOrDigit(ch) || ch == '/' || ch == '_' || ch == '-' || ch == ' ') {
            regex.append(ch);
        } else {
            regex.append('\\').append(ch);
        }
    }

    private static IllegalArgumentException bad(String pattern) {
        return new IllegalArgumentException("syntax error in pattern \"" + pattern + "\"");
    }
}
