package dev.strata.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Go's json.Indent, case by case as encoding/json does it. */
class JsonIndentTest {
    static String indent(String json, String unit) {
        return new String(JsonIndent.indent(json.getBytes(StandardCharsets.UTF_8), unit), StandardCharsets.UTF_8);
    }

    @Test
    void putsEachMemberOnItsLine() {
        assertThat(indent("{\"a\":1,\"b\":[true,null],\"c\":{\"d\":\"e\"}}", "\t")).isEqualTo("""
                {
                \t"a": 1,
                \t"b": [
                \t\ttrue,
                \t\tnull
                \t],
                \t"c": {
                \t\t"d": "e"
                \t}
                }""");
    }

    @Test
    void keepsTokensAsWrittenAndEmptyContainersOnOneLine() {
        assertThat(indent("  {\"s\" : \"a,b:{}\\\"\\u00e9\", \"n\": 1.50e3, \"x\":[ ], \"y\":{}}", "   ")).isEqualTo("""
                {
                   "s": "a,b:{}\\"\\u00e9",
                   "n": 1.50e3,
                   "x": [],
                   "y": {}
                }""");
    }

    @Test
    void keepsTrailingSpaceAndScalars() {
        assertThat(indent("[1]\n", "\t")).isEqualTo("[\n\t1\n]\n");
        assertThat(indent("\"x\"", "\t")).isEqualTo("\"x\"");
    }
}
