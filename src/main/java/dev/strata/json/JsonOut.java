package dev.strata.json;

import java.math.BigDecimal;
import java.math.BigInteger;
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
        switch (value) {
            case null -> nullValue();
            case String s -> value(s);
            case Integer i -> value(i.intValue());
            case Short s -> value(s.intValue());
            case Byte b -> value(b.intValue());
            case Long l -> value(l.longValue());
            case BigInteger b -> number(b.toString());
            case BigDecimal b -> number(b.toString());
            case Number n -> number(n.toString());
            case Boolean b -> value(b.booleanValue());
            case JsonWritable w -> value(w);
            case Map<?, ?> map -> {
                beginObject();
                map.forEach((k, v) -> name(String.valueOf(k)).value(v));
                endObject();
            }
            case Collection<?> list -> {
                beginArray();
                list.forEach(this::value);
                endArray();
            }
            default -> throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as JSON");
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
        return switch (value) {
            case null -> true;
            case String s -> s.isEmpty();
            case Collection<?> c -> c.isEmpty();
            case Map<?, ?> m -> m.isEmpty();
            default -> false;
        };
    }
}
