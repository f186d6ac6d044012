package dev.strata.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {
    private static String compact(Object value) {
        return Json.writeString(value);
    }

    private static String go(Object value, boolean escapeHtml) {
        JsonWriter out = JsonWriter.go(escapeHtml);
        out.value(value);
        return out.text();
    }

    @Test
    void controlCharactersAreShortEscapesOrHex() {
        assertThat(compact("\b\f\n\r\t")).isEqualTo("\"\\b\\f\\n\\r\\t\"");
        // the store's hex is upper case (as Strata's first configs were written), Go's lower case
        assertThat(compact("\u0000\u0001\u001f")).isEqualTo("\"\\u0000\\u0001\\u001F\"");
        assertThat(go("\u0000\u0001\u001f", true)).isEqualTo("\"\\u0000\\u0001\\u001f\"");
        // DEL and C1 controls pass through, as in Go
        assertThat(compact("\u007f\u0080\u009f")).isEqualTo("\"\u007f\u0080\u009f\"");
        assertThat(compact("\"\\/")).isEqualTo("\"\\\"\\\\/\"");
    }

    @Test
    void htmlCharactersAreEscapedAsGoDoesUnlessTurnedOff() {
        assertThat(compact("<a&b>")).isEqualTo("\"\\u003ca\\u0026b\\u003e\"");
        assertThat(go("<a&b>", true)).isEqualTo("\"\\u003ca\\u0026b\\u003e\"");
        assertThat(go("<a&b>", false)).isEqualTo("\"<a&b>\"");
    }

    @Test
    void lineAndParagraphSeparatorsAreAlwaysEscaped() {
        assertThat(compact("a\u2028b\u2029")).isEqualTo("\"a\\u2028b\\u2029\"");
        assertThat(go("a\u2028b\u2029", false)).isEqualTo("\"a\\u2028b\\u2029\"");
        assertThat(Json.writeIndented("\u2028")).isEqualTo("\"\\u2028\"");
    }

    @Test
    void surrogatePairsAreUtf8AndLoneSurrogatesEscapes() {
        byte[] pair = Json.write("\uD83D\uDE00");
        assertThat(pair).isEqualTo(new byte[] {'"', (byte) 0xf0, (byte) 0x9f, (byte) 0x98, (byte) 0x80, '"'});
        assertThat(compact("x\uD800y\uDC00")).isEqualTo("\"x\\uD800y\\uDC00\"");
        assertThat(go("\uDBFF", false)).isEqualTo("\"\\udbff\"");
        // a high surrogate followed by another high surrogate is two lone ones
        assertThat(compact("\uD800\uD83D\uDE00")).isEqualTo("\"\\uD800\uD83D\uDE00\"");
    }

    @Test
    void numbersAreExact() {
        assertThat(compact(List.of(Long.MAX_VALUE, Long.MIN_VALUE, 0, -1, Integer.MIN_VALUE)))
                .isEqualTo("[9223372036854775807,-9223372036854775808,0,-1,-2147483648]");
        assertThat(compact(new java.math.BigInteger("123456789012345678901234567890")))
                .isEqualTo("123456789012345678901234567890");
    }

    @Test
    void emptyAndNullCollectionsDiffer() {
        List<String> none = null;
        JsonWriter out = JsonWriter.compact();
        out.beginObject().field("empty", List.of()).field("null", none).field("map", Map.of())
                .fieldOmitEmpty("omitEmpty", List.of()).fieldOmitEmpty("omitEmptyNull", none)
                .fieldOmitEmpty("omitEmptyString", "").fieldOmitNull("omitNull", List.of())
                .fieldOmitNull("omitNullNull", none).fieldOmitEmpty("zero", 0L).endObject();
        assertThat(out.text()).isEqualTo("{\"empty\":[],\"null\":null,\"map\":{},\"omitNull\":[],\"zero\":0}");
    }

    @Test
    void indentationIsDockerInspects() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("Env", List.of("A=1", "B=<2>"));
        config.put("Labels", Map.of());
        config.put("Cmd", null);
        config.put("Volumes", Map.of("/data", Map.of()));
        Map<String, Object> image = new LinkedHashMap<>();
        image.put("Id", "sha256:abc");
        image.put("RepoTags", List.of());
        image.put("Size", 1234L);
        image.put("Config", config);
        image.put("Nested", List.of(List.of(), List.of(1, List.of(true))));
        assertThat(Json.writeIndented(List.of(image, Map.of()))).isEqualTo("""
                [
                    {
                        "Id": "sha256:abc",
                        "RepoTags": [],
                        "Size": 1234,
                        "Config": {
                            "Env": [
                                "A=1",
                                "B=\\u003c2\\u003e"
                            ],
                            "Labels": {},
                            "Cmd": null,
                            "Volumes": {
                                "/data": {}
                            }
                        },
                        "Nested": [
                            [],
                            [
                                1,
                                [
                                    true
                                ]
                            ]
                        ]
                    },
                    {}
                ]""");
        assertThat(Json.writeIndented(List.of())).isEqualTo("[]");
    }

    @Test
    void recordsWriteThemselves() {
        JsonWritable point = out -> out.beginObject().field("x", 1).field("y", "two").endObject();
        assertThat(compact(List.of(point, Map.of("p", point)))).isEqualTo("[{\"x\":1,\"y\":\"two\"},{\"p\":{\"x\":1,\"y\":\"two\"}}]");
    }

    @Test
    void treesKeepOrderAndIntegerWidths() {
        JsonWritable record = out -> out.beginObject().field("int", 1).field("long", 2L).field("list", List.of("a"))
                .field("null", (Object) null).field("nested", Map.of("k", true)).endObject();
        Object tree = Json.tree(List.of(record));
        assertThat(tree).isInstanceOf(List.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) ((List<Object>) tree).getFirst();
        assertThat(map.keySet()).containsExactly("int", "long", "list", "null", "nested");
        assertThat(map.get("int")).isInstanceOf(Integer.class);
        assertThat(map.get("long")).isInstanceOf(Long.class);
        assertThat(map.get("list")).isEqualTo(List.of("a"));
        assertThat(map.get("nested")).isEqualTo(Map.of("k", true));
        assertThat(map).containsEntry("null", null);
    }

    @Test
    void anyStringSurvivesWritingAndReading() {
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 2000; i++) {
            StringBuilder s = new StringBuilder();
            for (int j = random.nextInt(20); j > 0; j--) {
                int kind = random.nextInt(4);
                int cp = switch (kind) {
                    case 0 -> random.nextInt(0x80);
                    case 1 -> random.nextInt(0x800);
                    case 2 -> 0x2000 + random.nextInt(0x100);
                    default -> 0x10000 + random.nextInt(0x10000);
                };
                if (cp < 0xd800 || cp > 0xdfff) {
                    s.appendCodePoint(cp);
                }
            }
            String text = s.toString();
            for (JsonWriter out : List.of(JsonWriter.compact(), JsonWriter.indented(), JsonWriter.go(false))) {
                out.value(List.of(text));
                assertThat(JsonReader.parse(out.text().getBytes(StandardCharsets.UTF_8))).isEqualTo(List.of(text));
            }
        }
    }

    @Test
    void unknownTypesAreRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Json.write(new Object()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.Object");
        assertThat(compact(new ArrayList<>(Arrays.asList("a", null)))).isEqualTo("[\"a\",null]");
    }
}
