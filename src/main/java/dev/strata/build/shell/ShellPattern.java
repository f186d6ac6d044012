package dev.strata.build.shell;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The pattern of {@code ${v#pattern}} and its kin: {@code *} is any run of characters (slashes
 * included, unlike a file name glob), {@code ?} any one character, {@code [abc]}, {@code [a-z]} and
 * {@code [!a]} or {@code [^a]} a set, and the escape character makes the next character literal. An
 * unclosed {@code [} is an ordinary character, as in a shell.
 */
final class ShellPattern {
    private sealed interface Element permits Literal, AnyOne, AnyRun, CharSet {
    }

    private record Literal(char ch) implements Element {
    }

    private record AnyOne() implements Element {
    }

    private record AnyRun() implements Element {
    }

    private record CharSet(BitSet members, List<char[]> ranges, boolean negated) implements Element {
        boolean contains(char ch) {
            boolean found = members.get(ch);
            for (char[] range : ranges) {
                found |= ch >= range[0] && ch <= range[1];
            }
            return found != negated;
        }
    }

    private final List<Element> elements;

    ShellPattern(String pattern, char escape) {
        this.elements = compile(pattern, escape);
    }

    /**
     * Removes the shortest (or, with {@code longest}, the longest) prefix or suffix of {@code value}
     * that the whole pattern matches; the value is unchanged when none does.
     */
    String trim(String value, boolean prefix, boolean longest) {
        int n = value.length();
        for (int step = 0; step <= n; step++) {
            int length = longest ? n - step : step;
            if (prefix && matches(value, 0, length)) {
                return value.substring(length);
            }
            if (!prefix && matches(value, n - length, n)) {
                return value.substring(0, n - length);
            }
        }
        return value;
    }

    private boolean matches(String value, int from, int to) {
        return matchFrom(0, value, from, to);
    }

    private boolean matchFrom(int element, String value, int at, int end) {
        while (element < elements.size()) {
            switch (elements.get(element)) {
                case AnyRun any -> {
                    if (element == elements.size() - 1) {
                        return true;
                    }
                    for (int i = at; i <= end; i++) {
                        if (matchFrom(element + 1, value, i, end)) {
                            return true;
                        }
                    }
                    return false;
                }
                case Literal literal -> {
                    if (at >= end || value.charAt(at) != literal.ch()) {
                        return false;
                    }
                }
                case AnyOne any -> {
                    if (at >= end) {
                        return false;
                    }
                }
                case CharSet set -> {
                    if (at >= end || !set.contains(value.charAt(at))) {
                        return false;
                    }
                }
            }
            element++;
            at++;
        }
        return at == end;
    }

    private static List<Element> compile(String pattern, char escape) {
        List<Element> elements = new ArrayList<>();
        int i = 0;
        while (i < pattern.length()) {
            char ch = pattern.charAt(i);
            if (ch == escape && i + 1 < pattern.length()) {
                elements.add(new Literal(pattern.charAt(i + 1)));
                i += 2;
            } else if (ch == '*') {
                if (elements.isEmpty() || !(elements.getLast() instanceof AnyRun)) {
                    elements.add(new AnyRun());
                }
                i++;
            } else if (ch == '?') {
                elements.add(new AnyOne());
                i++;
            } else if (ch == '[') {
                int close = parseSet(pattern, i, escape, elements);
                if (close < 0) {
                    elements.add(new Literal('['));
                    i++;
                } else {
                    i = close + 1;
                }
            } else {
                elements.add(new Literal(ch));
                i++;
            }
        }
        return elements;
    }

    /** Adds the set that opens at {@code open} and answers where it closes, or -1 if it does not. */
    private static int parseSet(String pattern, int open, char escape, List<Element> elements) {
        int i = open + 1;
        boolean negated = i < pattern.length() && (pattern.charAt(i) == '!' || pattern.charAt(i) == '^');
        if (negated) {
            i++;
        }
        BitSet members = new BitSet();
        List<char[]> ranges = new ArrayList<>();
        boolean first = true;
        while (i < pattern.length()) {
            char ch = pattern.charAt(i);
            if (ch == ']' && !first) {
                elements.add(new CharSet(members, ranges, negated));
                return i;
            }
            first = false;
            if (ch == escape && i + 1 < pattern.length()) {
                ch = pattern.charAt(++i);
            }
            if (i + 2 < pattern.length() && pattern.charAt(i + 1) == '-' && pattern.charAt(i + 2) != ']') {
                ranges.add(new char[] {ch, pattern.charAt(i + 2)});
                i += 3;
            } else {
                members.set(ch);
                i++;
            }
        }
        return -1;
    }
}
