package dev.strata.json;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A parsed JSON object, read field by field as Go's encoding/json fills a struct: a missing member or
 * a null reads as the zero value (null, 0, false), members nobody asks for are ignored, and a member of
 * the wrong type is an error that names it by its path ({@code config.Env: expected an array of
 * strings, found a number}). Integer fields take any integral number, {@code 1.0} or {@code 1e3} too.
 */
public final class JsonObject {
    private final Map<String, Object> members;
    private final String path;

    private JsonObject(Map<String, Object> members, String path) {
        this.members = members;
        this.path = path;
    }

    /** The object {@code value} (a parsed tree) holds, null for null; {@code path} names it in errors. */
    @SuppressWarnings("unchecked")
    public static JsonObject of(Object value, String path) {
        // instanceof, not a pattern switch, here and on the other paths every command takes: a switch on
        // types links a generated class at first use, milliseconds that the AOT cache does not keep
        if (value == null) {
            return null;
        }
        if (value instanceof Map<?, ?> map) {
            return new JsonObject((Map<String, Object>) map, path);
        }
        throw mismatch(path, "an object", value);
    }

    /** Each element of the array {@code value} holds, read by {@code reader}; null for null. */
    public static <T> List<T> list(Object value, String path, Function<JsonObject, T> reader) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof List<?> list)) {
            throw mismatch(path, "an array", value);
        }
        List<T> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            JsonObject element = of(list.get(i), path + "[" + i + "]");
            out.add(element == null ? null : reader.apply(element));
        }
        return out;
    }

    static JsonException mismatch(String path, String expected, Object found) {
        return new JsonException((path.isEmpty() ? "" : path + ": ") + "expected " + expected + ", found "
                + kind(found));
    }

    private static String kind(Object value) {
        return switch (value) {
            case null -> "null";
            case String s -> "a string";
            case Boolean b -> "a boolean";
            case Number n -> "the number " + n;
            case Map<?, ?> m -> "an object";
            default -> "an array";
        };
    }

    private String pathOf(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** The members as parsed, in order. */
    public Map<String, Object> members() {
        return Collections.unmodifiableMap(members);
    }

    public String string(String name) {
        Object value = members.get(name);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw mismatch(pathOf(name), "a string", value);
    }

    public boolean bool(String name) {
        Object value = members.get(name);
        if (value == null || value instanceof Boolean) {
            return value != null && (Boolean) value;
        }
        throw mismatch(pathOf(name), "a boolean", value);
    }

    public long longValue(String name) {
        Long value = longOrNull(name);
        return value == null ? 0 : value;
    }

    public Long longOrNull(String name) {
        return integer(members.get(name), pathOf(name));
    }

    public int intValue(String name) {
        Integer value = intOrNull(name);
        return value == null ? 0 : value;
    }

    public Integer intOrNull(String name) {
        Long value = longOrNull(name);
        if (value == null) {
            return null;
        }
        if (value != value.intValue()) {
            throw new JsonException(pathOf(name) + ": " + value + " is out of range for a 32-bit integer");
        }
        return value.intValue();
    }

    private static Long integer(Object value, String path) {
        if (value == null) {
            return null;
        }
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof BigInteger b) {
            throw new JsonException(path + ": " + b + " is out of range for a 64-bit integer");
        }
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 0x1p63) {
            return d.longValue();
        }
        throw mismatch(path, "an integer", value);
    }

    /** An array of strings, or null. */
    public List<String> strings(String name) {
        Object value = members.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof List<?> list)) {
            throw mismatch(pathOf(name), "an array of strings", value);
        }
        List<String> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            Object element = list.get(i);
            if (element != null && !(element instanceof String)) {
                throw mismatch(pathOf(name) + "[" + i + "]", "a string", element);
            }
            out.add((String) element);
        }
        return out;
    }

    /** An object of strings, in member order, or null. */
    public Map<String, String> stringMap(String name) {
        JsonObject object = object(name);
        return object == null ? null : object.asStrings();
    }

    /** This object's members, each a string (or null), in member order. */
    public Map<String, String> asStrings() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : members.keySet()) {
            out.put(key, string(key));
        }
        return out;
    }

    /** An object member, or null. */
    public JsonObject object(String name) {
        return of(members.get(name), pathOf(name));
    }

    /** An object member read by {@code reader}, or null. */
    public <T> T object(String name, Function<JsonObject, T> reader) {
        JsonObject object = object(name);
        return object == null ? null : reader.apply(object);
    }

    /** An array of objects, each read by {@code reader} (a null element stays null), or null. */
    public <T> List<T> list(String name, Function<JsonObject, T> reader) {
        return list(members.get(name), pathOf(name), reader);
    }

    /** An object whose members are objects, each read by {@code reader}, in member order; or null. */
    public <T> Map<String, T> map(String name, Function<JsonObject, T> reader) {
        JsonObject object = object(name);
        if (object == null) {
            return null;
        }
        Map<String, T> out = new LinkedHashMap<>();
        for (String key : object.members.keySet()) {
            out.put(key, object.object(key, reader));
        }
        return out;
    }
}
