package dev.strata.registry.server;

import dev.strata.digest.Digest;

/**
 * The distribution spec's grammar for what a client puts in a path, checked by hand: a repository
 * name is components of {@code [a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*} joined by '/', a tag is
 * {@code [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}}. Nothing that passes can name a path outside the store:
 * no component is empty, '.' or '..', and none starts with '_' (the store's own directories do).
 */
final class Names {
    /** Distribution's limit on a whole name. */
    static final int MAX_NAME = 255;

    private Names() {
    }

    static boolean isName(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME) {
            return false;
        }
        for (String component : name.split("/", -1)) {
            if (!isComponent(component)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isComponent(String c) {
        if (c.isEmpty() || !alnum(c.charAt(0)) || !alnum(c.charAt(c.length() - 1))) {
            return false;
        }
        for (int i = 1; i < c.length(); i++) {
            char ch = c.charAt(i);
            if (alnum(ch)) {
                continue;
            }
            // a separator: '.', '_', '__' or a run of '-', and always between alphanumerics
            if (ch == '.') {
                if (!alnum(c.charAt(i + 1))) {
                    return false;
                }
            } else if (ch == '_') {
                if (c.charAt(i + 1) == '_') {
                    i++;
                }
                if (!alnum(c.charAt(i + 1))) {
                    return false;
                }
            } else if (ch == '-') {
                while (c.charAt(i + 1) == '-') {
                    i++;
                }
                if (!alnum(c.charAt(i + 1))) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return true;
    }

    private static boolean alnum(char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
    }

    static boolean isTag(String tag) {
        if (tag.isEmpty() || tag.length() > 128) {
            return false;
        }
        for (int i = 0; i < tag.length(); i++) {
            char c = tag.charAt(i);
            boolean word = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
            if (!word && (i == 0 || c != '.' && c != '-')) {
                return false;
            }
        }
        return true;
    }

    static String checkName(String name) {
        if (!isName(name)) {
            throw RegistryException.of(ErrorCode.NAME_INVALID, java.util.Map.of("name", name));
        }
        return name;
    }

    /** A digest a client sent; DIGEST_INVALID when it is not one. */
    static Digest digest(String text) {
        if (text == null || !Digest.isDigest(text)) {
            throw new RegistryException(ErrorCode.DIGEST_INVALID, "invalid digest", text == null ? null
                    : java.util.Map.of("digest", text));
        }
        return Digest.parse(text);
    }
}
