package dev.strata.json;

import java.nio.charset.StandardCharsets;

/**
 * JSON text as Go's encoding/json writes it: no spaces, {@code < > &} escaped as {@code \\u003c} etc.,
 * U+2028 and U+2029 escaped (they end lines in JavaScript), {@code /} left alone. Or, {@link #indented},
 * as {@code docker inspect} prints: four spaces a level, {@code "key": value}, and {@code []} and
 * {@code {}} for empty arrays and objects.
 *
 * <p>Other control characters are {@code \b \f \n \r \t} or a {@code \\u00XX} escape. Store files and
 * image configs write that escape's hex digits in upper case ({@code \\u001F}) where Go writes lower:
 * Jackson did so when Strata began, and since an image ID is the digest of the config bytes, the same
 * config must keep giving the same ID. {@link #go} writes them in lower case, as templates' {@code json}
 * always has. A lone surrogate, which no UTF-8 can hold, is written as its escape.
 */
public final class JsonWriter implements JsonOut {
    private static final char[] LOWER = "0123456789abcdef".toCharArray();
    private static final char[] UPPER = "0123456789ABCDEF".toCharArray();

    private final StringBuilder out = new StringBuilder(256);
    private final String indent;
    private final boolean escapeHtml;
    private final char[] controlHex;
    private int depth;
    /** No member or element yet in the innermost open object or array. */
    private boolean first = true;
    /** A name was written and its value is due. */
    private boolean afterName;

    private JsonWriter(String indent, boolean escapeHtml, boolean upperCaseControls) {
        this.indent = indent;
        this.escapeHtml = escapeHtml;
        this.controlHex = upperCaseControls ? UPPER : LOWER;
    }

    /** Compact, as Strata writes store files, configs, manifests and runtime specs. */
    public static JsonWriter compact() {
        return new JsonWriter(null, true, true);
    }

    /** Indented as {@code docker inspect} prints, with the escapes of {@link #compact}. */
    public static JsonWriter indented() {
        return new JsonWriter("    ", true, true);
    }

    /** Compact, exactly as Go's encoding/json, with or without its HTML escaping (templates' {@code json}). */
    public static JsonWriter go(boolean escapeHtml) {
        return new JsonWriter(null, escapeHtml, false);
    }

    public String text() {
        return out.toString();
    }

    public byte[] bytes() {
        // lone surrogates are escaped, so every char encodes
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void beforeValue() {
        if (afterName) {
            afterName = false;
            return;
        }
        beforeEntry();
    }

    private void beforeEntry() {
        if (depth > 0) {
            if (!first) {
                out.append(',');
            }
            newline(depth);
        }
        first = false;
    }

    private void newline(int level) {
        if (indent != null) {
            out.append('\n');
            for (int i = 0; i < level; i++) {
                out.append(indent);
            }
        }
    }

    private JsonWriter open(char bracket) {
        beforeValue();
        out.append(bracket);
        depth++;
        first = true;
        return this;
    }

    private JsonWriter close(char bracket) {
        depth--;
        if (!first) {
            newline(depth);
        }
        out.append(bracket);
        first = false;
        return this;
    }

    @Override
    public JsonWriter beginObject() {
        return open('{');
    }

    @Override
    public JsonWriter endObject() {
        return close('}');
    }

    @Override
    public JsonWriter beginArray() {
        return open('[');
    }

    @Override
    public JsonWriter endArray() {
        return close(']');
    }

    @Override
    public JsonWriter name(String name) {
        beforeEntry();
        string(name);
        out.append(indent == null ? ":" : ": ");
        afterName = true;
        return this;
    }

    @Override
    public JsonWriter value(String value) {
        if (value == null) {
            return nullValue();
        }
        beforeValue();
        string(value);
        return this;
    }

    @Override
    public JsonWriter value(long value) {
        return rawValue(Long.toString(value));
    }

    @Override
    public JsonWriter value(int value) {
        return rawValue(Integer.toString(value));
    }

    @Override
    public JsonWriter value(boolean value) {
        return rawValue(value ? "true" : "false");
    }

    @Override
    public JsonWriter nullValue() {
        return rawValue("null");
    }

    @Override
    public JsonWriter number(String literal) {
        return rawValue(literal);
    }

    /**
     * A value that is already JSON, written as it is: a document whose own bytes matter, as Go writes a
     * value whose MarshalJSON returns the bytes it was read from. The caller vouches that it is valid.
     */
    public JsonWriter rawValue(String json) {
        beforeValue();
        out.append(json);
        return this;
    }

    private void string(String s) {
        out.append('"');
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '<', '>', '&' -> {
                    if (escapeHtml) {
                        escape(c, LOWER);
                    } else {
                        out.append(c);
                    }
                }
                case '\u2028', '\u2029' -> escape(c, LOWER);
                default -> {
                    if (c < 0x20) {
                        escape(c, controlHex);
                    } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        escape(c, controlHex);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private void escape(char c, char[] hex) {
        out.append("\\u").append(hex[c >> 12 & 0xf]).append(hex[c >> 8 & 0xf]).append(hex[c >> 4 & 0xf])
                .append(hex[c & 0xf]);
    }
}
