package dev.strata.go;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How Java values behave as Go values, for fmt and for templates: which are "true", which are ints,
 * floats, strings, lists or maps, and what Go would call their type in an error message or {@code %T}.
 *
 * <p>Go distinguishes three kinds of "nothing", and so do we: {@link #NO_VALUE} is Go's invalid
 * value (a missing map key, nil data; printed {@code <no value>}); {@link TypedNil} is a nil
 * pointer, slice or map read from a typed field (printed {@code <nil>}, {@code []} or {@code map[]});
 * and Java {@code null} is an untyped nil, as passed by the {@code nil} literal.
 */
public final class Values {

    private Values() {
    }

    /** Go's invalid reflect.Value. */
    public enum Absent {
        NO_VALUE;

        @Override
        public String toString() {
            return "<no value>";
        }
    }

    public static final Absent NO_VALUE = Absent.NO_VALUE;

    /** A nil read from a field whose declared Java type is {@code type}. */
    public record TypedNil(Class<?> type) {
        public boolean isList() {
            return type.isArray() || Collection.class.isAssignableFrom(type);
        }

        public boolean isMap() {
            return Map.class.isAssignableFrom(type);
        }

        @Override
        public String toString() {
            return isList() ? "[]" : isMap() ? "map[]" : "<nil>";
        }
    }

    public enum Kind { INVALID, BOOL, INT, FLOAT, STRING, OTHER }

    /** Unwraps Optional; a null read from a typed member becomes a {@link TypedNil}. */
    public static Object fromMember(Object value, Class<?> declared) {
        if (value instanceof Optional<?> optional) {
            return optional.isPresent() ? optional.get() : new TypedNil(Object.class);
        }
        return value == null ? new TypedNil(declared) : value;
    }

    /** A value read from a map entry or returned by a function: null is Go's interface nil. */
    public static Object fromInterface(Object value) {
        if (value instanceof Optional<?> optional) {
            return optional.isPresent() ? optional.get() : NO_VALUE;
        }
        return value == null ? NO_VALUE : value;
    }

    public static boolean isNil(Object value) {
        return value == null || value == NO_VALUE || value instanceof TypedNil;
    }

    // The methods below dispatch with instanceof chains, not pattern switches, to keep the
    // invokedynamic bootstrap of each switch off the CLI's start-up path (see dev.strata.template.Exec.walk).

    public static Kind kind(Object value) {
        if (value == null || value == NO_VALUE) {
            return Kind.INVALID;
        }
        if (value instanceof String) {
            return Kind.STRING;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger || value instanceof Character) {
            return Kind.INT;
        }
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            return Kind.FLOAT;
        }
        return value instanceof Boolean ? Kind.BOOL : Kind.OTHER;
    }

    public static boolean isInt(Object value) {
        return kind(value) == Kind.INT;
    }

    public static long asLong(Object value) {
        return number(value, "an integer").longValue();
    }

    public static double asDouble(Object value) {
        return number(value, "a number").doubleValue();
    }

    /** A number, or a character as its code point (Go's rune is an int32); else {@code not WHAT: VALUE}. */
    private static Number number(Object value, String what) {
        if (value instanceof Character c) {
            return (int) c;
        }
        if (value instanceof Number n) {
            return n;
        }
        throw new IllegalArgumentException("not " + what + ": " + value);
    }

    /** Lists, other collections and arrays (primitive ones too) seen as a List; else null. */
    public static List<?> asList(Object value) {
        if (value instanceof List<?> list) {
            return list;
        }
        if (value instanceof Collection<?> collection) {
            return new ArrayList<>(collection);
        }
        if (value instanceof TypedNil nil) {
            return nil.isList() ? List.of() : null;
        }
        return value != null && value.getClass().isArray() ? arrayView(value) : null;
    }

    public static Map<?, ?> asMap(Object value) {
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        return value instanceof TypedNil nil && nil.isMap() ? Map.of() : null;
    }

    private static List<Object> arrayView(Object array) {
        int length = Array.getLength(array);
        return new AbstractList<>() {
            @Override
            public Object get(int index) {
                return Array.get(array, index);
            }

            @Override
            public int size() {
                return length;
            }
        };
    }

    /** Map keys in the order Go's fmt and range use: numbers numerically, strings bytewise. */
    public static List<Object> sortedKeys(Map<?, ?> map) {
        List<Object> keys = new ArrayList<>(map.keySet());
        keys.sort(KEY_ORDER);
        return keys;
    }

    private static final Comparator<Object> KEY_ORDER = new KeyOrder();

    /** A class, not a lambda, to stay off the start-up path's invokedynamic bootstraps. */
    private static final class KeyOrder implements Comparator<Object> {
        @Override
        public int compare(Object a, Object b) {
            Kind ka = kind(a);
            Kind kb = kind(b);
            if ((ka == Kind.INT || ka == Kind.FLOAT) && (kb == Kind.INT || kb == Kind.FLOAT)) {
                return ka == Kind.INT && kb == Kind.INT
                        ? Long.compare(asLong(a), asLong(b))
                        : Double.compare(asDouble(a), asDouble(b));
            }
            if (a instanceof Boolean x && b instanceof Boolean y) {
                return Boolean.compare(x, y);
            }
            return Utf8.compare(String.valueOf(a), String.valueOf(b));
        }
    }

    /** Go's truth: false, 0, "", nil and empty lists and maps are false; structs are true. */
    public static boolean isTrue(Object value) {
        if (value == null || value == NO_VALUE || value instanceof TypedNil) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s) {
            return !s.isEmpty();
        }
        if (value instanceof Character c) {
            return c != 0;
        }
        if (value instanceof BigInteger b) {
            return b.signum() != 0;
        }
        if (value instanceof BigDecimal d) {
            return d.signum() != 0;
        }
        if (value instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (value instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        if (value instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        if (value instanceof Optional<?> o) {
            return o.isPresent();
        }
        return !value.getClass().isArray() || Array.getLength(value) > 0;
    }

    /** Go's name for the type of {@code value}, for error messages and {@code %T}. */
    public static String typeName(Object value) {
        if (value == null || value == NO_VALUE) {
            return "<nil>";
        }
        if (value instanceof TypedNil nil) {
            return nil.isList() ? "[]interface {}" : nil.isMap() ? "map[string]interface {}"
                    : "*" + javaTypeName(nil.type());
        }
        for (GoType type : GO_TYPES) {
            if (type.java().isInstance(value)) {
                return type.name();
            }
        }
        return value.getClass().isArray() ? "[]" + arrayElementName(value.getClass().getComponentType())
                : javaTypeName(value.getClass());
    }

    /** A Java type and what Go calls the type it stands for. */
    private record GoType(Class<?> java, String name) {
    }

    /** In the order {@link #typeName} tries them. */
    private static final GoType[] GO_TYPES = {
            new GoType(String.class, "string"), new GoType(Boolean.class, "bool"), new GoType(Integer.class, "int"),
            new GoType(Long.class, "int64"), new GoType(Short.class, "int16"), new GoType(Byte.class, "int8"),
            new GoType(Character.class, "int32"), new GoType(BigInteger.class, "*big.Int"),
            new GoType(Double.class, "float64"), new GoType(Float.class, "float32"),
            new GoType(BigDecimal.class, "*big.Float"), new GoType(Map.class, "map[string]interface {}"),
            new GoType(Collection.class, "[]interface {}")};

    /** Go's names of array element types; any other is named by {@link #javaTypeName}. */
    private static final Map<Class<?>, String> ELEMENT_NAMES = Map.of(String.class, "string", int.class, "int",
            long.class, "int64", byte.class, "uint8", boolean.class, "bool", double.class, "float64",
            Object.class, "interface {}");

    private static String arrayElementName(Class<?> component) {
        String name = ELEMENT_NAMES.get(component);
        return name != null ? name : javaTypeName(component);
    }

    /** Like Go's {@code formatter.imageContext}: last package segment, then the simple name. */
    public static String javaTypeName(Class<?> type) {
        String pkg = type.getPackageName();
        String last = pkg.substring(pkg.lastIndexOf('.') + 1);
        return last.isEmpty() ? type.getSimpleName() : last + "." + type.getSimpleName();
    }
}
