package dev.strata.json;

import java.io.ByteArrayOutputStream;

/**
 * Go's {@code json.Indent}: the same JSON with only its layout changed, every token kept byte for byte
 * (strings with their escapes, numbers as written), for printing bytes whose digest matters, as
 * {@code docker manifest inspect} prints a manifest, or for writing a file with Docker's tab layout.
 * Each member and element goes on its own line; {@code {}} and {@code []} stay empty on one line; a
 * colon is followed by one space. Insignificant whitespace inside is dropped, leading whitespace too,
 * trailing whitespace is kept, as Go keeps it. The input must be valid JSON.
 */
public final class JsonIndent {
    private JsonIndent() {
    }

    public static byte[] indent(byte[] json, String indent) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length * 2);
        byte[] unit = indent.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int depth = 0;
        boolean needIndent = false;
        boolean inString = false;
        boolean escaped = false;
        int i = 0;
        while (i < json.length && isSpace(json[i])) {
            i++;
        }
        int end = json.length;
        while (end > i && isSpace(json[end - 1])) {
            end--;
        }
        for (; i < end; i++) {
            byte c = json[i];
            if (inString) {
                out.write(c);
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            if (isSpace(c)) {
                continue;
            }
            if (needIndent && c != '}' && c != ']') {
                needIndent = false;
                depth++;
                newline(out, unit, depth);
            }
            switch (c) {
                case '"' -> {
                    inString = true;
                    out.write(c);
                }
                case '{', '[' -> {
                    needIndent = true;
                    out.write(c);
                }
                case ',' -> {
                    out.write(c);
                    newline(out, unit, depth);
                }
                case ':' -> {
                    out.write(c);
                    out.write(' ');
                }
                case '}', ']' -> {
                    if (needIndent) {
                        needIndent = false;
                    } else {
                        depth--;
                        newline(out, unit, depth);
                    }
                    out.write(c);
                }
                default -> out.write(c);
            }
        }
        out.write(json, end, json.length - end);
        return out.toByteArray();
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private static void newline(ByteArrayOutputStream out, byte[] unit, int depth) {
        out.write('\n');
        for (int d = 0; d < depth; d++) {
            out.writeBytes(unit);
        }
    }
}
