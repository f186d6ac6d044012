package dev.strata.build.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ShellLexerTest {
    private static final Map<String, String> ENV = new HashMap<>();

    static {
        ENV.put("PWD", "/home");
        ENV.put("SHELL", "bash");
        ENV.put("EMPTY", "");
        ENV.put("SPACED", "a  b c");
        ENV.put("FILE", "archive.tar.gz");
        ENV.put("PATHV", "/usr/local/bin/app");
        ENV.put("STAR", "*");
        ENV.put("_under9", "u");
    }

    private static final ShellLexer LEXER = new ShellLexer('\\');
    private static final ShellLexer BACKTICK = new ShellLexer('`');

    private static String word(String text) {
        return LEXER.expandWord(text, Variables.of(ENV));
    }

    static Stream<Arguments> words() {
        return Stream.of(
                // plain text, quotes, escapes
                Arguments.of("hello", "hello"),
                Arguments.of("he said 'hi'", "he said hi"),
                Arguments.of("'$PWD is literal'", "$PWD is literal"),
                Arguments.of("\"$PWD is expanded\"", "/home is expanded"),
                Arguments.of("\"it's\"", "it's"),
                Arguments.of("'say \"hi\"'", "say \"hi\""),
                Arguments.of("a\\ b", "a b"),
                Arguments.of("\\$PWD", "$PWD"),
                Arguments.of("\\\\", "\\"),
                Arguments.of("trailing\\", "trailing"),
                Arguments.of("\\'quoted\\'", "'quoted'"),
                Arguments.of("\"a\\\"b\"", "a\"b"),
                Arguments.of("\"\\$PWD\"", "$PWD"),
                Arguments.of("\"\\\\\"", "\\"),
                Arguments.of("\"\\n stays\"", "\\n stays"),
                Arguments.of("'\\n stays'", "\\n stays"),
                Arguments.of("\"\"", ""),
                Arguments.of("x''y", "xy"),
                // $name and ${name}
                Arguments.of("$PWD", "/home"),
                Arguments.of("${PWD}", "/home"),
                Arguments.of("$PWD/bin", "/home/bin"),
                Arguments.of("${PWD}x", "/homex"),
                Arguments.of("$PWDx", ""),
                Arguments.of("$_under9!", "u!"),
                Arguments.of("$UNSET", ""),
                Arguments.of("${UNSET}", ""),
                Arguments.of("a$UNSET-b", "a-b"),
                Arguments.of("$", "$"),
                Arguments.of("a$ b", "a$ b"),
                Arguments.of("$/x", "$/x"),
                Arguments.of("$1", ""),
                Arguments.of("$12x", "x"),
                Arguments.of("$@", ""),
                Arguments.of("$$", ""),
                Arguments.of("${SPACED}", "a  b c"),
                // ${v:-w} and ${v-w}
                Arguments.of("${PWD:-def}", "/home"),
                Arguments.of("${UNSET:-def}", "def"),
                Arguments.of("${EMPTY:-def}", "def"),
                Arguments.of("${PWD-def}", "/home"),
                Arguments.of("${UNSET-def}", "def"),
                Arguments.of("${EMPTY-def}", ""),
                Arguments.of("${UNSET:-$PWD/x}", "/home/x"),
                Arguments.of("${UNSET:-${SHELL:-sh}}", "bash"),
                Arguments.of("${UNSET:-'a b'}", "a b"),
                Arguments.of("${UNSET:-\"}\"}", "}"),
                Arguments.of("${UNSET:-}", ""),
                // ${v:+w} and ${v+w}
                Arguments.of("${PWD:+alt}", "alt"),
                Arguments.of("${UNSET:+alt}", ""),
                Arguments.of("${EMPTY:+alt}", ""),
                Arguments.of("${PWD+alt}", "alt"),
                Arguments.of("${UNSET+alt}", ""),
                Arguments.of("${EMPTY+alt}", "alt"),
                // ${v:?msg} and ${v?msg} when set
                Arguments.of("${PWD:?must be set}", "/home"),
                Arguments.of("${PWD?must be set}", "/home"),
                Arguments.of("${EMPTY?must be set}", ""),
                // ${v#p} ${v##p} ${v%p} ${v%%p}
                Arguments.of("${FILE#*.}", "tar.gz"),
                Arguments.of("${FILE##*.}", "gz"),
                Arguments.of("${FILE%.*}", "archive.tar"),
                Arguments.of("${FILE%%.*}", "archive"),
                Arguments.of("${PATHV##*/}", "app"),
                Arguments.of("${PATHV%/*}", "/usr/local/bin"),
                Arguments.of("${PATHV#/usr}", "/local/bin/app"),
                Arguments.of("${FILE#nomatch}", "archive.tar.gz"),
                Arguments.of("${FILE%gz}", "archive.tar."),
                Arguments.of("${FILE#a?c}", "hive.tar.gz"),
                Arguments.of("${FILE#[a-c]*r}", "chive.tar.gz"),
                Arguments.of("${FILE##[a-c]*r}", ".gz"),
                Arguments.of("${FILE%[!z]z}", "archive.tar."),
                Arguments.of("${STAR#\\*}", ""),
                Arguments.of("${FILE#\\*}", "archive.tar.gz"),
                Arguments.of("${UNSET#x}", ""),
                Arguments.of("${FILE#}", "archive.tar.gz"),
                Arguments.of("${FILE#$UNSET}", "archive.tar.gz"),
                Arguments.of("${FILE%.${UNSET:-gz}}", "archive.tar"));
    }

    @ParameterizedTest
    @MethodSource
    void words(String input, String expected) {
        assertThat(word(input)).isEqualTo(expected);
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("${", "syntax error: missing '}'"),
                Arguments.of("${PWD", "syntax error: missing '}'"),
                Arguments.of("${PWD:-x", "syntax error: missing '}'"),
                Arguments.of("${}", "syntax error: bad substitution"),
                Arguments.of("${:x}", "syntax error: bad substitution"),
                Arguments.of("${{x}}", "syntax error: bad substitution"),
                Arguments.of("${PWD x}", "unsupported modifier ( ) in substitution"),
                Arguments.of("${PWD:x}", "unsupported modifier (:x) in substitution"),
                Arguments.of("${PWD:#x}", "unsupported modifier (:#) in substitution"),
                Arguments.of("${PWD:%x}", "unsupported modifier (:%) in substitution"),
                Arguments.of("${PWD/a/b}", "unsupported modifier (/) in substitution"),
                Arguments.of("${UNSET:?}", "UNSET: is not allowed to be unset"),
                Arguments.of("${EMPTY:?}", "EMPTY: is not allowed to be empty"),
                Arguments.of("${UNSET?}", "UNSET: is not allowed to be unset"),
                Arguments.of("${UNSET:?give UNSET a value}", "UNSET: give UNSET a value"),
                Arguments.of("${EMPTY:?needs content}", "EMPTY: needs content"),
                Arguments.of("'open", "unexpected end of statement while looking for matching single-quote"),
                Arguments.of("\"open", "unexpected end of statement while looking for matching double-quote"),
                Arguments.of("\"$PWD", "unexpected end of statement while looking for matching double-quote"));
    }

    @ParameterizedTest
    @MethodSource
    void errors(String input, String message) {
        assertThatThrownBy(() -> word(input))
                .isInstanceOf(ShellExpansionException.class)
                .hasMessage(message);
    }

    @Test
    void wordSplittingSplitsUnquotedValuesAndKeepsQuotedOnes() {
        Variables vars = Variables.of(ENV);
        assertThat(LEXER.expandWords("80 443/tcp", vars)).containsExactly("80", "443/tcp");
        assertThat(LEXER.expandWords("$SPACED", vars)).containsExactly("a", "b", "c");
        assertThat(LEXER.expandWords("\"$SPACED\" x", vars)).containsExactly("a  b c", "x");
        assertThat(LEXER.expandWords("'a b' c\\ d", vars)).containsExactly("a b", "c d");
        assertThat(LEXER.expandWords("  lead   trail  ", vars)).containsExactly("lead", "trail");
        assertThat(LEXER.expandWords("x$UNSET y", vars)).containsExactly("x", "y");
        assertThat(LEXER.expandWords("a \"\" b", vars)).containsExactly("a", "b");
        assertThat(LEXER.expandWords("pre${SPACED}post", vars)).containsExactly("prea", "b", "cpost");
    }

    @Test
    void expandWordKeepsWhitespaceInOneWord() {
        assertThat(word("  two   spaces ")).isEqualTo("  two   spaces ");
        assertThat(word("$SPACED")).isEqualTo("a  b c");
    }

    @Test
    void backtickIsTheEscapeCharacterUnderTheEscapeDirective() {
        Variables vars = Variables.of(ENV);
        assertThat(BACKTICK.expandWord("C:\\Users\\$SHELL", vars)).isEqualTo("C:\\Users\\bash");
        assertThat(BACKTICK.expandWord("`$SHELL", vars)).isEqualTo("$SHELL");
        assertThat(BACKTICK.expandWord("a` b", vars)).isEqualTo("a b");
        assertThat(BACKTICK.expandWord("\"q`\"q\"", vars)).isEqualTo("q\"q");
        assertThat(BACKTICK.expandWord("\"c:\\dir\"", vars)).isEqualTo("c:\\dir");
        assertThat(BACKTICK.expandWords("a` b c", vars)).containsExactly("a b", "c");
    }

    @Test
    void heredocBodiesKeepQuotesAndExpandVariables() {
        Variables vars = Variables.of(ENV);
        assertThat(LEXER.expandHeredoc("echo \"$SHELL\" '${PWD}'\n", vars)).isEqualTo("echo \"bash\" '/home'\n");
        assertThat(LEXER.expandHeredoc("cost: \\$5 \\\\ \\n\n", vars)).isEqualTo("cost: $5 \\ \\n\n");
        assertThat(LEXER.expandHeredoc("${UNSET:-default}", vars)).isEqualTo("default");
    }

    @Test
    void splitWordsKeepsQuotesEscapesAndVariables() {
        assertThat(LEXER.splitWords("RUN cat <<\"EOF\" > $OUT 'a b' c\\ d"))
                .containsExactly("RUN", "cat", "<<\"EOF\"", ">", "$OUT", "'a b'", "c\\ d");
    }

    @Test
    void removeQuotesLeavesVariablesAlone() {
        assertThat(LEXER.removeQuotes("\"E\"O'F'")).isEqualTo("EOF");
        assertThat(LEXER.removeQuotes("$X")).isEqualTo("$X");
    }

    @Test
    void rejectsOtherEscapeCharacters() {
        assertThatThrownBy(() -> new ShellLexer('x'))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("escape character must be \\ or `, not x");
    }

    @Test
    void variablesNoneHasNothingSet() {
        assertThat(LEXER.expandWords("${A:-x} $B", Variables.none())).isEqualTo(List.of("x"));
    }
}
