package dev.strata.template;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Parse errors, each captured from {@code docker images --format 'TEMPLATE'} (docker CLI 28.2.2,
 * Go 1.24.3), which prints them after "template parsing error: ".
 */
class TemplateParseTest {

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", quoteCharacter = '~', textBlock = """
            {{foo}} => template: :1: function "foo" not defined
            {{.ID => template: :1: unclosed action
            {{.ID} => template: :1: bad character U+007D '}'
            {{.ID x}} => template: :1: function "x" not defined
            {{ }} => template: :1: missing value for command
            {{end}} => template: :1: unexpected {{end}}
            {{else}} => template: :1: unexpected {{else}}
            {{if .ID}}x => template: :1: unexpected EOF
            {{if}}{{end}} => template: :1: missing value for if
            {{(.ID}} => template: :1: unclosed left paren
            {{.ID)}} => template: :1: unexpected right paren
            {{"abc}} => template: :1: unterminated quoted string
            {{`abc}} => template: :1: unterminated raw quoted string
            {{3x}} => template: :1: bad number syntax: "3x"
            {{$x := 1}}{{$x.}} => template: :1: unexpected <.> in operand
            {{range $a, $b, $c := .}}{{end}} => template: :1: too many declarations in range
            {{with $x, $y := .}}{{end}} => template: :1: too many declarations in with
            {{.ID | 3}} => template: :1: non executable command in pipeline stage 2
            {{/* x */ .ID}} => template: :1: comment ends before closing delimiter
            {{"\\z"}} => template: :1: invalid syntax
            {{1.2.3}} => template: :1: unexpected ".3" in operand
            {{template .ID}} => template: :1: unexpected ".ID" in template clause
            {{.ID := 3}} => template: :1: unexpected ":=" in operand
            {{#}} => template: :1: unexpected "#" in command
            """)
    void goParseErrorsAsDockerPrintsThem(String text, String message) {
        String template = text.replace("\\\\", "\\");
        assertThatThrownBy(() -> Template.parse(template)).isInstanceOf(TemplateException.class).hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", quoteCharacter = '~', textBlock = """
            {{break}} => template: :1: {{break}} outside {{range}}
            {{range .}}{{continue 1}}{{end}} => template: :1: unexpected "1" in {{continue}}
            {{$x}} => template: :1: undefined variable "$x"
            {{if 1}}{{$y := 2}}{{end}}{{$y}} => template: :1: undefined variable "$y"
            {{/* open => template: :1: unclosed comment
            {{.A}}{{else if 1}} => template: :1: unexpected {{else}}
            {{if 1}}{{else}}{{else}}{{end}} => template: :1: expected end; found {{else}}
            {{define "x"}}a => template: :1: unexpected EOF
            {{'ab'}} => template: :1: malformed character constant: 'ab'
            {{99999999999999999999}} => template: :1: integer overflow: "99999999999999999999"
            {{nil.X}} => template: :1: unexpected . after term "nil"
            {{range $i, 3}}{{end}} => template: :1: range can only initialize variables
            """)
    void otherGoParseErrors(String text, String message) {
        assertThatThrownBy(() -> Template.parse(text)).isInstanceOf(TemplateException.class).hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", quoteCharacter = '~', textBlock = """
            ~a\n{{foo}}~ => template: :2: function "foo" not defined
            ~{{.A\n.B x}}~ => template: :2: function "x" not defined
            ~{{if 1}}\n\n{{end x}}~ => template: :3: unexpected "x" in end
            """)
    void errorsNameTheLine(String text, String message) {
        String template = text.replace("\\n", "\n");
        assertThatThrownBy(() -> Template.parse(template)).hasMessage(message);
    }
}
