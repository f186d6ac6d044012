package dev.strata.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * printf, print and println against Go's fmt. The expected strings were captured with
 * {@code docker image inspect bbtest:1 --format '...'} (docker CLI 28.2.2, built with Go 1.24.3).
 */
class PrintfTest {

    record Rootfs(String Type, List<String> Layers) {
    }

    private static String render(String template) {
        return Template.parse(template).render(Map.of("RootFS", new Rootfs("layers", List.of("sha256:d8af")),
                "Size", 1982373L));
    }

    @Test
    void integersStringsAndFloats() {
        assertThat(render("{{printf \"%05s|%-5d|%+d|%x|%X|%o|%b|%c|%U|%#U|%e|%g|%.2f|%8.3f|%-8.3f|%08.3f|% d|%+.1e\" "
                + "\"ab\" 42 42 255 255 8 5 65 65 65 1234.5678 1234.5678 3.14159 3.14159 3.14159 -3.14159 5 12345.678}}"))
                .isEqualTo("000ab|42   |+42|ff|FF|10|101|A|U+0041|U+0041 'A'|1.234568e+03|1234.5678|3.14|   3.142|"
                        + "3.142   |-003.142| 5|+1.2e+04");
    }

    @Test
    void badVerbsQuotingAndRoundingHalfToEven() {
        assertThat(render("{{printf \"%d|%s|%v|%t|%q|%x|% x|%#x|%5.1q|%.0f|%.2f|%.1f\" "
                + "\"s\" 5 nil 1 \"a\\tb\" \"hi\" \"hi\" \"hi\" \"hello\" 2.5 0.125 0.05}}"))
                .isEqualTo("%!d(string=s)|%!s(int=5)|<nil>|%!t(int=1)|\"a\\tb\"|6869|68 69|0x6869|  \"h\"|2|0.12|0.1");
    }

    @Test
    void floatsInVerbV() {
        assertThat(render("{{printf \"%v %v %v %v %v %v %v\" 1e6 123456.0 1e21 0.0001 0.00001 1.5 -0.0}}"))
                .isEqualTo("1e+06 123456 1e+21 0.0001 1e-05 1.5 -0");
        assertThat(render("{{printf \"%6.2v|%x|%q|%v\" 3.14159 -255 65 true}}")).isEqualTo("   3.1|-ff|'A'|true");
    }

    @Test
    void missingExtraAndMalformedDirectives() {
        assertThat(render("{{printf \"%d %d\"}}|{{printf \"%d\" 1 2 \"x\"}}|{{printf \"%\"}}|{{printf \"%z\" 3}}|"
                + "{{printf \"%[2]d %[1]d\" 1 2}}|{{printf \"%*d|%-*d|\" 5 1 4 2}}"))
                .isEqualTo("%!d(MISSING) %!d(MISSING)|1%!(EXTRA int=2, string=x)|%!(NOVERB)|%!z(int=3)|2 1|    1|2   |");
    }

    @Test
    void printPrintlnAndStructs() {
        assertThat(render("{{print 1 2 \"a\" \"b\" 3 nil}}|{{println 1 \"a\" 2}}"))
                .isEqualTo("1 2ab3 <nil>|1 a 2\n");
        assertThat(render("{{printf \"%v|%+v|%s|%d\" .RootFS .RootFS .RootFS.Layers .Size}}"))
                .isEqualTo("{layers [sha256:d8af]}|{Type:layers Layers:[sha256:d8af]}|[sha256:d8af]|1982373");
        assertThat(render("{{printf \"%T %T %T %T %T %T\" 1 1.5 \"s\" true nil .Size}}"))
                .isEqualTo("int float64 string bool <nil> int64");
    }
}
