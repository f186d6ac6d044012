package dev.strata.template;

import dev.strata.go.Fmt;
import dev.strata.go.Quote;
import dev.strata.go.Utf8;
import dev.strata.go.Values;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The functions a template may call: Go's builtins plus the ones Docker's CLI adds ({@code json},
 * {@code split}, {@code join}, {@code title}, {@code lower}, {@code upper}, {@code pad},
 * {@code truncate}). Dispatch is a switch on the name rather than a map of lambdas so that loading
 * the class costs nothing at CLI start-up.
 *
 * <p>Like Go, the parser only checks that a name exists; the implementation is chosen at execution,
 * which is how Docker renders a table header with the same parsed template but functions that
 * return the column title unchanged ({@link #HEADER}).
 */
final class Functions {

    /** Parameter types, as far as they change how an argument is checked (Go's evalArg). */
    enum Param {
        /** interface{}: anything, nil allowed. */
        ANY("interface {}"),
        /** reflect.Value: anything, a missing value allowed. */
        VALUE("reflect.Value"),
        STRING("string"),
        INT("int"),
        BOOL("bool"),
        FLOAT("float64"),
        STRINGS("[]string");

        final String goName;

        Param(String goName) {
            this.goName = goName;
        }
    }

    /** Fixed parameters and, if variadic, the type of the rest. */
    record Signature(List<Param> fixed, Param variadic) {
    }

    /** A function's own failure: Go reports it as {@code error calling NAME: MESSAGE}. */
    static final class CallError extends Exception {
        CallError(String message) {
            super(message, null, false, false);
        }
    }

    /** Which set of implementations to run: normal rows, or Docker's table-header stand-ins. */
    enum Table { STANDARD, HEADER }

    static final Table STANDARD = Table.STANDARD;
    static final Table HEADER = Table.HEADER;

    private static final Signature ONE_VALUE = new Signature(List.of(Param.VALUE), null);
    private static final Signature VALUE_VARIADIC = new Signature(List.of(Param.VALUE), Param.VALUE);
    private static final Signature TWO_VALUES = new Signature(List.of(Param.VALUE, Param.VALUE), null);
    private static final Signature ANY_VARIADIC = new Signature(List.of(), Param.ANY);
    private static final Signature ONE_ANY = new Signature(List.of(Param.ANY), null);
    private static final Signature ONE_STRING = new Signature(List.of(Param.STRING), null);
    private static final Signature TWO_STRINGS = new Signature(List.of(Param.STRING, Param.STRING), null);
    private static final Signature STRING_INT = new Signature(List.of(Param.STRING, Param.INT), null);

    private Functions() {
    }

    static boolean exists(String name) {
        return signature(name, STANDARD) != null;
    }

    static Signature signature(String name, Table table) {
        if (table == HEADER) {
            switch (name) {
                case "json", "title", "lower", "upper":
                    return ONE_STRING;
                case "split", "join":
                    return TWO_STRINGS;
                case "truncate":
                    return STRING_INT;
                default:
                    break;
            }
        }
        return switch (name) {
            case "and", "or", "eq", "index", "slice" -> VALUE_VARIADIC;
            case "not", "len" -> ONE_VALUE;
            case "ne", "lt", "le", "gt", "ge" -> TWO_VALUES;
            case "print", "println", "html", "js", "urlquery" -> ANY_VARIADIC;
            case "printf" -> new Signature(List.of(Param.STRING), Param.ANY);
            case "json" -> ONE_ANY;
            case "split" -> TWO_STRINGS;
            case "join" -> new Signature(List.of(Param.STRINGS, Param.STRING), null);
            case "title", "lower", "upper" -> ONE_STRING;
            case "pad" -> new Signature(List.of(Param.STRING, Param.INT, Param.INT), null);
            case "truncate" -> STRING_INT;
            default -> null;
        };
    }

    /**
     * Runs {@code name} on checked arguments. {@code jsonRow} is the row object a Formatter is
     * rendering: Docker's rows serialise themselves with HTML escaping and sorted keys.
     */
    static Object call(String name, Table table, List<Object> args, Object jsonRow) throws CallError {
        if (table == HEADER) {
            switch (name) {
                case "json", "split", "join", "title", "lower", "upper", "truncate":
                    return args.getFirst();
                default:
                    break;
            }
        }
        return switch (name) {
            case "not" -> !Values.isTrue(args.getFirst());
            case "len" -> length(args.getFirst());
            case "index" -> index(args.getFirst(), args.subList(1, args.size()));
            case "slice" -> slice(args.getFirst(), args.subList(1, args.size()));
            case "print" -> Fmt.sprint(args);
            case "println" -> Fmt.sprintln(args);
            case "printf" -> Fmt.sprintf((String) args.getFirst(), args.subList(1, args.size()));
            case "eq" -> Comparison.eq(args.getFirst(), args.subList(1, args.size()));
            case "ne" -> !Comparison.eq(args.get(0), java.util.Collections.singletonList(args.get(1)));
            case "lt" -> Comparison.lt(args.get(0), args.get(1));
            case "le" -> Comparison.le(args.get(0), args.get(1));
            case "gt" -> !Comparison.le(args.get(0), args.get(1));
            case "ge" -> !Comparison.lt(args.get(0), args.get(1));
            case "html" -> html(printArgs(args));
            case "js" -> js(printArgs(args));
            case "urlquery" -> urlQuery(printArgs(args));
            case "json" -> args.getFirst() == jsonRow && jsonRow != null
                    ? Json.encodeRow(jsonRow)
                    : Json.encode(args.getFirst());
            case "split" -> split((String) args.get(0), (String) args.get(1));
            case "join" -> {
                @SuppressWarnings("unchecked")
                List<String> elements = (List<String>) args.get(0);
                yield String.join((String) args.get(1), elements);
            }
            case "title" -> title((String) args.getFirst());
            case "lower" -> mapCodePoints((String) args.getFirst(), false);
            case "upper" -> mapCodePoints((String) args.getFirst(), true);
            case "pad" -> pad((String) args.get(0), Values.asLong(args.get(1)), Values.asLong(args.get(2)));
            case "truncate" -> truncate((String) args.get(0), Values.asLong(args.get(1)));
            default -> throw new CallError("function " + Quote.quote(name) + " not defined");
        };
    }

    // ---- Go builtins ----

    private static Object length(Object item) throws CallError {
        if (item == Values.NO_VALUE) {
            throw new CallError("reflect: call of reflect.Value.Type on zero Value");
        }
        if (item == null) {
            throw new CallError("len of nil pointer");
        }
        if (item instanceof String s) {
            return Utf8.byteLength(s);
        }
        if (item instanceof Values.TypedNil nil && !nil.isList() && !nil.isMap()) {
            throw new CallError("len of nil pointer");
        }
        Map<?, ?> map = Values.asMap(item);
        if (map != null) {
            return map.size();
        }
        List<?> list = Values.asList(item);
        if (list == null) {
            throw new CallError("len of type " + Values.typeName(item));
        }
        return list.size();
    }

    private static Object index(Object item, List<Object> indexes) throws CallError {
        if (item == null || item == Values.NO_VALUE) {
            throw new CallError("index of untyped nil");
        }
        for (Object index : indexes) {
            if (item instanceof Values.TypedNil nil && !nil.isList() && !nil.isMap()) {
                throw new CallError("index of nil pointer");
            }
            if (item instanceof String s) {
                byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
                int x = indexArg(index, bytes.length);
                if (x == bytes.length) {
                    throw new CallError("index out of range: " + x);
                }
                item = bytes[x] & 0xff;
                continue;
            }
            List<?> list = Values.asList(item);
            if (list != null) {
                int x = indexArg(index, list.size());
                if (x == list.size()) {
                    throw new CallError("index out of range: " + x);
                }
                item = list.get(x);
                continue;
            }
            Map<?, ?> map = Values.asMap(item);
            if (map != null) {
                item = mapIndex(map, index);
                continue;
            }
            throw new CallError("can't index item of type " + Values.typeName(item));
        }
        return item;
    }

    /**
     * Go returns the zero value of the map's element type for a missing key. Java maps carry no
     * element type at run time, so a map whose values are all strings (Docker's labels) is taken
     * to be a map[string]string and yields ""; any other map yields nil, printed {@code <no value>},
     * as Go's map[string]interface{} (the JSON Docker formats) does.
     */
    private static Object zeroOfValues(Map<?, ?> map) {
        for (Object value : map.values()) {
            if (!(value instanceof String)) {
                return null;
            }
        }
        return "";
    }

    /**
     * Go's index of a map: the key is converted to the map's key type (an error if it cannot be), and
     * a missing key yields the zero value of the element type. A Java map's key type is read off its keys.
     */
    private static Object mapIndex(Map<?, ?> map, Object index) throws CallError {
        Object sample = map.isEmpty() ? null : map.keySet().iterator().next();
        if (index == null || index == Values.NO_VALUE) {
            throw new CallError("value is nil; should be of type " + (sample == null ? "string" : Values.typeName(sample)));
        }
        if (sample != null && Values.kind(sample) != Values.kind(index)) {
            throw new CallError("value has type " + Values.typeName(index) + "; should be " + Values.typeName(sample));
        }
        if (map.containsKey(index)) {
            return map.get(index);
        }
        if (Values.isInt(index)) {
            // an int literal indexes a map[int64]string or map[int8]string as well
            long value = Values.asLong(index);
            for (Object key : new Object[] {value, (int) value, (short) value, (byte) value}) {
                if (Values.asLong(key) == value && map.containsKey(key)) {
                    return map.get(key);
                }
            }
        }
        return zeroOfValues(map);
    }

    private static int indexArg(Object index, int cap) throws CallError {
        if (index == null || index == Values.NO_VALUE) {
            throw new CallError("cannot index slice/array with nil");
        }
        if (!Values.isInt(index)) {
            throw new CallError("cannot index slice/array with type " + Values.typeName(index));
        }
        long x = Values.asLong(index);
        if (x < 0 || x > cap) {
            throw new CallError("index out of range: " + x);
        }
        return (int) x;
    }

    private static Object slice(Object item, List<Object> indexes) throws CallError {
        if (item == null || item == Values.NO_VALUE) {
            throw new CallError("slice of untyped nil");
        }
        if (indexes.size() > 3) {
            throw new CallError("too many slice indexes: " + indexes.size());
        }
        byte[] bytes = null;
        List<?> list = null;
        int length;
        if (item instanceof String s) {
            if (indexes.size() == 3) {
                throw new CallError("cannot 3-index slice a string");
            }
            bytes = s.getBytes(StandardCharsets.UTF_8);
            length = bytes.length;
        } else {
            list = Values.asList(item);
            if (list == null) {
                throw new CallError("can't slice item of type " + Values.typeName(item));
            }
            length = list.size();
        }
        int[] idx = {0, length, length};
        for (int i = 0; i < indexes.size(); i++) {
            idx[i] = indexArg(indexes.get(i), length);
        }
        if (idx[0] > idx[1]) {
            throw new CallError("invalid slice index: " + idx[0] + " > " + idx[1]);
        }
        if (indexes.size() == 3 && idx[1] > idx[2]) {
            throw new CallError("invalid slice index: " + idx[1] + " > " + idx[2]);
        }
        if (bytes != null) {
            return new String(bytes, idx[0], idx[1] - idx[0], StandardCharsets.UTF_8);
        }
        return new ArrayList<>(list.subList(idx[0], idx[1]));
    }

    /** Go's evalArgs for html/js/urlquery: a lone string as is, else fmt.Sprint. */
    private static String printArgs(List<Object> args) {
        if (args.size() == 1 && args.getFirst() instanceof String s) {
            return s;
        }
        return Fmt.sprint(args);
    }

    private static String html(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("&#34;");
                case '\'' -> out.append("&#39;");
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\0' -> out.append('\ufffd');
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String js(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '"' -> out.append("\\\"");
                case '<' -> out.append("\\u003C");
                case '>' -> out.append("\\u003E");
                case '&' -> out.append("\\u0026");
                case '=' -> out.append("\\u003D");
                case '`' -> out.append("\\u0060");
                default -> {
                    if (cp < ' ' || (cp >= 0x80 && !Quote.isPrint(cp))) {
                        out.append(String.format("\\u%04X", cp));
                    } else {
                        out.appendCodePoint(cp);
                    }
                }
            }
        }
        return out.toString();
    }

    private static String urlQuery(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append((char) c);
            } else if (c == ' ') {
                out.append('+');
            } else {
                out.append('%').append("0123456789ABCDEF".charAt(c >> 4)).append("0123456789ABCDEF".charAt(c & 15));
            }
        }
        return out.toString();
    }

    // ---- Docker's functions ----

    /** strings.Split: every occurrence, empty pieces kept; an empty separator splits into runes. */
    static List<String> split(String s, String sep) {
        List<String> parts = new ArrayList<>();
        if (sep.isEmpty()) {
            for (int i = 0; i < s.length(); ) {
                int cp = s.codePointAt(i);
                parts.add(new String(Character.toChars(cp)));
                i += Character.charCount(cp);
            }
            return parts;
        }
        int from = 0;
        int at;
        while ((at = s.indexOf(sep, from)) >= 0) {
            parts.add(s.substring(from, at));
            from = at + sep.length();
        }
        parts.add(s.substring(from));
        return parts;
    }

    /** strings.Title: upper-cases (title-cases) the first letter of every word. */
    static String title(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int prev = ' ';
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            out.appendCodePoint(isSeparator(prev) ? Character.toTitleCase(cp) : cp);
            prev = cp;
        }
        return out.toString();
    }

    private static boolean isSeparator(int r) {
        if (r <= 0x7f) {
            return !((r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || r == '_');
        }
        if (Character.isLetter(r) || Character.isDigit(r)) {
            return false;
        }
        return Character.isWhitespace(r) || Character.isSpaceChar(r);
    }

    /** Go maps case rune by rune (simple case mapping); Java's String methods do full mapping. */
    private static String mapCodePoints(String s, boolean upper) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            out.appendCodePoint(upper ? Character.toUpperCase(cp) : Character.toLowerCase(cp));
        }
        return out.toString();
    }

    private static String pad(String s, long left, long right) throws CallError {
        if (s.isEmpty()) {
            return s;
        }
        if (left < 0 || right < 0) {
            throw new CallError("strings: negative Repeat count");
        }
        return " ".repeat((int) left) + s + " ".repeat((int) right);
    }

    /** Docker truncates by bytes: {@code source[:length]}. */
    private static String truncate(String s, long length) throws CallError {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < length) {
            return s;
        }
        if (length < 0) {
            throw new CallError("runtime error: slice bounds out of range [:" + length + "]");
        }
        return new String(bytes, 0, (int) length, StandardCharsets.UTF_8);
    }

    /** Go's eq/lt/le over basic kinds, with its error messages. */
    static final class Comparison {
        private Comparison() {
        }

        static boolean eq(Object arg1, List<Object> others) throws CallError {
            if (others.isEmpty()) {
                throw new CallError("missing argument for comparison");
            }
            Values.Kind k1 = Values.kind(arg1);
            for (Object arg : others) {
                Values.Kind k2 = Values.kind(arg);
                boolean truth;
                if (k1 != k2) {
                    if (k1 != Values.Kind.INVALID && k2 != Values.Kind.INVALID) {
                        throw new CallError("incompatible types for comparison");
                    }
                    truth = false;
                } else {
                    truth = switch (k1) {
                        case BOOL -> arg1.equals(arg);
                        case FLOAT -> Values.asDouble(arg1) == Values.asDouble(arg);
                        case INT -> Values.asLong(arg1) == Values.asLong(arg);
                        case STRING -> arg1.equals(arg);
                        case INVALID -> true;
                        case OTHER -> otherEquals(arg1, arg);
                    };
                }
                if (truth) {
                    return true;
                }
            }
            return false;
        }

        private static boolean otherEquals(Object a, Object b) throws CallError {
            boolean aNil = a instanceof Values.TypedNil;
            boolean bNil = b instanceof Values.TypedNil;
            if (aNil || bNil) {
                return aNil && bNil;
            }
            if (Values.asList(a) != null || Values.asMap(a) != null) {
                throw new CallError("non-comparable type " + Fmt.valueString(a) + ": " + Values.typeName(a));
            }
            if (Values.asList(b) != null || Values.asMap(b) != null) {
                throw new CallError("non-comparable type " + Fmt.valueString(b) + ": " + Values.typeName(b));
            }
            if (a.getClass() != b.getClass()) {
                throw new CallError("non-comparable types " + Fmt.valueString(a) + ": " + Values.typeName(a)
                        + ", " + Fmt.valueString(b) + ": " + Values.typeName(b));
            }
            return Objects.equals(a, b);
        }

        private static Values.Kind orderedKind(Object value) throws CallError {
            Values.Kind kind = Values.kind(value);
            if (kind == Values.Kind.INVALID || kind == Values.Kind.OTHER) {
                throw new CallError("invalid type for comparison");
            }
            return kind;
        }

        static boolean lt(Object a, Object b) throws CallError {
            Values.Kind k1 = orderedKind(a);
            Values.Kind k2 = orderedKind(b);
            if (k1 != k2) {
                throw new CallError("incompatible types for comparison");
            }
            return switch (k1) {
                case FLOAT -> Values.asDouble(a) < Values.asDouble(b);
                case INT -> Values.asLong(a) < Values.asLong(b);
                case STRING -> Utf8.compare((String) a, (String) b) < 0;
                default -> throw new CallError("invalid type for comparison");
            };
        }

        static boolean le(Object a, Object b) throws CallError {
            return lt(a, b) || eq(a, java.util.Collections.singletonList(b));
        }
    }
}
