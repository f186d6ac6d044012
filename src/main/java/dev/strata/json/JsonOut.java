package dev.strata.json;

import java.util.Collection;
import java.util.Map;

/**
 * Where JSON is written to, one token at a time: {@link JsonWriter} makes text of it, {@link TreeWriter}
 * maps and lists. Inside an object every value follows a {@link #name}. The {@code field} methods are
 * name and value in one call, and the {@code OmitEmpty}/{@code OmitNull} ones leave the member out, as
 * Go's {@code omitempty} tag and Jackson's inclusion rules did for Strata's records.
 */
public interface JsonOut {
    JsonOut beginObject();

    JsonOut endObject();

    JsonOut beginArray();

    JsonOut endArray();

    JsonOut name(String name);

    /** A string, or null. */
    JsonOut value(String value);

    JsonOut value(long value);

    /** An int, kept apart from a long so a tree holds an Integer, as templates' {@code %T} tells. */
    JsonOut value(int value);

    JsonOut value(boolean value);

    JsonOut nullValue();

    /** A number already in JSON's syntax (Go's float format, a big integer). */
    JsonOut number(String literal);

    /** A record of the JSON model, or null. */
    default JsonOut value(JsonWritable value) {
        if (value == null) {
            return nullValue();
        }
        value.writeJson(this);
        return this;
    }

    /**
     * Any value of the JSON model: null, a string, number or boolean, a {@link JsonWritable}, a map
     * (entries in its order) or a collection of those.
     */
    default JsonOut value(Object value) {
        // instanceof, not a pattern switch: see JsonObject.of
        if (value == null) {
            nullValue();
        } else if (value instanceof String s) {
            value(s);
        } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            value(((Number) value).intValue());
        } else if (value instanceof Long l) {
            value(l.longValue());
        } else if (value instanceof Number n) {
            number(n.toString()); // BigInteger, BigDecimal, and Double as Java writes it
        } else if (value instanceof Boolean b) {
            value(b.booleanValue());
        } else if (value instanceof JsonWritable w) {
            value(w);
        } else if (value instanceof Map<?, ?> map) {
            beginObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                name(String.valueOf(entry.getKey())).value(entry.getValue());
            }
            endObject();
        } else if (value instanceof Collection<?> list) {
            beginArray();
            for (Object element : list) {
                value(element);
            }
            endArray();
        } else {
            throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as JSON");
        }
        return this;
    }

    default JsonOut field(String name, String value) {
        return name(name).value(value);
    }

    default JsonOut field(String name, long value) {
        return name(name).value(value);
    }

    default JsonOut field(String name, int value) {
        return name(name).value(value);
    }

    default JsonOut field(String name, boolean value) {
        return name(name).value(value);
    }

    default JsonOut field(String name, Object value) {
        return name(name).value(value);
    }

    /** Leaves the member out when the value is null. */
    default JsonOut fieldOmitNull(String name, Object value) {
        return value == null ? this : field(name, value);
    }

    /** Leaves the member out when the value is null, "" or an empty collection or map. */
    default JsonOut fieldOmitEmpty(String name, Object value) {
        return isEmpty(value) ? this : field(name, value);
    }

    static boolean isEmpty(Object value) {
        return value == null || value instanceof String s && s.isEmpty()
                || value instanceof Collection<?> c && c.isEmpty() || value instanceof Map<?, ?> m && m.isEmpty();
    }
}
