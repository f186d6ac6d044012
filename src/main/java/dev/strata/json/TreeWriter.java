package dev.strata.json;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON as plain Java values: objects become {@link LinkedHashMap}s in member order, arrays
 * {@link ArrayList}s, and strings, booleans and null themselves; an int stays an Integer and a long a
 * Long. This is what {@code --format} templates walk, so they see the fields as the JSON names them.
 */
public final class TreeWriter implements JsonOut {
    private final Deque<Object> open = new ArrayDeque<>();
    private String pendingName;
    private Object root;

    /** The tree of {@code value} (anything {@link JsonOut#value(Object)} takes). */
    public static Object of(Object value) {
        TreeWriter tree = new TreeWriter();
        tree.value(value);
        return tree.root;
    }

    @SuppressWarnings("unchecked")
    private TreeWriter add(Object value) {
        Object container = open.peek();
        if (container == null) {
            root = value;
        } else if (container instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).put(pendingName, value);
            pendingName = null;
        } else {
            ((List<Object>) container).add(value);
        }
        return this;
    }

    @Override
    public TreeWriter beginObject() {
        Map<String, Object> map = new LinkedHashMap<>();
        add(map);
        open.push(map);
        return this;
    }

    @Override
    public TreeWriter endObject() {
        open.pop();
        return this;
    }

    @Override
    public TreeWriter beginArray() {
        List<Object> list = new ArrayList<>();
        add(list);
        open.push(list);
        return this;
    }

    @Override
    public TreeWriter endArray() {
        open.pop();
        return this;
    }

    @Override
    public TreeWriter name(String name) {
        pendingName = name;
        return this;
    }

    @Override
    public TreeWriter value(String value) {
        return add(value);
    }

    @Override
    public TreeWriter value(long value) {
        return add(value);
    }

    @Override
    public TreeWriter value(int value) {
        return add(value);
    }

    @Override
    public TreeWriter value(boolean value) {
        return add(value);
    }

    @Override
    public TreeWriter nullValue() {
        return add(null);
    }

    @Override
    public TreeWriter number(String literal) {
        BigDecimal number = new BigDecimal(literal);
        try {
            return add(number.longValueExact());
        } catch (ArithmeticException notIntegral) {
            return add(number.doubleValue());
        }
    }
}
