package dev.strata.go;

/**
 * Go's strconv quoting: Quote, QuoteToASCII, QuoteRune (what {@code %q} prints, and how Go's error
 * messages and pflag's quote), and Unquote and UnquoteChar for the literals a template holds.
 */
public final class Quote {

    private Quote() {
    }

    /** strconv.Quote: printable runes stay, others become backslash escapes. */
    public static String quote(String s) {
        return quote(s, false);
    }

    /** strconv.QuoteToASCII: as {@link #quote}, with every rune outside printable ASCII escaped (printf's {@code %+q}). */
    public static String quoteToAscii(String s) {
        return quote(s, true);
    }

    private static String quote(String s, boolean asciiOnly) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            appendEscaped(out, cp, '"', asciiOnly);
        }
        return out.append('"').toString();
    }

    /** strconv.QuoteRune: a rune that is not a valid code point (a surrogate, past U+10FFFF) is U+FFFD. */
    public static String quoteRune(int cp) {
        return quoteRune(cp, false);
    }

    /** strconv.QuoteRuneToASCII. */
    public static String quoteRuneToAscii(int cp) {
        return quoteRune(cp, true);
    }

    private static String quoteRune(int cp, boolean asciiOnly) {
        if (cp < 0 || cp > Character.MAX_CODE_POINT || (cp >= 0xd800 && cp < 0xe000)) {
            cp = 0xfffd;
        }
        StringBuilder out = new StringBuilder().append('\'');
        appendEscaped(out, cp, '\'', asciiOnly);
        return out.append('\'').toString();
    }

    private static void appendEscaped(StringBuilder out, int cp, char quote, boolean asciiOnly) {
        if (cp == quote || cp == '\\') {
            out.append('\\').appendCodePoint(cp);
            return;
        }
        if (asciiOnly ? (cp < 0x7f && cp >= 0x20) : isPrint(cp)) {
            out.appendCodePoint(cp);
            return;
        }
        switch (cp) {
            case 0x07 -> out.append("\\a");
            case '\b' -> out.append("\\b");
            case '\f' -> out.append("\\f");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case 0x0b -> out.append("\\v");
            default -> {
                if (cp < ' ' || cp == 0x7f) {
                    out.append("\\x").append(hex(cp, 2));
                } else if (Character.isSurrogate((char) cp) && cp <= 0xffff) {
                    out.append("\\ufffd"); // Go strings hold no lone surrogates; show the replacement
                } else if (cp <= 0xffff) {
                    out.append("\\u").append(hex(cp, 4));
                } else {
                    out.append("\\U").append(hex(cp, 8));
                }
            }
        }
    }

    static String hex(int value, int width) {
        String h = Integer.toHexString(value);
        return "0".repeat(Math.max(0, width - h.length())) + h;
    }

    /** Approximates unicode.IsPrint: letters, marks, numbers, punctuation, symbols and ASCII space. */
    public static boolean isPrint(int cp) {
        if (cp == ' ') {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                 Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
                 Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK, Character.DECIMAL_DIGIT_NUMBER,
                 Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.CONNECTOR_PUNCTUATION,
                 Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
                 Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                 Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
            default -> false;
        };
    }

    /**
     * strconv.Unquote for a double-quoted or back-quoted literal, as written in the template.
     * Throws IllegalArgumentException with Go's "invalid syntax" on a bad escape.
     */
    public static String unquote(String literal) {
        if (literal.length() < 2) {
            throw new IllegalArgumentException("invalid syntax");
        }
        if (literal.startsWith("`")) {
            // raw: up to the next backquote, which must end the literal
            if (literal.indexOf('`', 1) != literal.length() - 1) {
                throw new IllegalArgumentException("invalid syntax");
            }
            return literal.substring(1, literal.length() - 1).replace("\r", "");
        }
        if (literal.charAt(0) != '"' || literal.charAt(literal.length() - 1) != '"' || literal.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("invalid syntax"); // an unescaped newline included
        }
        StringBuilder out = new StringBuilder();
        String body = literal.substring(1, literal.length() - 1);
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c == '"') {
                throw new IllegalArgumentException("invalid syntax");
            }
            if (c != '\\') {
                out.append(c);
                i++;
                continue;
            }
            i = unescape(body, i + 1, '"', out);
        }
        return out.toString();
    }

    /** Unquotes a character literal {@code 'x'} to its code point. */
    public static int unquoteChar(String literal) {
        if (literal.length() < 2 || literal.charAt(0) != '\'' || literal.charAt(literal.length() - 1) != '\''
                || literal.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("invalid syntax");
        }
        String body = literal.substring(1, literal.length() - 1);
        StringBuilder out = new StringBuilder();
        if (body.isEmpty()) {
            throw new IllegalArgumentException("invalid syntax");
        }
        int end;
        if (body.charAt(0) == '\\') {
            end = unescape(body, 1, '\'', out);
        } else {
            out.appendCodePoint(body.codePointAt(0));
            end = Character.charCount(body.codePointAt(0));
        }
        if (end != body.length() || out.codePointCount(0, out.length()) != 1) {
            throw new IllegalArgumentException("invalid syntax");
        }
        return out.codePointAt(0);
    }

    /** Decodes the escape whose letter is at {@code i}; returns the index after it. */
    private static int unescape(String s, int i, char quote, StringBuilder out) {
        if (i >= s.length()) {
            throw new IllegalArgumentException("invalid syntax");
        }
        char c = s.charAt(i);
        switch (c) {
            case 'a' -> out.append('\u0007');
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'v' -> out.append('\u000b');
            case '\\' -> out.append('\\');
            case '\'', '"' -> {
                if (c != quote) {
                    throw new IllegalArgumentException("invalid syntax");
                }
                out.append(c);
            }
            case 'x', 'u', 'U' -> {
                int digits = c == 'x' ? 2 : c == 'u' ? 4 : 8;
                if (i + 1 + digits > s.length()) {
                    throw new IllegalArgumentException("invalid syntax");
                }
                int value;
                try {
                    value = Integer.parseUnsignedInt(s.substring(i + 1, i + 1 + digits), 16);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("invalid syntax");
                }
                if (c == 'x') {
                    // \xNN is a byte; in Java text a byte >= 0x80 can only be its Latin-1 char.
                    out.append((char) value);
                } else {
                    if (value > Character.MAX_CODE_POINT || (value >= 0xd800 && value < 0xe000)) {
                        throw new IllegalArgumentException("invalid syntax");
                    }
                    out.appendCodePoint(value);
                }
                return i + 1 + digits;
            }
            default -> {
                if (c >= '0' && c <= '7') {
                    if (i + 3 > s.length()) {
                        throw new IllegalArgumentException("invalid syntax");
                    }
                    int value = 0;
                    for (int k = i; k < i + 3; k++) {
                        char d = s.charAt(k);
                        if (d < '0' || d > '7') {
                            throw new IllegalArgumentException("invalid syntax");
                        }
                        value = value * 8 + (d - '0');
                    }
                    if (value > 255) {
                        throw new IllegalArgumentException("invalid syntax");
                    }
                    out.append((char) value);
                    return i + 3;
                }
                throw new IllegalArgumentException("invalid syntax");
            }
        }
        return i + 1;
    }
}
