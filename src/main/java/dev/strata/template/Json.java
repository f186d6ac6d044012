package dev.strata.template;

import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The {@code json} function: Jackson serialisation tuned to print what Go's encoding/json prints,
 * since Docker users diff and parse this output. Maps by sorted key, records in component order,
 * lowercase hex in escapes, U+2028/U+2029 always escaped, floats without a trailing
 * {@code .0}. Docker's {@code json} turns HTML escaping off, but its list rows marshal themselves
 * with it on, which is why {@link #encodeRow} exists. The mappers are built on first use only:
 * building one costs more than a whole {@code strata images}.
 */
final class Json {

    private Json() {
    }

    private static final class Plain {
        static final JsonMapper MAPPER = mapper(false);
    }

    private static final class HtmlEscaped {
        static final JsonMapper MAPPER = mapper(true);
    }

    /** Compact JSON of a template value; "null" for nil and missing values. */
    static String encode(Object value) {
        if (Values.isNil(value)) {
            return "null";
        }
        return write(Plain.MAPPER, value);
    }

    /**
     * A Docker list row: every field, sorted by name, with {@code <>&} escaped, as the Go row types'
     * MarshalJSON produce (a map marshalled with json.Marshal).
     */
    static String encodeRow(Object row) {
        Object sorted = row;
        if (row instanceof Record record) {
            Map<String, Object> fields = new TreeMap<>(Values::compareUtf8);
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                try {
                    var accessor = component.getAccessor();
                    accessor.trySetAccessible();
                    fields.put(component.getName(), accessor.invoke(record));
                } catch (ReflectiveOperationException e) {
                    throw new TemplateException("json: cannot read " + component.getName() + ": " + e.getMessage(), e);
                }
            }
            sorted = fields;
        }
        return write(HtmlEscaped.MAPPER, sorted);
    }

    private static String write(JsonMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (RuntimeException e) {
            // Docker's json function ignores encoder errors and prints what it has: nothing.
            return "";
        }
    }

    private static JsonMapper mapper(boolean escapeHtml) {
        JsonFactory factory = JsonFactory.builder()
                .characterEscapes(new GoEscapes(escapeHtml))
                .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
                .build();
        SimpleModule goNumbers = new SimpleModule("go-numbers")
                .addSerializer(Double.class, new GoFloat<>(64))
                .addSerializer(double.class, new GoFloat<>(64))
                .addSerializer(Float.class, new GoFloat<>(32))
                .addSerializer(float.class, new GoFloat<>(32));
        return JsonMapper.builder(factory)
                .addModule(goNumbers)
                .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .build();
    }

    /** encoding/json's escapes: control characters, optionally {@code <>&}, and U+2028/U+2029. */
    private static final class GoEscapes extends CharacterEscapes {
        private final int[] ascii;

        GoEscapes(boolean escapeHtml) {
            ascii = standardAsciiEscapesForJSON();
            if (escapeHtml) {
                ascii['<'] = ESCAPE_STANDARD;
                ascii['>'] = ESCAPE_STANDARD;
                ascii['&'] = ESCAPE_STANDARD;
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return switch (ch) {
                case 0x2028 -> new SerializedString("\\u2028");
                case 0x2029 -> new SerializedString("\\u2029");
                default -> null;
            };
        }
    }

    /** Go writes floats in the shortest form, with an exponent only below 1e-6 or from 1e21. */
    private static final class GoFloat<T extends Number> extends ValueSerializer<T> {
        private final int bits;

        GoFloat(int bits) {
            this.bits = bits;
        }

        @Override
        public void serialize(T value, JsonGenerator gen, SerializationContext ctxt) {
            double v = value.doubleValue();
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("json: unsupported value: " + GoFmt.valueString(value));
            }
            double abs = Math.abs(v);
            boolean exponent = abs != 0 && (bits == 64 ? abs < 1e-6 || abs >= 1e21 : abs < 1e-6f || abs >= 1e21f);
            String text = GoFmt.FloatFormat.format(v, bits, exponent ? 'e' : 'f', -1);
            if (exponent) {
                int n = text.length();
                // Go shortens e-09 to e-9
                if (n >= 4 && text.charAt(n - 4) == 'e' && text.charAt(n - 3) == '-' && text.charAt(n - 2) == '0') {
                    text = text.substring(0, n - 2) + text.charAt(n - 1);
                }
            }
            gen.writeNumber(text);
        }
    }
}
