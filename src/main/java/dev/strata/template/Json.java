package dev.strata.template;

import dev.strata.go.Strconv;
import dev.strata.go.Utf8;
import dev.strata.go.Values;
import dev.strata.json.JsonOut;
import dev.strata.json.JsonWritable;
import dev.strata.json.JsonWriter;
import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@code json} function: template values written as Go's encoding/json writes them, since Docker
 * users diff and parse this output. Maps by sorted key, records in component order, lowercase hex in
 * escapes, U+2028/U+2029 always escaped, floats without a trailing {@code .0}. Docker's {@code json}
 * turns HTML escaping off, but its list rows marshal themselves with it on, which is why
 * {@link #encodeRow} exists. A record is read through its components, as templates read its fields;
 * one of the JSON model ({@link JsonWritable}) writes itself.
 */
final class Json {

    private Json() {
    }

    /** Compact JSON of a template value; "null" for nil and missing values. */
    static String encode(Object value) {
        if (Values.isNil(value)) {
            return "null";
        }
        return write(value, false);
    }

    /**
     * A Docker list row: every field, sorted by name, with {@code <>&} escaped, as the Go row types'
     * MarshalJSON produce (a map marshalled with json.Marshal).
     */
    static String encodeRow(Object row) {
        Object sorted = row instanceof Record record ? fields(record) : row;
        return write(sorted, true);
    }

    private static String write(Object value, boolean escapeHtml) {
        JsonWriter out = JsonWriter.go(escapeHtml);
        try {
            write(out, value);
        } catch (IllegalArgumentException e) {
            // Docker's json function ignores encoder errors and prints what it has: nothing.
            return "";
        }
        return out.text();
    }

    private static Map<String, Object> fields(Record record) {
        Map<String, Object> fields = new TreeMap<>(Utf8::compare);
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            fields.put(component.getName(), component(record, component));
        }
        return fields;
    }

    private static Object component(Record record, RecordComponent component) {
        try {
            var accessor = component.getAccessor();
            accessor.trySetAccessible();
            return accessor.invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new TemplateException("json: cannot read " + component.getName() + ": " + e.getMessage(), e);
        }
    }

    private static void write(JsonOut out, Object value) {
        switch (value) {
            case null -> out.nullValue();
            // Go marshals a nil pointer, slice or map as null
            case Values.TypedNil nil -> out.nullValue();
            case Double d -> out.number(goFloat(d, 64));
            case Float f -> out.number(goFloat(f, 32));
            case String s -> out.value(s);
            case Number n -> out.value(n);
            case Boolean b -> out.value(b.booleanValue());
            case Optional<?> o -> write(out, o.orElse(null));
            case JsonWritable w -> out.value(w);
            case Map<?, ?> map -> {
                Map<String, Object> sorted = new TreeMap<>(Utf8::compare);
                map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
                out.beginObject();
                sorted.forEach((k, v) -> {
                    out.name(k);
                    write(out, v);
                });
                out.endObject();
            }
            case Collection<?> list -> {
                out.beginArray();
                list.forEach(element -> write(out, element));
                out.endArray();
            }
            case Record record -> {
                out.beginObject();
                for (RecordComponent component : record.getClass().getRecordComponents()) {
                    out.name(component.getName());
                    write(out, component(record, component));
                }
                out.endObject();
            }
            default -> {
                if (value.getClass().isArray()) {
                    out.beginArray();
                    for (int i = 0, n = Array.getLength(value); i < n; i++) {
                        write(out, Array.get(value, i));
                    }
                    out.endArray();
                } else {
                    out.value(value.toString());
                }
            }
        }
    }

    /** Go writes floats in the shortest form, with an exponent only below 1e-6 or from 1e21. */
    private static String goFloat(double v, int bits) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("json: unsupported value: " + v);
        }
        double abs = Math.abs(v);
        boolean exponent = abs != 0 && (bits == 64 ? abs < 1e-6 || abs >= 1e21 : abs < 1e-6f || abs >= 1e21f);
        String text = Strconv.formatFloat(v, exponent ? 'e' : 'f', -1, bits);
        if (exponent) {
            int n = text.length();
            // Go shortens e-09 to e-9
            if (n >= 4 && text.charAt(n - 4) == 'e' && text.charAt(n - 3) == '-' && text.charAt(n - 2) == '0') {
                text = text.substring(0, n - 2) + text.charAt(n - 1);
            }
        }
        return text;
    }
}
