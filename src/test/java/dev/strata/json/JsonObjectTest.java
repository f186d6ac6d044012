package dev.strata.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonObjectTest {
    private static JsonObject object(String json) {
        return Json.object(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void missingAndNullMembersReadAsZeroValues() {
        JsonObject o = object("{\"n\":null,\"unknown\":{\"deep\":[1]}}");
        assertThat(o.string("n")).isNull();
        assertThat(o.string("absent")).isNull();
        assertThat(o.longValue("n")).isZero();
        assertThat(o.intValue("absent")).isZero();
        assertThat(o.bool("n")).isFalse();
        assertThat(o.longOrNull("n")).isNull();
        assertThat(o.strings("n")).isNull();
        assertThat(o.stringMap("absent")).isNull();
        assertThat(o.list("n", JsonObject::members)).isNull();
        assertThat(o.object("absent", JsonObject::members)).isNull();
        assertThat(Json.object("null".getBytes())).isNull();
        assertThatThrownBy(() -> Json.requireObject("null".getBytes())).isInstanceOf(JsonException.class)
                .hasMessage("expected an object, found null");
    }

    @Test
    void listsKeepEmptyAndNullApart() {
        JsonObject o = object("{\"empty\":[],\"strings\":[\"a\",null],\"objects\":[{\"k\":\"v\"},null]}");
        assertThat(o.strings("empty")).isEmpty();
        assertThat(o.strings("strings")).containsExactly("a", null);
        assertThat(o.list("objects", j -> j.string("k"))).containsExactly("v", null);
    }

    @Test
    void integersAcceptAnyIntegralNumber() {
        JsonObject o = object("{\"a\":3,\"b\":3.0,\"c\":1e3,\"d\":9223372036854775807,\"e\":-2147483648}");
        assertThat(o.intValue("a")).isEqualTo(3);
        assertThat(o.intValue("b")).isEqualTo(3);
        assertThat(o.longValue("c")).isEqualTo(1000);
        assertThat(o.longValue("d")).isEqualTo(Long.MAX_VALUE);
        assertThat(o.intValue("e")).isEqualTo(Integer.MIN_VALUE);
    }

    @Test
    void wrongTypesNameTheField() {
        JsonObject o = object("{\"config\":{\"Env\":\"A=1\",\"Cmd\":[\"sh\",1],\"Tty\":\"yes\",\"n\":1.5,"
                + "\"big\":9223372036854775808,\"int\":2147483648,\"list\":[{}, 2]}}");
        JsonObject config = o.object("config");
        assertThatThrownBy(() -> config.strings("Env")).isInstanceOf(JsonException.class)
                .hasMessage("config.Env: expected an array of strings, found a string");
        assertThatThrownBy(() -> config.strings("Cmd")).hasMessage("config.Cmd[1]: expected a string, found the number 1");
        assertThatThrownBy(() -> config.bool("Tty")).hasMessage("config.Tty: expected a boolean, found a string");
        assertThatThrownBy(() -> config.longValue("n")).hasMessage("config.n: expected an integer, found the number 1.5");
        assertThatThrownBy(() -> config.longValue("big"))
                .hasMessage("config.big: 9223372036854775808 is out of range for a 64-bit integer");
        assertThatThrownBy(() -> config.intValue("int"))
                .hasMessage("config.int: 2147483648 is out of range for a 32-bit integer");
        assertThatThrownBy(() -> config.list("list", JsonObject::members))
                .hasMessage("config.list[1]: expected an object, found the number 2");
        assertThatThrownBy(() -> o.object("config").object("Env")).hasMessage("config.Env: expected an object, found a string");
        assertThatThrownBy(() -> Json.object("[]".getBytes())).hasMessage("expected an object, found an array");
    }

    @Test
    void mapsKeepMemberOrder() {
        JsonObject o = object("{\"m\":{\"z\":\"1\",\"a\":\"2\"},\"ports\":{\"80/tcp\":{},\"53/udp\":{}}}");
        assertThat(o.stringMap("m").keySet()).containsExactly("z", "a");
        Map<String, Map<String, Object>> ports = o.map("ports", JsonObject::members);
        assertThat(ports.keySet()).containsExactly("80/tcp", "53/udp");
        assertThat(ports.get("80/tcp")).isEmpty();
        assertThat(Json.list("[{\"a\":\"b\"},null]".getBytes(), j -> j.string("a"))).isEqualTo(java.util.Arrays.asList("b", null));
        assertThat(Json.list("null".getBytes(), JsonObject::members)).isNull();
    }
}
