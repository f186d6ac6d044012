package dev.strata.go;

import static dev.strata.go.GoTable.integer;
import static dev.strata.go.GoTable.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Go's strconv tables (quote_test.go, atob_test.go, atoi_test.go, atof_test.go, ftoa_test.go), row by row. */
class StrconvTableTest {
    private static final String DIR = "/dev/strata/go/";

    @TestFactory
    Stream<DynamicTest> quote() {
        return GoTable.load(DIR + "strconv-quote.json").tests(r -> Quote.quote(string(r, "input")), r -> {
            assertThat(Quote.quote(string(r, "input"))).isEqualTo(string(r, "quote"));
            assertThat(Quote.quoteToAscii(string(r, "input"))).isEqualTo(string(r, "ascii"));
        });
    }

    @TestFactory
    Stream<DynamicTest> quoteRune() {
        return GoTable.load(DIR + "strconv-quoteRune.json").tests(r -> "rune " + r.get("rune"), r -> {
            int rune = integer(r, "rune");
            assertThat(Quote.quoteRune(rune)).isEqualTo(string(r, "quote"));
            assertThat(Quote.quoteRuneToAscii(rune)).isEqualTo(string(r, "ascii"));
        });
    }

    @TestFactory
    Stream<DynamicTest> unquote() {
        return GoTable.load(DIR + "strconv-unquote.json").tests(r -> Quote.quote(string(r, "quoted")), r -> {
            String quoted = string(r, "quoted");
            if (r.containsKey("error")) {
                assertThatThrownBy(() -> unquote(quoted)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessage(string(r, "error"));
            } else {
                assertThat(unquote(quoted)).isEqualTo(string(r, "unquoted"));
            }
        });
    }

    /** strconv.Unquote: a character literal unquotes to the string of its rune. */
    private static String unquote(String quoted) {
        if (quoted.startsWith("'")) {
            return new String(Character.toChars(Quote.unquoteChar(quoted)));
        }
        return Quote.unquote(quoted);
    }

    @TestFactory
    Stream<DynamicTest> parseBool() {
        return GoTable.load(DIR + "strconv-parseBool.json").tests(r -> Quote.quote(string(r, "input")), r -> {
            if (r.containsKey("error")) {
                assertThatThrownBy(() -> Strconv.parseBool(string(r, "input")))
                        .isInstanceOfSatisfying(Strconv.NumError.class, e -> assertThat(e.reason()).isEqualTo(string(r, "error")));
            } else {
                assertThat(Strconv.parseBool(string(r, "input"))).isEqualTo(r.get("value"));
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> parseInt() {
        return GoTable.load(DIR + "strconv-parseInt.json").tests(
                r -> string(r, "function") + "(" + Quote.quote(string(r, "input")) + ", " + r.get("base") + ", " + r.get("bitSize") + ")",
                r -> {
                    String function = string(r, "function");
                    String input = string(r, "input");
                    int base = integer(r, "base");
                    int bits = integer(r, "bitSize");
                    if (r.containsKey("error")) {
                        assertThatThrownBy(() -> parse(function, input, base, bits))
                                .isInstanceOfSatisfying(Strconv.NumError.class, e -> {
                                    assertThat(e.reason()).isEqualTo(string(r, "error"));
                                    assertThat(e.function()).isEqualTo(function);
                                    assertThat(e.number()).isEqualTo(input);
                                });
                    } else {
                        assertThat(parse(function, input, base, bits)).isEqualTo(new BigInteger(string(r, "value")));
                    }
                });
    }

    private static BigInteger parse(String function, String input, int base, int bits) {
        return switch (function) {
            case "ParseUint" -> new BigInteger(Long.toUnsignedString(Strconv.parseUint(input, base, bits)));
            case "ParseInt" -> BigInteger.valueOf(Strconv.parseInt(input, base, bits));
            case "Atoi" -> BigInteger.valueOf(Strconv.atoi(input));
            default -> throw new IllegalArgumentException(function);
        };
    }

    @TestFactory
    Stream<DynamicTest> numErrorMessages() {
        return GoTable.load(DIR + "strconv-numError.json").tests(r -> string(r, "message"), r -> {
            String input = string(r, "input");
            int base = integer(r, "base");
            int bits = integer(r, "bitSize");
            Runnable call = switch (string(r, "function")) {
                case "ParseFloat" -> () -> Strconv.parseFloat(input, bits);
                case "ParseBool" -> () -> Strconv.parseBool(input);
                default -> () -> parse(string(r, "function"), input, base, bits);
            };
            assertThatThrownBy(call::run).isInstanceOf(Strconv.NumError.class).hasMessage(string(r, "message"));
        });
    }

    @TestFactory
    Stream<DynamicTest> parseFloat() {
        return GoTable.load(DIR + "strconv-atof.json").tests(
                r -> Quote.quote(abbreviate(string(r, "input"))) + " " + r.get("bitSize"), r -> {
                    String input = string(r, "input");
                    int bits = integer(r, "bitSize");
                    if (r.containsKey("error")) {
                        assertThatThrownBy(() -> Strconv.parseFloat(input, bits))
                                .isInstanceOfSatisfying(Strconv.NumError.class, e -> {
                                    assertThat(e.reason()).isEqualTo(string(r, "error"));
                                    assertThat(e.function()).isEqualTo("ParseFloat");
                                });
                    } else {
                        double value = Strconv.parseFloat(input, bits);
                        assertThat(Strconv.formatFloat(value, 'g', -1, bits)).isEqualTo(string(r, "formatted"));
                    }
                });
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 40) + "…(" + s.length() + " chars)";
    }

    @TestFactory
    Stream<DynamicTest> formatFloat() {
        return GoTable.load(DIR + "strconv-ftoa.json").tests(
                r -> "FormatFloat(" + r.get("value") + ", '" + r.get("fmt") + "', " + r.get("prec") + ", " + r.get("bitSize") + ")",
                r -> {
                    double v = switch (string(r, "value")) {
                        case "NaN" -> Double.NaN;
                        case "-NaN" -> -Double.NaN;
                        case "Inf" -> Double.POSITIVE_INFINITY;
                        case "-Inf" -> Double.NEGATIVE_INFINITY;
                        default -> Double.parseDouble(string(r, "value"));
                    };
                    int bits = integer(r, "bitSize");
                    if (bits == 32) {
                        v = (float) v;
                    }
                    assertThat(Strconv.formatFloat(v, string(r, "fmt").charAt(0), integer(r, "prec"), bits))
                            .isEqualTo(string(r, "out"));
                });
    }
}
