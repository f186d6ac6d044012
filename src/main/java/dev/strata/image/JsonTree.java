package dev.strata.image;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads JSON into plain maps, lists, strings, numbers and booleans with Jackson's streaming parser
 * alone. The store's own small records are read this way on the paths every listing command takes:
 * Jackson's data binding costs a few hundred milliseconds to set up in a fresh JVM (annotation
 * proxies, introspection), the streaming parser next to nothing.
 */
public final class JsonTree {
    private JsonTree() {
    }

    private static final class Factory {
        static final JsonFactory JSON = new JsonFactory();
    }

    /** The value {@code json} holds; throws {@link IllegalArgumentException} when it is not JSON. */
    public static Object parse(byte[] json) {
        try (JsonParser parser = Factory.JSON.createParser(ObjectReadContext.empty(), json)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new IllegalArgumentException("empty JSON document");
            }
            Object value = read(parser, first);
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("trailing data after the JSON value");
            }
            return value;
        } catch (tools.jackson.core.JacksonException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }

    /** Parses a JSON object; anything else is an error. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(byte[] json) {
        Object value = parse(json);
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        return (Map<String, Object>) value;
    }

    private static Object read(JsonParser parser, JsonToken token) {
        return switch (token) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_OBJECT) {
                    String name = parser.currentName();
                    map.put(name, read(parser, parser.nextToken()));
                }
                yield map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                    list.add(read(parser, next));
                }
                yield list;
            }
            case VALUE_STRING -> parser.getString();
            case VALUE_NUMBER_INT -> parser.getLongValue();
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IllegalArgumentException("unexpected JSON token " + token);
        };
    }

    /** A string member, or null when absent or null. */
    public static String string(Map<String, Object> object, String name) {
        Object value = object.get(name);
        return value == null ? null : value.toString();
    }

    /** A numeric member as a long, or 0 when absent. */
    public static long number(Map<String, Object> object, String name) {
        return object.get(name) instanceof Number n ? n.longValue() : 0;
    }

    /** A list of strings, or null when absent. */
    public static List<String> strings(Map<String, Object> object, String name) {
        if (!(object.get(name) instanceof List<?> list)) {
            return null;
        }
        List<String> out = new ArrayList<>(list.size());
        list.forEach(v -> out.add(String.valueOf(v)));
        return out;
    }
}
