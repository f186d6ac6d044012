package dev.strata.template;

import static dev.strata.go.GoTable.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.go.GoTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Go's text/template exec_test.go execTests and parse/parse_test.go parseTests, row by row, over a
 * Java stand-in for their {@code tVal}: public fields and methods named as Go's T has them.
 */
class GoTablesTest {

    /** Go's U: {@code {{.Empty4}}} prints it as a struct, {@code {UinEmpty}}. */
    public record U(String V) {
        public String TrueFalse(boolean b) {
            return b ? "true" : "";
        }
    }

    /**
     * A value whose String method prints it, as Go's V and W (and bytes.Buffer, errors.New) do: a plain
     * class, whose toString the engine takes for Go's Stringer (a record would print as a struct).
     */
    public static final class Printed {
        private final String text;

        Printed(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** Go's T; the fields Go leaves unset stay null here. */
    public static final class T {
        public boolean True = true;
        public int I = 17;
        public int U16 = 16;
        public String X = "x";
        public String S = "xyz";
        public double FloatZero;
        public U U = new U("v");
        public Object V0 = new Printed("<6666>");
        public Object V1 = new Printed("<7777>");
        public Object W0 = new Printed("[888]");
        public Object W1 = new Printed("[999]");
        public List<Integer> SI = List.of(3, 4, 5);
        public List<Integer> SIEmpty = List.of();
        public List<Boolean> SB = List.of(true, false);
        public int[] AI = {3, 4, 5};
        public Map<String, Integer> MSI = Map.of("one", 1, "two", 2, "three", 3);
        public Map<String, Integer> MSIone = Map.of("one", 1);
        public Map<String, Integer> MSIEmpty = Map.of();
        public Map<Object, Integer> MXI = Map.of("one", 1);
        public Map<Integer, Integer> MII = Map.of(1, 1);
        public Map<Integer, String> MI32S = Map.of(1, "one", 2, "two");
        public Map<Long, String> MI64S = Map.of(2L, "i642", 3L, "i643");
        public Map<Long, String> MUI32S = Map.of(2L, "u322", 3L, "u323");
        public Map<Long, String> MUI64S = Map.of(2L, "ui642", 3L, "ui643");
        public Map<Byte, String> MI8S = Map.of((byte) 2, "i82", (byte) 3, "i83");
        public Map<Integer, String> MUI8S = Map.of(2, "u82", 3, "u83");
        public List<Map<String, Integer>> SMSI = List.of(Map.of("one", 1, "two", 2), Map.of("eleven", 11, "twelve", 12));
        public Object Empty0;
        public Object Empty1 = 3;
        public Object Empty2 = "empty2";
        public Object Empty3 = List.of(7, 8);
        public Object Empty4 = new U("UinEmpty");
        public T NonEmptyInterface;
        public List<String> NonEmptyInterfacePtS = List.of("a", "b");
        public T NonEmptyInterfaceTypedNil;
        public Object Str = new Printed("foozle");
        public Object Err = new Printed("erroozle");
        public Integer PI = 23;
        public String PS = "a string";
        public List<Integer> PSI = List.of(21, 22, 23);
        public Integer NIL;

        public String Method0() {
            return "M0";
        }

        public int Method1(int a) {
            return a;
        }

        public String Method2(int a, String b) {
            return "Method2: " + a + " " + b;
        }

        public String Method3(Object v) {
            return "Method3: " + dev.strata.go.Fmt.valueString(v);
        }

        public T Copy() {
            T copy = new T();
            copy.X = X;
            return copy;
        }

        public List<Integer> MAdd(int a, List<Integer> b) {
            List<Integer> sums = new ArrayList<>();
            for (int x : b) {
                sums.add(a + x);
            }
            return sums;
        }

        public boolean MyError(boolean error) {
            if (error) {
                throw new IllegalStateException("my error");
            }
            return false;
        }

        public U GetU() {
            return U;
        }
    }

    /** Go's anonymous struct {a int; b string}. */
    public record Seven(int a, String b) {
    }

    private static T tVal() {
        T t = new T();
        T inner = new T();
        inner.X = "x";
        t.NonEmptyInterface = inner;
        return t;
    }

    private static Object data(String name) {
        return switch (name) {
            case "nil" -> null;
            case "tVal" -> tVal();
            case "T{}" -> new T();
            case "0" -> 0;
            case "13" -> 13;
            case "14" -> 14L;
            case "15.1" -> 15.1;
            case "true" -> true;
            case "123" -> 123;
            case "\"hello\"" -> "hello";
            case "\"It'd be nice.\"" -> "It'd be nice.";
            case "[-1,-2,-3]" -> Arrays.asList(-1, -2, -3);
            case "{two:22}" -> Map.of("two", 22);
            case "{cause:neglect}" -> Map.of("cause", "neglect");
            case "struct{7 seven}" -> new Seven(7, "seven");
            case "'.'" -> '.';
            case "'e'" -> 'e';
            case "'P'" -> 'P';
            default -> throw new IllegalArgumentException("no stand-in for test data " + name);
        };
    }

    @TestFactory
    Stream<DynamicTest> execTests() {
        return GoTable.load("/dev/strata/template/go-exec.json").tests(r -> string(r, "name"), r -> {
            Template template = Template.parse(string(r, "template")); // every execTests row parses
            Object data = data(string(r, "data"));
            if ((Boolean) r.get("ok")) {
                assertThat(template.render(data)).isEqualTo(string(r, "output"));
            } else {
                assertThatThrownBy(() -> template.render(data)).isInstanceOf(TemplateException.class);
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> parseTests() {
        return GoTable.load("/dev/strata/template/go-parse.json").tests(r -> string(r, "name"), r -> {
            String input = string(r, "input");
            if ((Boolean) r.get("hasError")) {
                assertThatThrownBy(() -> Parser.parse("", input)).isInstanceOf(TemplateException.class);
            } else {
                assertThat(Parser.parse("", input).root().toString()).isEqualTo(string(r, "result"));
            }
        });
    }
}
