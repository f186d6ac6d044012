package dev.strata.json;

import java.util.List;
import java.util.function.Function;

/** Shortcuts for the common cases: a value to bytes or indented text, bytes to an object or a list. */
public final class Json {
    private Json() {
    }

    /** Compact JSON bytes of any value {@link JsonOut#value(Object)} takes. */
    public static byte[] write(Object value) {
        JsonWriter out = JsonWriter.compact();
        out.value(value);
        return out.bytes();
    }

    /** Compact JSON text. */
    public static String writeString(Object value) {
        JsonWriter out = JsonWriter.compact();
        out.value(value);
        return out.text();
    }

    /** Indented as {@code docker inspect} prints. */
    public static String writeIndented(Object value) {
        JsonWriter out = JsonWriter.indented();
        out.value(value);
        return out.text();
    }

    /** The maps and lists templates walk. */
    public static Object tree(Object value) {
        return TreeWriter.of(value);
    }

    /** The object {@code json} holds, or null when it is {@code null}. */
    public static JsonObject object(byte[] json) {
        return JsonObject.of(JsonReader.parse(json), "");
    }

    /** The object {@code json} holds; {@code null} is an error, as for a record the store wrote itself. */
    public static JsonObject requireObject(byte[] json) {
        Object value = JsonReader.parse(json);
        if (value == null) {
            throw JsonObject.mismatch("", "an object", null);
        }
        return JsonObject.of(value, "");
    }

    /** The array of objects {@code json} holds, each read by {@code reader}; null when it is {@code null}. */
    public static <T> List<T> list(byte[] json, Function<JsonObject, T> reader) {
        return JsonObject.list(JsonReader.parse(json), "", reader);
    }
}
