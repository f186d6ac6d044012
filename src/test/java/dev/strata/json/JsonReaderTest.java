package dev.strata.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonReaderTest {
    private static Object parse(String json) {
        return JsonReader.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void refused(String json, String message) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(JsonException.class).hasMessage(message);
    }

    @Test
    void readsEveryKindOfValue() {
        Object value = parse(" {\"s\":\"x\", \"i\": -12, \"f\": 1.5e2, \"t\": true, \"F\": false, \"n\": null,"
                + "\r\n\t\"a\": [1, [], {}], \"o\": {\"k\": \"v\"}} ");
        assertThat(value).isInstanceOf(Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value;
        assertThat(map.keySet()).containsExactly("s", "i", "f", "t", "F", "n", "a", "o");
        assertThat(map.get("i")).isEqualTo(-12L);
        assertThat(map.get("f")).isEqualTo(150.0);
        assertThat(map.get("t")).isEqualTo(true);
        assertThat(map.get("n")).isNull();
        assertThat(map.get("a")).isEqualTo(List.of(1L, List.of(), Map.of()));
        assertThat(map.get("o")).isEqualTo(Map.of("k", "v"));
    }

    @Test
    void bigIntegersStayExact() {
        assertThat(parse("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(parse("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(parse("9223372036854775808")).isEqualTo(new BigInteger("9223372036854775808"));
        assertThat(parse("-0")).isEqualTo(0L);
        assertThat(parse("1E400")).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void decodesEscapesAndUtf8() {
        assertThat(parse("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u003c\\u00e9\\uD83D\\uDE00\"")).isEqualTo("\"\\/\b\f\n\r\t<é\uD83D\uDE00");
        assertThat(parse("\"é😀\"")).isEqualTo("é😀");
        // invalid UTF-8 becomes U+FFFD, as Go decodes it
        assertThat(JsonReader.parse(new byte[] {'"', 'a', (byte) 0xff, 'b', '"'})).isEqualTo("a\uFFFDb");
        // a byte order mark is skipped
        assertThat(JsonReader.parse(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, '[', ']'})).isEqualTo(List.of());
        // a lone surrogate escape is kept, and written back the same way
        assertThat(parse("\"\\ud800\"")).isEqualTo("\uD800");
    }

    @Test
    void repeatedNamesKeepTheLastValue() {
        assertThat(parse("{\"a\":1,\"b\":2,\"a\":3}")).isEqualTo(Map.of("a", 3L, "b", 2L));
    }

    @Test
    void malformedJsonSaysWhereAndWhat() {
        refused("", "unexpected end of JSON input");
        refused("  ", "unexpected end of JSON input");
        refused("{\"a\":1", "unexpected end of JSON input");
        refused("{\"a\":1}x", "invalid character 'x' after top-level value at line 1, column 8");
        refused("{\n  \"a\" 1}", "invalid character '1' after object key at line 2, column 7");
        refused("{\"a\":1,}", "invalid character '}' looking for beginning of object key string at line 1, column 8");
        refused("[1,]", "invalid character ']' looking for beginning of value at line 1, column 4");
        refused("[1 2]", "invalid character '2' after array element at line 1, column 4");
        refused("{'a':1}", "invalid character '\\'' looking for beginning of object key string at line 1, column 2");
        refused("01", "invalid character '1' after top-level value at line 1, column 2");
        refused("-", "unexpected end of JSON input");
        refused("1.", "unexpected end of JSON input");
        refused("1.e5", "invalid character 'e' after decimal point in numeric literal at line 1, column 3");
        refused("tru", "unexpected end of JSON input");
        refused("nul!", "invalid character '!' in literal null (expecting 'l') at line 1, column 4");
        refused("\"a\tb\"", "invalid character '\\x09' in string literal at line 1, column 3");
        refused("\"\\x\"", "invalid character 'x' in string escape code at line 1, column 3");
        refused("\"\\u12g4\"", "invalid character 'g' in \\u hexadecimal character escape at line 1, column 6");
        refused("é", "invalid character 'é' looking for beginning of value at line 1, column 1");
    }

    @Test
    void hostileNestingIsRefusedNotAStackOverflow() {
        char[] deep = new char[100_000];
        Arrays.fill(deep, '[');
        assertThatThrownBy(() -> parse(new String(deep))).isInstanceOf(JsonException.class)
                .hasMessage("JSON nested more than 1000 levels deep");
        assertThat(parse("[".repeat(1000) + "]".repeat(1000))).isInstanceOf(List.class);
    }
}
