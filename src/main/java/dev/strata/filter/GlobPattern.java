package dev.strata.filter;

/**
 * Go's path.Match: {@code *} matches any run of non-{@code /} characters, {@code ?} one such character,
 * {@code [...]} a class (with {@code ^} or {@code !} negation and ranges), backslash escapes.
 * A malformed pattern matches nothing.
 */
public final class GlobPattern {
    private GlobPattern() {
    }

    public static boolean matches(String pattern, String name) {
        try {
            return match(pattern, 0, name, 0);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private static boolean match(String p, int pi, String s, int si) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            switch (c) {
                case '*' -> {
                    int next = pi + 1;
                    while (next < p.length() && p.charAt(next) == '*') {
                        next++;
                    }
                    for (int k = si; ; k++) {
                        if (match(p, next, s, k)) {
                            return true;
                        }
                        if (k >= s.length() || s.charAt(k) == '/') {
                            return false;
                        }
                    }
                }
                case '?' -> {
                    if (si >= s.length() || s.charAt(si) == '/') {
                        return false;
                    }
                    pi++;
                    si++;
                }
                case '[' -> {
                    if (si >= s.length() || s.charAt(si) == '/') {
                        return false;
                    }
                    int end = classEnd(p, pi);
                    if (!classMatches(p, pi + 1, end, s.charAt(si))) {
                        return false;
                    }
                    pi = end + 1;
                    si++;
                }
                case '\\' -> {
                    if (pi + 1 >= p.length()) {
                        throw new IllegalArgumentException("trailing backslash");
                    }
                    if (si >= s.length() || s.charAt(si) != p.charAt(pi + 1)) {
                        return false;
                    }
                    pi += 2;
                    si++;
                }
                default -> {
                    if (si >= s.length() || s.charAt(si) != c) {
                        return false;
                    }
                    pi++;
                    si++;
                }
            }
        }
        return si == s.length();
    }

    private static int classEnd(String p, int open) {
        int i = open + 1;
        if (i < p.length() && (p.charAt(i) == '^' || p.charAt(i) == '!')) {
            i++;
        }
        boolean first = true;
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == ']' && !first) {
                return i;
            }
            if (c == '\\') {
                i++;
            }
            first = false;
            i++;
        }
        throw new IllegalArgumentException("unterminated class");
    }

    private static boolean classMatches(String p, int from, int end, char ch) {
        boolean negate = p.charAt(from) == '^' || p.charAt(from) == '!';
        int i = negate ? from + 1 : from;
        boolean matched = false;
        while (i < end) {
            char lo = p.charAt(i);
            if (lo == '\\') {
                lo = p.charAt(++i);
            }
            char hi = lo;
            if (i + 2 < end && p.charAt(i + 1) == '-') {
                hi = p.charAt(i + 2);
                if (hi == '\\') {
                    hi = p.charAt(i + 3);
                    i++;
                }
                i += 2;
            }
            if (lo <= ch && ch <= hi) {
                matched = true;
            }
            i++;
        }
        return matched != negate;
    }
}
