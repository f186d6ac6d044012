package dev.strata.go;

import static dev.strata.go.GoTable.string;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Go's fmt_test.go fmtTests, reorderTests and startests, row by row. */
class FmtTableTest {
    /** A struct with two fields, for the rows that print one. */
    record Pair(Object A, Object B) {
    }

    @TestFactory
    Stream<DynamicTest> fmt() {
        return GoTable.load("/dev/strata/go/fmt.json").tests(
                r -> r.containsKey("function") ? string(r, "function") + " " + r.get("args")
                        : "Sprintf(" + Quote.quote(string(r, "format")) + ", " + r.get("args") + ")",
                r -> {
                    @SuppressWarnings("unchecked")
                    List<Object> args = new ArrayList<>();
                    for (Object arg : (List<Object>) r.get("args")) {
                        args.add(value(arg));
                    }
                    String out;
                    if (r.containsKey("function")) {
                        out = string(r, "function").equals("Sprint") ? Fmt.sprint(args) : Fmt.sprintln(args);
                    } else {
                        out = Fmt.sprintf(string(r, "format"), args);
                    }
                    assertThat(out).isEqualTo(string(r, "out"));
                });
    }

    /** A Go value written as [type, value] in the table, as the Java value that stands for it. */
    @SuppressWarnings("unchecked")
    static Object value(Object encoded) {
        List<Object> typed = (List<Object>) encoded;
        String type = (String) typed.get(0);
        Object v = typed.size() > 1 ? typed.get(1) : null;
        return switch (type) {
            case "nil" -> null;
            case "int" -> ((Number) v).intValue();
            case "int64" -> ((Number) v).longValue();
            case "int8" -> ((Number) v).byteValue();
            case "int16" -> ((Number) v).shortValue();
            case "rune" -> {
                int cp = ((Number) v).intValue();
                yield cp >= 0 && cp <= 0xffff ? (Object) (char) cp : (Object) cp;
            }
            case "uint64", "uint" -> {
                BigInteger big = new BigInteger((String) v);
                yield big.bitLength() < 64 ? (Object) big.longValue() : big;
            }
            case "string" -> v;
            case "bool" -> v;
            case "float64" -> parseFloat((String) v);
            case "float32" -> (float) parseFloat((String) v);
            case "list" -> {
                List<Object> list = new ArrayList<>();
                for (Object element : (List<Object>) v) {
                    list.add(value(element));
                }
                yield list;
            }
            case "map" -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (Object entry : (List<Object>) v) {
                    List<Object> kv = (List<Object>) entry;
                    map.put((String) kv.get(0), value(kv.get(1)));
                }
                yield map;
            }
            case "record" -> {
                List<Object> fields = (List<Object>) v;
                yield new Pair(value(((List<Object>) fields.get(0)).get(1)), value(((List<Object>) fields.get(1)).get(1)));
            }
            default -> throw new IllegalArgumentException("no Java stand-in for Go type " + type);
        };
    }

    private static double parseFloat(String text) {
        return switch (text) {
            case "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }
}
