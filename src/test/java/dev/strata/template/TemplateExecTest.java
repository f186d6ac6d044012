package dev.strata.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TemplateExecTest {

    record Config(List<String> Entrypoint, Map<String, String> Labels, Config Healthcheck, List<String> Env) {
    }

    record Image(String Id, long Size, List<String> RepoTags, Config Config, Optional<String> Parent) {
        public String Short() {
            return Id.substring(0, 4);
        }

        public String Label(String key) {
            return Config.Labels().getOrDefault(key, "");
        }

        public String Fail() {
            throw new IllegalStateException("no such thing");
        }
    }

    private static final Image IMAGE = new Image("b6cd2be1774b", 1982373L, List.of("bbtest:1", "x:y"),
            new Config(null, Map.of("maintainer", "me"), null, List.of()), Optional.empty());

    private static String render(String template, Object data) {
        return Template.parse(template).render(data);
    }

    private static Map<String, Object> map(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void textAndFields() {
        assertThat(render("id={{.Id}} size={{.Size}}", IMAGE)).isEqualTo("id=b6cd2be1774b size=1982373");
        assertThat(render("{{.Config.Labels.maintainer}}", IMAGE)).isEqualTo("me");
        assertThat(render("{{.Short}} {{.Label \"maintainer\"}}", IMAGE)).isEqualTo("b6cd me");
        assertThat(render("{{.}}", "plain")).isEqualTo("plain");
        assertThat(render("{{$}}", 42)).isEqualTo("42");
    }

    @Test
    void nilsPrintAsGoPrintsThem() {
        // docker image inspect bbtest:1 --format '{{.Config.Entrypoint}}|{{.Config.Healthcheck}}|{{.Config.Labels}}|...'
        // printed []|<nil>|map[]|[]
        Image bare = new Image("x", 0, null, new Config(null, null, null, null), Optional.empty());
        assertThat(render("{{.Config.Entrypoint}}|{{.Config.Healthcheck}}|{{.Config.Labels}}|{{.Config.Env}}", bare))
                .isEqualTo("[]|<nil>|map[]|[]");
        // docker image inspect --format '{{json .Config.Entrypoint}}|{{json .Config.Labels}}' printed null|null
        assertThat(render("{{json .Config.Entrypoint}}|{{json .Config.Labels}}", bare)).isEqualTo("null|null");
        // docker image inspect --format '{{.Config.Labels.x.y}}' printed <no value>
        assertThat(render("{{.Config.Labels.x.y}}", IMAGE)).isEqualTo("<no value>");
        assertThat(render("{{.Parent}}", IMAGE)).isEqualTo("<nil>");
        assertThat(render("{{.missing}}|{{.present}}", map("present", null))).isEqualTo("<no value>|<no value>");
        assertThat(render("{{.}}", null)).isEqualTo("<no value>");
        assertThat(render("{{print .missing}}|{{printf \"%s\" .missing}}", map())).isEqualTo("<nil>|%!s(<nil>)");
    }

    @Test
    void indexOfAMissingLabelIsEmptyAsForGoStringMaps() {
        // docker image inspect bbtest:1 --format '{{index .Config.Labels "x"}}|{{.Config.Labels.x}}' printed |<no value>
        assertThat(render("{{index .Config.Labels \"x\"}}|{{.Config.Labels.x}}", IMAGE)).isEqualTo("|<no value>");
        assertThat(render("{{index . \"x\"}}", map("a", 1))).isEqualTo("<no value>");
    }

    @Test
    void truthIsGos() {
        String t = "{{if .}}T{{else}}F{{end}}";
        for (Object falsy : Arrays.asList(null, "", 0, 0L, 0.0, false, List.of(), Map.of(), new int[0])) {
            assertThat(render(t, falsy)).as(String.valueOf(falsy)).isEqualTo("F");
        }
        for (Object truthy : List.of("a", 1, -1L, 0.5, true, List.of(0), Map.of("", ""), new int[1], IMAGE)) {
            assertThat(render(t, truthy)).as(String.valueOf(truthy)).isEqualTo("T");
        }
    }

    @Test
    void ifElseChainsAndWith() {
        String t = "{{if eq . 1}}one{{else if eq . 2}}two{{else}}many{{end}}";
        assertThat(render(t, 1)).isEqualTo("one");
        assertThat(render(t, 2)).isEqualTo("two");
        assertThat(render(t, 3)).isEqualTo("many");
        assertThat(render("{{with .Config.Labels}}{{.maintainer}}{{else}}none{{end}}", IMAGE)).isEqualTo("me");
        assertThat(render("{{with .x}}{{.}}{{else with .y}}y={{.}}{{else}}none{{end}}", map("y", 2))).isEqualTo("y=2");
        assertThat(render("{{with $v := .Id}}{{$v}}{{end}}", IMAGE)).isEqualTo("b6cd2be1774b");
    }

    @Test
    void rangeOverListsMapsAndInts() {
        // docker image inspect --format '{{range $i, $e := .RepoTags}}{{$i}}={{$e}},{{end}}'
        assertThat(render("{{range $i, $e := .RepoTags}}{{$i}}={{$e}},{{end}}", IMAGE)).isEqualTo("0=bbtest:1,1=x:y,");
        Map<String, Integer> unordered = new HashMap<>(Map.of("zeta", 1, "alpha", 2, "mid", 3));
        assertThat(render("{{range $k, $v := .}}{{$k}}:{{$v}} {{end}}", unordered)).isEqualTo("alpha:2 mid:3 zeta:1 ");
        assertThat(render("{{range .}}[{{.}}]{{end}}", new String[] {"a", "b"})).isEqualTo("[a][b]");
        assertThat(render("{{range 3}}{{.}}{{end}}", null)).isEqualTo("012");
        assertThat(render("{{range .}}x{{else}}empty{{end}}", List.of())).isEqualTo("empty");
        assertThat(render("{{range .nothing}}x{{else}}empty{{end}}", map())).isEqualTo("empty");
        assertThat(render("{{range .}}{{if eq . 3}}{{break}}{{end}}{{if eq . 1}}{{continue}}{{end}}{{.}}{{end}}",
                List.of(0, 1, 2, 3, 4))).isEqualTo("02");
        assertThat(render("{{$n := 0}}{{range .}}{{$n = .}}{{end}}{{$n}}", List.of(5, 6))).isEqualTo("6");
        assertThat(render("{{range $x := .}}{{$x}}{{end}}", List.of("p", "q"))).isEqualTo("pq");
    }

    @Test
    void trimMarkersAndComments() {
        assertThat(render("a  {{- /* gone */ -}}  b", null)).isEqualTo("ab");
        assertThat(render("{{- 3 -}}\n  x  {{- 4}}", null)).isEqualTo("3x4");
        assertThat(render("{{-3}}", null)).isEqualTo("-3");
        assertThat(render("a {{/* c */}} b", null)).isEqualTo("a  b");
        assertThat(render("{{range .}}\n  {{- .}}\n{{- end}}", List.of(1, 2))).isEqualTo("12");
    }

    @Test
    void literalsAndPipelines() {
        assertThat(render("{{\"a\\tb\"}}|{{`raw\\t`}}|{{'a'}}|{{0x1F}}|{{1e3}}|{{1.5}}|{{true}}", null))
                .isEqualTo("a\tb|raw\\t|97|31|1000|1.5|true");
        assertThat(render("{{.Id | printf \"%s-x\" | upper}}", IMAGE)).isEqualTo("B6CD2BE1774B-X");
        assertThat(render("{{(index .RepoTags 1)}} {{(.Config).Labels.maintainer}}", IMAGE)).isEqualTo("x:y me");
        assertThat(render("{{$x := 1}}{{$x = 2}}{{$x}}", null)).isEqualTo("2");
    }

    @Test
    void defineTemplateAndBlock() {
        assertThat(render("{{define \"t\"}}[{{.}}]{{end}}{{template \"t\" .Id}}{{template \"t\"}}", IMAGE))
                .isEqualTo("[b6cd2be1774b][<no value>]");
        assertThat(render("{{block \"b\" .Size}}<{{.}}>{{end}}", IMAGE)).isEqualTo("<1982373>");
    }

    @Test
    void builtins() {
        assertThat(render("{{and 1 0 2}}|{{or 0 \"\" \"z\"}}|{{not 0}}|{{and 1 2}}|{{or 0 \"\"}}", null))
                .isEqualTo("0|z|true|2|");
        assertThat(render("{{len .Id}} {{slice .Id 1 3}} {{index .Id 1}} {{len .RepoTags}}", IMAGE))
                .isEqualTo("12 6c 54 2");
        assertThat(render("{{len \"é\"}} {{slice .RepoTags 1}} {{index .RepoTags 0}}", IMAGE))
                .isEqualTo("2 [x:y] bbtest:1");
        assertThat(render("{{eq .Size 1982373}} {{eq 1 2 1}} {{ne \"a\" \"b\"}} {{lt 1 2}} {{le 2 2}} {{gt 1.5 2.5}} {{ge \"b\" \"a\"}}",
                IMAGE)).isEqualTo("true true true true true false true");
        assertThat(render("{{eq .missing \"a\"}}", map())).isEqualTo("false");
        assertThat(render("{{html \"<a href='x'>&\"}} {{urlquery \"a b&c\"}} {{js \"it's <\"}}", null))
                .isEqualTo("&lt;a href=&#39;x&#39;&gt;&amp; a+b%26c it\\'s \\u003C");
    }

    @Test
    void dockerFunctions() {
        assertThat(render("{{join .RepoTags \", \"}}", IMAGE)).isEqualTo("bbtest:1, x:y");
        assertThat(render("{{split \"a/b//c\" \"/\"}} {{len (split \"\" \",\")}}", null)).isEqualTo("[a b  c] 1");
        assertThat(render("{{title \"hello wide-world_x 1a\"}}", null)).isEqualTo("Hello Wide-World_x 1a");
        assertThat(render("{{lower \"ÀB\"}} {{upper \"straße\"}}", null)).isEqualTo("àb STRAßE");
        assertThat(render("[{{pad \"x\" 1 2}}][{{pad \"\" 1 2}}]", null)).isEqualTo("[ x  ][]");
        assertThat(render("{{truncate \"abcdef\" 3}} {{truncate \"ab\" 3}}", null)).isEqualTo("abc ab");
    }

    @Test
    void jsonFunctionIsGoEncodingJson() {
        Map<String, Object> data = new TreeMap<>(Map.of("b", List.of(1, 2.5, 3.0), "a", "<&>", "c", Map.of("z", true)));
        assertThat(render("{{json .}}", data)).isEqualTo("{\"a\":\"<&>\",\"b\":[1,2.5,3],\"c\":{\"z\":true}}");
        // records by component order, like Go structs by field order
        assertThat(render("{{json .Config}}", IMAGE))
                .isEqualTo("{\"Entrypoint\":null,\"Labels\":{\"maintainer\":\"me\"},\"Healthcheck\":null,\"Env\":[]}");
        assertThat(render("{{json .}}", "line\u2028\u001b")).isEqualTo("\"line\\u2028\\u001b\"");
        assertThat(render("{{json .}}", List.of(1e21, 1e-7, 0.000001))).isEqualTo("[1e+21,1e-7,0.000001]");
    }

    @Test
    void valuesPrintLikeGoFmtV() {
        assertThat(render("{{.}}", List.of("a", 1, List.of(true)))).isEqualTo("[a 1 [true]]");
        assertThat(render("{{.}}", new TreeMap<>(Map.of("b", 2, "a", 1)))).isEqualTo("map[a:1 b:2]");
        assertThat(render("{{.Config}}", IMAGE)).isEqualTo("{[] map[maintainer:me] <nil> []}");
        assertThat(render("{{.}}", 1.0)).isEqualTo("1");
        assertThat(render("{{.}}", 1234567.0)).isEqualTo("1.234567e+06");
        assertThat(render("{{.}}", new ArrayList<>(Arrays.asList("x", null)))).isEqualTo("[x <nil>]");
    }

    @Test
    void executionErrorsNameLineColumnNodeAndType() {
        // docker images --format '{{.Foo}}' → ... at <.Foo>: can't evaluate field Foo in type *formatter.imageContext
        assertThatThrownBy(() -> render("{{.Foo}}", IMAGE)).isInstanceOf(TemplateException.class)
                .hasMessage("template: :1:2: executing \"\" at <.Foo>: can't evaluate field Foo in type template.Image");
        // docker images --format '{{.ID.Foo}}'
        assertThatThrownBy(() -> render("{{.Id.Foo}}", IMAGE))
                .hasMessage("template: :1:5: executing \"\" at <.Id.Foo>: can't evaluate field Foo in type string");
        // docker image inspect --format 'ab\n{{ "é" }}{{.RepoTags.Foo}}': the column counts bytes
        assertThatThrownBy(() -> render("ab\n{{ \"é\" }}{{.RepoTags.Foo}}", IMAGE)).hasMessage(
                "template: :2:21: executing \"\" at <.RepoTags.Foo>: can't evaluate field Foo in type []interface {}");
        // docker image inspect --format '{{index .RepoTags 99999999999}}'
        assertThatThrownBy(() -> render("{{index .RepoTags 99999999999}}", IMAGE)).hasMessage(
                "template: :1:2: executing \"\" at <index .RepoTags 99999999999>: error calling index: "
                        + "index out of range: 99999999999");
        // docker image inspect --format '{{len 3}}'
        assertThatThrownBy(() -> render("{{len 3}}", IMAGE))
                .hasMessage("template: :1:2: executing \"\" at <len 3>: error calling len: len of type int");
        // docker image inspect --format '{{join .Id ","}}'
        assertThatThrownBy(() -> render("{{join .Id \",\"}}", IMAGE)).hasMessage(
                "template: :1:7: executing \"\" at <.Id>: wrong type for value; expected []string; got string");
        // docker image inspect --format '{{upper 3}}', '{{truncate .Id 1.5}}', '{{pad .Id}}'
        assertThatThrownBy(() -> render("{{upper 3}}", IMAGE))
                .hasMessage("template: :1:8: executing \"\" at <3>: expected string; found 3");
        assertThatThrownBy(() -> render("{{truncate .Id 1.5}}", IMAGE))
                .hasMessage("template: :1:15: executing \"\" at <1.5>: expected integer; found 1.5");
        assertThatThrownBy(() -> render("{{pad .Id}}", IMAGE))
                .hasMessage("template: :1:2: executing \"\" at <pad>: wrong number of args for pad: want 3 got 1");
        // docker image inspect --format '{{lt 1 "a"}}', '{{lt true false}}', '{{eq 1 1.0}}', '{{ne 1 2 3}}'
        assertThatThrownBy(() -> render("{{lt 1 \"a\"}}", IMAGE)).hasMessage(
                "template: :1:2: executing \"\" at <lt 1 \"a\">: error calling lt: incompatible types for comparison");
        assertThatThrownBy(() -> render("{{lt true false}}", IMAGE)).hasMessage(
                "template: :1:2: executing \"\" at <lt true false>: error calling lt: invalid type for comparison");
        assertThatThrownBy(() -> render("{{eq 1 1.0}}", IMAGE)).hasMessage(
                "template: :1:2: executing \"\" at <eq 1 1.0>: error calling eq: incompatible types for comparison");
        assertThatThrownBy(() -> render("{{ne 1 2 3}}", IMAGE))
                .hasMessage("template: :1:2: executing \"\" at <ne>: wrong number of args for ne: want 2 got 3");
        // docker image inspect --format '{{nil}}', '{{3 | printf}}', '{{slice .Id 3 1}}', '{{template "x"}}'
        assertThatThrownBy(() -> render("{{nil}}", IMAGE))
                .hasMessage("template: :1:2: executing \"\" at <nil>: nil is not a command");
        assertThatThrownBy(() -> render("{{3 | printf}}", IMAGE))
                .hasMessage("template: :1:6: executing \"\" at <printf>: wrong type for value; expected string; got int");
        assertThatThrownBy(() -> render("{{slice .Id 3 1}}", IMAGE)).hasMessage(
                "template: :1:2: executing \"\" at <slice .Id 3 1>: error calling slice: invalid slice index: 3 > 1");
        assertThatThrownBy(() -> render("{{template \"x\"}}", IMAGE))
                .hasMessage("template: :1:11: executing \"\" at <{{template \"x\"}}>: template \"x\" not defined");
        // docker images --format '{{"a" .ID}}'
        assertThatThrownBy(() -> render("{{\"a\" .Id}}", IMAGE)).hasMessage(
                "template: :1:2: executing \"\" at <\"a\">: can't give argument to non-function \"a\"");
        // docker image inspect --format '{{.Id 1}}' on the raw JSON map
        assertThatThrownBy(() -> render("{{.Id 1}}", map("Id", "x")))
                .hasMessage("template: :1:2: executing \"\" at <.Id>: Id is not a method but has arguments");
    }

    @Test
    void moreExecutionErrors() {
        assertThatThrownBy(() -> render("{{.Fail}}", IMAGE)).hasMessage(
                "template: :1:2: executing \"\" at <.Fail>: error calling Fail: no such thing");
        assertThatThrownBy(() -> render("{{.Config.Healthcheck.Env}}", IMAGE)).hasMessage(
                "template: :1:9: executing \"\" at <.Config.Healthcheck.Env>: "
                        + "nil pointer evaluating *template.Config.Env");
        assertThatThrownBy(() -> render("{{.a.b}}", map("a", null))).hasMessage(
                "template: :1:4: executing \"\" at <.a.b>: nil pointer evaluating interface {}.b");
        assertThatThrownBy(() -> render("{{range .}}{{end}}", "abc"))
                .hasMessage("template: :1:8: executing \"\" at <.>: range can't iterate over abc");
        assertThatThrownBy(() -> render("{{upper .x}}", map()))
                .hasMessage("template: :1:8: executing \"\" at <.x>: invalid value; expected string");
        assertThatThrownBy(() -> render("{{index . 5}}", List.of(1)))
                .hasMessage("template: :1:2: executing \"\" at <index . 5>: error calling index: index out of range: 5");
        assertThatThrownBy(() -> render("{{eq . .}}", List.of(1))).hasMessage(
                "template: :1:2: executing \"\" at <eq . .>: error calling eq: non-comparable type [1]: []interface {}");
    }

    @Test
    void missingKeyErrorOption() {
        Template template = Template.parse("{{.Nope}}").option("missingkey=error");
        // docker image inspect bbtest:1 --format '{{.Nope}}' (raw JSON fallback, missingkey=error)
        assertThatThrownBy(() -> template.render(map("Id", "x")))
                .hasMessage("template: :1:2: executing \"\" at <.Nope>: map has no entry for key \"Nope\"");
        assertThat(Template.parse("{{.Nope}}").render(map())).isEqualTo("<no value>");
    }

    @Test
    void outputBeforeAnErrorIsKeptAsInGo() {
        StringBuilder out = new StringBuilder();
        assertThatThrownBy(() -> Template.parse("abc{{.Foo}}def").execute(IMAGE, out))
                .isInstanceOf(TemplateException.class);
        assertThat(out).hasToString("abc");
    }

    @Test
    void templateIsReusableAndThreadSafe() throws Exception {
        Template template = Template.parse("{{range .}}{{.}}{{end}}");
        List<Thread> threads = new ArrayList<>();
        List<String> results = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 8; i++) {
            int n = i;
            threads.add(Thread.ofVirtual().start(() -> results.add(template.render(List.of(n, n)))));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(results).containsExactlyInAnyOrder("00", "11", "22", "33", "44", "55", "66", "77");
    }
}
