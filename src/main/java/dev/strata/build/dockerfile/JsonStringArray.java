package dev.strata.build.dockerfile;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the exec form of an instruction: a strict JSON array of strings. Anything that is not valid
 * JSON is not exec form, and the caller falls back to shell form as Docker does; valid JSON that is
 * an array holding something other than strings is an error, not a fallback.
 */
final class JsonStringArray {
    /** Valid JSON that is not an array of strings only. */
    static final class NotStrings extends Exception {
        NotStrings() {
            super("when using JSON array syntax, arrays must be comprised of strings only", null, false, false);
        }
    }

    private static final class Invalid extends Exception {
        Invalid() {
            super(null, null, false, false);
        }
    }

    private final String text;
    private int pos;
    private boolean allStrings = true;

    private JsonStringArray(String text) {
        this.text = text;
    }

    /** The decoded strings, or {@code null} when {@code text} is not a JSON array. */
    static List<String> parse(String text) throws NotStrings {
        String trimmed = text.stripLeading();
        if (!trimmed.startsWith("[")) {
            return null;
        }
        JsonStringArray reader = new JsonStringArray(trimmed);
        List<String> values = new ArrayList<>();
        try {
            reader.array(values);
            reader.skipWhitespace();
            if (reader.pos != trimmed.length()) {
                return null;
            }
        } catch (Invalid e) {
            return null;
        }
        if (!reader.allStrings) {
            throw new NotStrings();
        }
        return values;
    }

    private void array(List<String> topLevel) throws Invalid {
        expect('[');
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return;
        }
        while (true) {
            skipWhitespace();
            if (peek() == '"') {
                String value = string();
                if (topLevel != null) {
                    topLevel.add(value);
                }
            } else {
                if (topLevel != null) {
                    allStrings = false;
                }
                value();
            }
            skipWhitespace();
            int ch = next();
            if (ch == ']') {
                return;
            }
            if (ch != ',') {
                throw new Invalid();
            }
        }
    }

    private void value() throws Invalid {
        skipWhitespace();
        switch (peek()) {
            case '[' -> array(null);
            case '{' -> object();
            case '"' -> string();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> number();
        }
    }

    private void object() throws Invalid {
        expect('{');
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return;
        }
        while (true) {
            skipWhitespace();
            string();
            skipWhitespace();
            expect(':');
            value();
            skipWhitespace();
            int ch = next();
            if (ch == '}') {
                return;
            }
            if (ch != ',') {
                throw new Invalid();
            }
        }
    }

    private String string() throws Invalid {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            int ch = next();
            if (ch < 0 || ch < 0x20) {
                throw new Invalid();
            }
            if (ch == '"') {
                return out.toString();
            }
            if (ch != '\\') {
                out.append((char) ch);
                continue;
            }
            int escaped = next();
            switch (escaped) {
                case '"', '\\', '/' -> out.append((char) escaped);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (pos + 4 > text.length()) {
                        throw new Invalid();
                    }
                    int code = 0;
                    for (int i = 0; i < 4; i++) {
                        int digit = Character.digit(text.charAt(pos++), 16);
                        if (digit < 0) {
                            throw new Invalid();
                        }
                        code = code * 16 + digit;
                    }
                    out.append((char) code);
                }
                default -> throw new Invalid();
            }
        }
    }

    private void number() throws Invalid {
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            digits();
        } else {
            throw new Invalid();
        }
        if (peek() == '.') {
            pos++;
            if (!isDigit(peek())) {
                throw new Invalid();
            }
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw new Invalid();
            }
            digits();
        }
    }

    private void digits() {
        while (isDigit(peek())) {
            pos++;
        }
    }

    private static boolean isDigit(int ch) {
        return ch >= '0' && ch <= '9';
    }

    private void literal(String word) throws Invalid {
        if (!text.startsWith(word, pos)) {
            throw new Invalid();
        }
        pos += word.length();
    }

    private void expect(char ch) throws Invalid {
        if (next() != ch) {
            throw new Invalid();
        }
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char ch = text.charAt(pos);
            if (ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r') {
                return;
            }
            pos++;
        }
    }

    private int peek() {
        return pos < text.length() ? text.charAt(pos) : -1;
    }

    private int next() {
        return pos < text.length() ? text.charAt(pos++) : -1;
    }
}
