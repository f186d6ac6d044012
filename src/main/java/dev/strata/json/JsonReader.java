package dev.strata.json;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses JSON text (RFC 8259) into the values {@link TreeWriter} makes: maps in member order (a
 * repeated name keeps its last value, as in Go), lists, strings, booleans, null, and numbers as a Long
 * when integral and in range, a BigInteger when integral and larger, else a Double. Strings are decoded
 * as UTF-8, invalid bytes becoming U+FFFD as Go's decoder makes them. A UTF-8 byte order mark is
 * skipped. Errors read as Go's ({@code invalid character 'x' looking for beginning of value}) with
 * the line and column.
 */
public final class JsonReader {
    /** Deeper nesting than any real document has; a hostile one would otherwise overflow the stack. */
    private static final int MAX_DEPTH = 1000;

    private final byte[] in;
    private int pos;
    private int depth;

    private JsonReader(byte[] in) {
        this.in = in;
        if (in.length >= 3 && (in[0] & 0xff) == 0xef && (in[1] & 0xff) == 0xbb && (in[2] & 0xff) == 0xbf) {
            pos = 3;
        }
    }

    /** The one value {@code json} holds. */
    public static Object parse(byte[] json) {
        JsonReader reader = new JsonReader(json);
        Object value = reader.value();
        reader.skipSpace();
        if (reader.pos < json.length) {
            throw reader.error("after top-level value");
        }
        return value;
    }

    private JsonException error(String context) {
        if (pos >= in.length) {
            return new JsonException("unexpected end of JSON input");
        }
        int line = 1;
        int column = 1;
        for (int i = 0; i < pos; i++) {
            if (in[i] == '\n') {
                line++;
                column = 1;
            } else if ((in[i] & 0xc0) != 0x80) {
                column++;
            }
        }
        return new JsonException("invalid character " + describe(pos) + " " + context + " at line " + line
                + ", column " + column);
    }

    private String describe(int at) {
        int c = in[at] & 0xff;
        if (c >= 0x20 && c < 0x7f) {
            return c == '\'' ? "'\\''" : "'" + (char) c + "'";
        }
        if (c < 0x80) {
            return String.format("'\\x%02x'", c);
        }
        int end = at + 1;
        while (end < in.length && (in[end] & 0xc0) == 0x80) {
            end++;
        }
        return "'" + new String(in, at, end - at, StandardCharsets.UTF_8) + "'";
    }

    private void skipSpace() {
        while (pos < in.length) {
            byte b = in[pos];
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return;
            }
            pos++;
        }
    }

    private Object value() {
        skipSpace();
        if (pos >= in.length) {
            throw error("looking for beginning of value");
        }
        return switch (in[pos]) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (in[pos] == '-' || in[pos] >= '0' && in[pos] <= '9') {
                    yield number();
                }
                throw error("looking for beginning of value");
            }
        };
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw new JsonException("JSON nested more than " + MAX_DEPTH + " levels deep");
        }
        pos++;
    }

    private Map<String, Object> object() {
        enter();
        Map<String, Object> map = new LinkedHashMap<>();
        skipSpace();
        if (closes('}')) {
            return map;
        }
        do {
            skipSpace();
            if (!at('"')) {
                throw error("looking for beginning of object key string");
            }
            String name = string();
            skipSpace();
            if (!at(':')) {
                throw error("after object key");
            }
            pos++;
            map.put(name, value());
        } while (more('}', "after object key:value pair"));
        return map;
    }

    private List<Object> array() {
        enter();
        List<Object> list = new ArrayList<>();
        skipSpace();
        if (closes(']')) {
            return list;
        }
        do {
            list.add(value());
        } while (more(']', "after array element"));
        return list;
    }

    private boolean at(char c) {
        return pos < in.length && in[pos] == c;
    }

    /** Whether {@code bracket} is next, which it then reads, leaving the object or array. */
    private boolean closes(char bracket) {
        if (!at(bracket)) {
            return false;
        }
        pos++;
        depth--;
        return true;
    }

    /** After a member or element: true past a comma, false past {@code bracket}; else an error {@code what}. */
    private boolean more(char bracket, String what) {
        skipSpace();
        if (at(',')) {
            pos++;
            return true;
        }
        if (closes(bracket)) {
            return false;
        }
        throw error(what);
    }

    private Object literal(String word, Object value) {
        for (int i = 0; i < word.length(); i++) {
            if (pos >= in.length || in[pos] != word.charAt(i)) {
                throw error("in literal " + word + " (expecting '" + word.charAt(i) + "')");
            }
            pos++;
        }
        return value;
    }

    private Object number() {
        int start = pos;
        boolean integral = true;
        if (in[pos] == '-') {
            pos++;
        }
        if (pos < in.length && in[pos] == '0') {
            pos++;
        } else if (!digits()) {
            throw error("in numeric literal");
        }
        if (pos < in.length && in[pos] == '.') {
            pos++;
            integral = false;
            if (!digits()) {
                throw error("after decimal point in numeric literal");
            }
        }
        if (pos < in.length && (in[pos] == 'e' || in[pos] == 'E')) {
            pos++;
            integral = false;
            if (pos < in.length && (in[pos] == '+' || in[pos] == '-')) {
                pos++;
            }
            if (!digits()) {
                throw error("in exponent of numeric literal");
            }
        }
        String text = new String(in, start, pos - start, StandardCharsets.US_ASCII);
        if (!integral) {
            return Double.parseDouble(text);
        }
        if (pos - start < 19) {
            return Long.parseLong(text);
        }
        BigInteger big = new BigInteger(text);
        return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }

    private boolean digits() {
        int start = pos;
        while (pos < in.length && in[pos] >= '0' && in[pos] <= '9') {
            pos++;
        }
        return pos > start;
    }

    private String string() {
        pos++;
        int start = pos;
        // the common case: no escapes, so one decode of the whole run
        while (pos < in.length && in[pos] != '"' && in[pos] != '\\' && (in[pos] & 0xff) >= 0x20) {
            pos++;
        }
        if (pos < in.length && in[pos] == '"') {
            return new String(in, start, pos++ - start, StandardCharsets.UTF_8);
        }
        StringBuilder out = new StringBuilder();
        out.append(new String(in, start, pos - start, StandardCharsets.UTF_8));
        while (true) {
            if (pos >= in.length) {
                throw error("in string literal");
            }
            int b = in[pos] & 0xff;
            if (b == '"') {
                pos++;
                return out.toString();
            }
            if (b < 0x20) {
                throw error("in string literal");
            }
            if (b == '\\') {
                pos++;
                escape(out);
                continue;
            }
            int runStart = pos;
            while (pos < in.length && in[pos] != '"' && in[pos] != '\\' && (in[pos] & 0xff) >= 0x20) {
                pos++;
            }
            out.append(new String(in, runStart, pos - runStart, StandardCharsets.UTF_8));
        }
    }

    private void escape(StringBuilder out) {
        if (pos >= in.length) {
            throw error("in string escape code");
        }
        switch (in[pos]) {
            case '"' -> out.append('"');
            case '\\' -> out.append('\\');
            case '/' -> out.append('/');
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'u' -> {
                pos++;
                out.append(hex4());
                return;
            }
            default -> throw error("in string escape code");
        }
        pos++;
    }

    private char hex4() {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = pos < in.length ? Character.digit(in[pos], 16) : -1;
            if (digit < 0) {
                throw error("in \\u hexadecimal character escape");
            }
            value = value << 4 | digit;
            pos++;
        }
        // a lone surrogate stays in the string; JsonWriter writes it back as its escape
        return (char) value;
    }
}
