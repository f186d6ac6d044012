package dev.strata.reference;

/**
 * Hand-written recognisers for the productions of the distribution/reference grammar. They replace
 * the regular expressions Docker uses because the CLI parses a reference on nearly every command and
 * compiling a large pattern at start-up would cost more than the whole parse. Each method accepts
 * exactly the language of the production named in its comment; all work on {@code s[from, to)} so
 * that callers do not need substrings.
 */
final class Grammar {
    /** Longest tag: {@code [\w][\w.-]{0,127}}. */
    static final int MAX_TAG_LENGTH = 128;

    private Grammar() {
    }

    /** {@code [a-z0-9]}: the alphabet of repository path components. */
    static boolean isLowerAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    /** {@code [a-zA-Z0-9]}: the alphabet of domain components. */
    static boolean isAlnum(char c) {
        return isLowerAlnum(c) || (c >= 'A' && c <= 'Z');
    }

    /** Go's {@code \w}, which is ASCII only: {@code [0-9A-Za-z_]}. */
    static boolean isWord(char c) {
        return isAlnum(c) || c == '_';
    }

    static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    static boolean isLowerHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    }

    /** True when every character of {@code s[from, to)} is lowercase hex. */
    static boolean isLowerHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isLowerHex(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * remote-name: {@code path-component ('/' path-component)*}, where path-component is
     * {@code [a-z0-9]+ (separator [a-z0-9]+)*} and separator is {@code [._] | __ | -+}.
     */
    static boolean isRemoteName(String s, int from, int to) {
        int i = from;
        while (true) {
            // one path component: alphanumeric runs joined by single separators
            if (i >= to || !isLowerAlnum(s.charAt(i))) {
                return false;
            }
            while (true) {
                while (i < to && isLowerAlnum(s.charAt(i))) {
                    i++;
                }
                if (i == to) {
                    return true;
                }
                char c = s.charAt(i);
                if (c == '/') {
                    i++;
                    break; // next component
                }
                if (c == '.') {
                    i++;
                } else if (c == '_') {
                    i++;
                    if (i < to && s.charAt(i) == '_') {
                        i++;
                    }
                } else if (c == '-') {
                    while (i < to && s.charAt(i) == '-') {
                        i++;
                    }
                } else {
                    return false;
                }
                // a separator must be followed by another alphanumeric run
                if (i >= to || !isLowerAlnum(s.charAt(i))) {
                    return false;
                }
            }
        }
    }

    /**
     * domainAndPort: {@code host (':' [0-9]+)?} where host is either a domain name
     * ({@code component ('.' component)*}, component = {@code [a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?})
     * or a bracketed IPv6 address {@code \[[a-fA-F0-9:]+\]}. Uppercase is allowed here only.
     */
    static boolean isDomain(String s, int from, int to) {
        if (from >= to) {
            return false;
        }
        int i;
        if (s.charAt(from) == '[') {
            i = from + 1;
            while (i < to && (isHex(s.charAt(i)) || s.charAt(i) == ':')) {
                i++;
            }
            if (i == from + 1 || i >= to || s.charAt(i) != ']') {
                return false;
            }
            i++;
        } else {
            i = from;
            while (true) {
                if (i >= to || !isAlnum(s.charAt(i))) {
                    return false;
                }
                char last = s.charAt(i);
                while (i < to && (isAlnum(s.charAt(i)) || s.charAt(i) == '-')) {
                    last = s.charAt(i);
                    i++;
                }
                if (last == '-') {
                    return false; // a component may not end with a hyphen
                }
                if (i < to && s.charAt(i) == '.') {
                    i++;
                    continue;
                }
                break;
            }
        }
        if (i == to) {
            return true;
        }
        if (s.charAt(i) != ':') {
            return false;
        }
        i++;
        if (i >= to) {
            return false; // "host:" with no port number
        }
        for (; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** tag: {@code [\w][\w.-]{0,127}}. */
    static boolean isTag(String s, int from, int to) {
        int length = to - from;
        if (length < 1 || length > MAX_TAG_LENGTH || !isWord(s.charAt(from))) {
            return false;
        }
        for (int i = from + 1; i < to; i++) {
            char c = s.charAt(i);
            if (!isWord(c) && c != '.' && c != '-') {
                return false;
            }
        }
        return true;
    }

    /**
     * The digest as the reference grammar sees it, before any algorithm check:
     * {@code [A-Za-z][A-Za-z0-9]*([-_+.][A-Za-z][A-Za-z0-9]*)* ':' [0-9a-fA-F]{32,}}.
     */
    static boolean isDigestSyntax(String s, int from, int to) {
        int i = from;
        while (true) {
            if (i >= to || !isLetter(s.charAt(i))) {
                return false;
            }
            i++;
            while (i < to && isAlnum(s.charAt(i))) {
                i++;
            }
            if (i >= to) {
                return false;
            }
            char c = s.charAt(i);
            if (c == ':') {
                break;
            }
            if (c != '-' && c != '_' && c != '+' && c != '.') {
                return false;
            }
            i++;
        }
        i++; // the ':'
        if (to - i < 32) {
            return false;
        }
        for (; i < to; i++) {
            if (!isHex(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /**
     * Lowercases code point by code point, as Go's {@code strings.ToLower} does (so that U+0130
     * becomes a plain "i" and the Kelvin sign a plain "k", which decides Docker's error message). The
     * common all-lowercase ASCII case returns {@code s} itself without allocating.
     */
    static String lower(String s) {
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c >= 0x80 || (c >= 'A' && c <= 'Z')) {
                break;
            }
            i++;
        }
        if (i == n) {
            return s;
        }
        // a plain loop, not a stream: a lambda's first use costs milliseconds of bootstrap
        StringBuilder out = new StringBuilder(n).append(s, 0, i);
        while (i < n) {
            int cp = s.codePointAt(i);
            out.appendCodePoint(Character.toLowerCase(cp));
            i += Character.charCount(cp);
        }
        return out.toString();
    }
}
