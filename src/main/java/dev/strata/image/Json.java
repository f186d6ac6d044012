package dev.strata.image;

import java.io.IOException;
import java.io.InputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON as Docker writes it. Go's encoding/json escapes {@code < > &} as {@code \\u003c} etc. and Docker's
 * {@code inspect} indents by four spaces with {@code "key": value}; matching both makes our bytes (and so
 * image IDs of configs we write) and our output the same as Docker's.
 */
public final class Json {
    private Json() {
    }

    private static final class Holder {
        static final JsonMapper MAPPER = JsonMapper.builder()
                .disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
                // Go leaves a missing bool false; so must we for records with primitive components
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
    }

    public static JsonMapper mapper() {
        return Holder.MAPPER;
    }

    public static <T> T read(byte[] json, Class<T> type) {
        return Holder.MAPPER.readValue(json, type);
    }

    public static <T> T read(InputStream json, Class<T> type) throws IOException {
        try {
            return Holder.MAPPER.readValue(json, type);
        } catch (JacksonException e) {
            throw new IOException(e.getOriginalMessage(), e);
        }
    }

    public static <T> T read(byte[] json, JavaType type) {
        return Holder.MAPPER.readValue(json, type);
    }

    /** Compact JSON, HTML-escaped as Go does. */
    public static byte[] write(Object value) {
        return Holder.MAPPER.writer().with(GoEscapes.INSTANCE).writeValueAsBytes(value);
    }

    public static String writeString(Object value) {
        return Holder.MAPPER.writer().with(GoEscapes.INSTANCE).writeValueAsString(value);
    }

    /** Indented as {@code docker inspect} prints: four spaces, {@code "key": value}, {@code []} for empty. */
    public static String writeIndented(Object value) {
        Separators separators = Separators.createDefaultInstance()
                .withObjectNameValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(separators)
                .withObjectIndenter(new DefaultIndenter("    ", "\n"))
                .withArrayIndenter(new DefaultIndenter("    ", "\n"));
        return Holder.MAPPER.writer().with(printer).with(GoEscapes.INSTANCE).writeValueAsString(value);
    }

    private static final class GoEscapes extends CharacterEscapes {
        static final GoEscapes INSTANCE = new GoEscapes();
        private static final SerializableString LESS = new SerializedString("\\u003c");
        private static final SerializableString GREATER = new SerializedString("\\u003e");
        private static final SerializableString AMPERSAND = new SerializedString("\\u0026");
        private final int[] table;

        private GoEscapes() {
            table = standardAsciiEscapesForJSON();
            // custom rather than standard: Go writes lowercase hex (u003c), Jackson uppercase
            table['<'] = ESCAPE_CUSTOM;
            table['>'] = ESCAPE_CUSTOM;
            table['&'] = ESCAPE_CUSTOM;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return table;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return switch (ch) {
                case '<' -> LESS;
                case '>' -> GREATER;
                case '&' -> AMPERSAND;
                // Go also escapes U+2028 and U+2029, which break JavaScript string literals
                case 0x2028 -> new SerializedString("\\u2028");
                case 0x2029 -> new SerializedString("\\u2029");
                default -> null;
            };
        }
    }
}
