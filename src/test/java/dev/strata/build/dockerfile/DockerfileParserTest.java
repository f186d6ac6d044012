package dev.strata.build.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.build.dockerfile.Arguments.Healthcheck;
import dev.strata.build.dockerfile.Arguments.JsonArray;
import dev.strata.build.dockerfile.Arguments.KeyValue;
import dev.strata.build.dockerfile.Arguments.None;
import dev.strata.build.dockerfile.Arguments.Pairs;
import dev.strata.build.dockerfile.Arguments.Text;
import dev.strata.build.dockerfile.Arguments.Trigger;
import dev.strata.build.dockerfile.Arguments.Words;
import dev.strata.build.instruction.BuildArguments;
import dev.strata.build.instruction.EnvInstruction;
import dev.strata.build.instruction.InstructionParser;
import dev.strata.build.instruction.VariableScope;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerfileParserTest {

    private static Dockerfile parse(String text) {
        return DockerfileParser.parse("Dockerfile", text);
    }

    private static List<InstructionNode> nodes(String text) {
        return parse(text).instructions();
    }

    private static InstructionNode only(String text) {
        List<InstructionNode> nodes = nodes(text);
        assertThat(nodes).hasSize(1);
        return nodes.getFirst();
    }

    private static SourceRange lines(int start, int end) {
        return new SourceRange("Dockerfile", start, end);
    }

    private static void assertError(String text, int line, String detail) {
        assertThatThrownBy(() -> parse(text))
                .isInstanceOf(DockerfileException.class)
                .hasMessage(line > 0 ? "Dockerfile:" + line + ": " + detail : "Dockerfile: " + detail)
                .satisfies(e -> assertThat(((DockerfileException) e).startLine()).isEqualTo(line));
    }

    // ---- directives

    @Test
    void readsEveryDirectiveAtTheTop() {
        Dockerfile file = parse("""
                # syntax=docker/dockerfile:1.7
                #ESCAPE = `
                #  check = skip=JSONArgsRecommended;error=true
                FROM scratch
                """);
        assertThat(file.directives().all()).containsExactly(
                new Directive("syntax", "docker/dockerfile:1.7", 1),
                new Directive("escape", "`", 2),
                new Directive("check", "skip=JSONArgsRecommended;error=true", 3));
        assertThat(file.escape()).isEqualTo('`');
        assertThat(file.directives().syntax()).contains("docker/dockerfile:1.7");
        assertThat(file.directives().check()).contains(new CheckOptions(List.of("JSONArgsRecommended"), false, true));
    }

    @Test
    void directivesAfterAnInstructionCommentOrBlankLineAreComments() {
        assertThat(parse("FROM a\n# escape=`\nRUN x \\\n y\n").directives().all()).isEmpty();
        assertThat(parse("# a comment\n# escape=`\nFROM a\n").escape()).isEqualTo('\\');
        assertThat(parse("\n# escape=`\nFROM a\n").escape()).isEqualTo('\\');
        assertThat(parse("# unknowndirective=x\n# escape=`\nFROM a\n").escape()).isEqualTo('\\');
        assertThat(parse("# escape=`\n\n# syntax=x\nFROM a\n").directives().all())
                .containsExactly(new Directive("escape", "`", 1));
    }

    @Test
    void aDirectiveCannotSpanLines() {
        Dockerfile file = parse("# escape=\\\n# syntax=x\nFROM a\n");
        assertThat(file.directives().all()).containsExactly(
                new Directive("escape", "\\", 1), new Directive("syntax", "x", 2));
    }

    @Test
    void aDirectiveGivenTwiceIsAnError() {
        assertError("# escape=\\\n# escape=`\nFROM a\n", 2,
                "only one escape parser directive can be used (the first is on line 1)");
        assertError("# syntax=a\n# SYNTAX=b\nFROM a\n", 2,
                "only one syntax parser directive can be used (the first is on line 1)");
        assertError("# check=error=true\n# check=skip=all\nFROM a\n", 2,
                "only one check parser directive can be used (the first is on line 1)");
    }

    @Test
    void badDirectiveValuesAreErrors() {
        assertError("# escape=x\nFROM a\n", 1, "invalid escape parser directive 'x': expected \\ or `");
        assertError("# check=skip\nFROM a\n", 1,
                "invalid check option \"skip\": expected skip=RULE,... or error=true|false");
        assertError("# check=error=maybe\nFROM a\n", 1,
                "invalid check option \"error=maybe\": error takes true or false");
        assertError("# check=colour=red\nFROM a\n", 1, "invalid check option \"colour\": expected skip or error");
    }

    @Test
    void checkSkipAll() {
        assertThat(parse("# check=skip=all\nFROM a\n").directives().check())
                .contains(new CheckOptions(List.of(), true, false));
    }

    // ---- lines, comments, continuations

    @Test
    void keywordsAreCaseInsensitiveAndLinesAreRecorded() {
        List<InstructionNode> nodes = nodes("from alpine\n\n  Run   echo  hi  \n");
        assertThat(nodes).containsExactly(
                new InstructionNode("from", List.of(), new Words(List.of("alpine")), List.of(), "from alpine",
                        lines(1, 1)),
                new InstructionNode("Run", List.of(), new Text("echo  hi"), List.of(), "Run   echo  hi",
                        lines(3, 3)));
        assertThat(nodes.get(1).name()).isEqualTo("run");
    }

    @Test
    void continuationsJoinLinesWithoutNewlines() {
        InstructionNode run = only("RUN apt-get update && \\\n    apt-get install -y curl \\  \n && rm -rf /x\n");
        assertThat(run.arguments()).isEqualTo(new Text("apt-get update &&     apt-get install -y curl  && rm -rf /x"));
        assertThat(run.where()).isEqualTo(lines(1, 3));
    }

    @Test
    void commentAndBlankLinesInsideContinuationsAreSkipped() {
        Dockerfile file = parse("FROM a\nRUN one \\\n# comment \\\n   # indented comment\n\n   \\\n two\nCMD x\n");
        assertThat(file.instructions().get(1).arguments()).isEqualTo(new Text("one     two"));
        assertThat(file.instructions().get(1).where()).isEqualTo(lines(2, 7));
        assertThat(file.instructions().get(2).where()).isEqualTo(lines(8, 8));
        assertThat(file.warnings()).containsExactly(new ParseWarning(lines(2, 7),
                "empty continuation line; Docker will reject these in a future release"));
    }

    @Test
    void aCommentEndingInTheEscapeDoesNotContinue() {
        List<InstructionNode> nodes = nodes("FROM a\n# comment \\\nRUN echo hi\n");
        assertThat(nodes).extracting(InstructionNode::original).containsExactly("FROM a", "RUN echo hi");
        assertThat(nodes.get(1).where()).isEqualTo(lines(3, 3));
    }

    @Test
    void aHashInsideALineIsNotAComment() {
        assertThat(only("RUN echo a # b").arguments()).isEqualTo(new Text("echo a # b"));
    }

    @Test
    void aTrailingBackslashAtTheEndOfTheFileEndsTheInstruction() {
        List<InstructionNode> nodes = nodes("FROM a\nRUN echo hi \\");
        assertThat(nodes.get(1).arguments()).isEqualTo(new Text("echo hi"));
        assertThat(nodes.get(1).where()).isEqualTo(lines(2, 2));
        List<InstructionNode> withNewline = nodes("FROM a\nRUN echo hi \\\n");
        assertThat(withNewline.get(1).arguments()).isEqualTo(new Text("echo hi"));
        assertThat(nodes("FROM a\nRUN echo hi \\\n\n\n").get(1).where()).isEqualTo(lines(2, 4));
    }

    /** Docker's parser: a final escape continues only when no escape comes right before it. */
    @Test
    void anEscapedEscapeAtTheEndIsNoContinuation() {
        List<InstructionNode> run = nodes("FROM a\nRUN echo \\\\\nhi");
        assertThat(run).extracting(InstructionNode::keyword).containsExactly("FROM", "RUN", "hi");
        assertThat(run.get(1).arguments()).isEqualTo(new Text("echo \\\\"));
        assertThat(run.get(1).where()).isEqualTo(lines(2, 2));
        assertThat(run.get(2).where()).isEqualTo(lines(3, 3));

        List<InstructionNode> env = nodes("FROM a\nENV C trailing\\\\backslash\\\\\nENV D x\\\\\\\nE=y\n");
        assertThat(env).extracting(InstructionNode::keyword).containsExactly("FROM", "ENV", "ENV", "E=y");
        assertThat(env.get(1).original()).isEqualTo("ENV C trailing\\\\backslash\\\\");
        assertThat(env.get(2).original()).isEqualTo("ENV D x\\\\\\");
    }

    @Test
    void aLoneEscapeOnAContinuationLineStillContinues() {
        assertThat(nodes("FROM a\nRUN echo a \\\n\\\nb").get(1).arguments()).isEqualTo(new Text("echo a b"));
    }

    @Test
    void anEscapedEscapeIsLiteralInTheValue() {
        var plan = InstructionParser.plan(parse("FROM a\nENV C trailing\\\\backslash\\\\\n"));
        var env = (EnvInstruction) plan.stages().getFirst().instructions().getFirst();
        var scope = VariableScope.global(plan,
                BuildArguments.none()).enterStage(Map.of());
        var expanded = (EnvInstruction) scope.apply(env);
        assertThat(expanded.variables().getFirst().value()).isEqualTo("trailing\\backslash\\");
    }

    @Test
    void backtickEscapeForWindowsStyleFiles() {
        Dockerfile file = parse("""
                # escape=`
                FROM mcr.microsoft.com/windows/servercore:ltsc2022
                COPY testfile.txt c:\\
                RUN dir c:\\ `
                    && echo done
                WORKDIR c:\\app\\
                """);
        assertThat(file.instructions()).extracting(InstructionNode::arguments).containsExactly(
                new Words(List.of("mcr.microsoft.com/windows/servercore:ltsc2022")),
                new Words(List.of("testfile.txt", "c:\\")),
                new Text("dir c:\\     && echo done"),
                new Text("c:\\app\\"));
        assertThat(file.instructions().get(2).where()).isEqualTo(lines(4, 5));
    }

    @Test
    void windowsLineEndingsAndAByteOrderMark() {
        Dockerfile file = parse("\uFEFF# escape=`\r\nFROM a\r\nRUN x `\r\n  y\r\n");
        assertThat(file.escape()).isEqualTo('`');
        assertThat(file.instructions().get(1).arguments()).isEqualTo(new Text("x   y"));
    }

    // ---- flags

    @Test
    void flagsComeOffTheFrontWithQuotesRemoved() {
        InstructionNode copy = only("COPY --from=build --chown=\"app user\" --link a b");
        assertThat(copy.flags()).containsExactly("--from=build", "--chown=app user", "--link");
        assertThat(copy.arguments()).isEqualTo(new Words(List.of("a", "b")));
    }

    @Test
    void aDoubleDashEndsTheFlags() {
        InstructionNode run = only("RUN --network=none -- --version");
        assertThat(run.flags()).containsExactly("--network=none");
        assertThat(run.arguments()).isEqualTo(new Text("--version"));
    }

    @Test
    void flagsOnlyAtTheStart() {
        assertThat(only("RUN echo --not-a-flag").flags()).isEmpty();
        assertThat(only("RUN --mount=type=cache,target=/c --mount=type=secret,id=x make").flags())
                .containsExactly("--mount=type=cache,target=/c", "--mount=type=secret,id=x");
    }

    // ---- JSON versus shell form

    @Test
    void jsonFormAndItsFallbackToShellForm() {
        assertThat(only("CMD [\"nginx\", \"-g\", \"daemon off;\"]").arguments())
                .isEqualTo(new JsonArray(List.of("nginx", "-g", "daemon off;")));
        assertThat(only("CMD  [ \"a\\\"b\" , \"\\u00e9\\n\" ]").arguments())
                .isEqualTo(new JsonArray(List.of("a\"b", "é\n")));
        assertThat(only("CMD []").arguments()).isEqualTo(new JsonArray(List.of()));
        assertThat(only("CMD ['single', 'quotes']").arguments()).isEqualTo(new Text("['single', 'quotes']"));
        assertThat(only("CMD [\"unclosed\"").arguments()).isEqualTo(new Text("[\"unclosed\""));
        assertThat(only("CMD [\"a\"] trailing").arguments()).isEqualTo(new Text("[\"a\"] trailing"));
        assertThat(only("ENTRYPOINT [\"a\",]").arguments()).isEqualTo(new Text("[\"a\",]"));
        assertThat(only("RUN [ -f x ] && echo y").arguments()).isEqualTo(new Text("[ -f x ] && echo y"));
        assertThat(only("SHELL [\"pwsh\", \"-c\"]").arguments()).isEqualTo(new JsonArray(List.of("pwsh", "-c")));
        // nesting past the JSON reader's depth limit is no JSON to it: shell form, not a stack overflow
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertThat(only("CMD " + deep).arguments()).isEqualTo(new Text(deep));
    }

    @Test
    void aJsonArrayOfNonStringsIsAnError() {
        String expected = "when using JSON array syntax, arrays must be comprised of strings only";
        assertError("FROM a\nCMD [\"a\", 1]\n", 2, expected);
        assertError("FROM a\nRUN [[\"a\"]]\n", 2, expected);
        assertError("FROM a\nENTRYPOINT [null]\n", 2, expected);
        assertError("FROM a\nCOPY [{\"a\": true}, \"b\"]\n", 2, expected);
    }

    @Test
    void copyAddAndVolumeFallBackToWhitespaceWords() {
        assertThat(only("COPY [\"a b\", \"/c d/\"]").arguments()).isEqualTo(new JsonArray(List.of("a b", "/c d/")));
        assertThat(only("COPY a\tb  c").arguments()).isEqualTo(new Words(List.of("a", "b", "c")));
        assertThat(only("ADD \"a b\" c").arguments()).isEqualTo(new Words(List.of("\"a", "b\"", "c")));
        assertThat(only("VOLUME [\"/data\"]").arguments()).isEqualTo(new JsonArray(List.of("/data")));
        assertThat(only("VOLUME /data /logs").arguments()).isEqualTo(new Words(List.of("/data", "/logs")));
    }

    // ---- argument syntaxes

    @Test
    void envAndLabelPairs() {
        assertThat(only("ENV A=1 B=\"two words\" C='x y' D=a\\ b E=").arguments()).isEqualTo(new Pairs(List.of(
                new KeyValue("A", "1"), new KeyValue("B", "\"two words\""), new KeyValue("C", "'x y'"),
                new KeyValue("D", "a\\ b"), new KeyValue("E", "")), false));
        assertThat(only("ENV PATH /usr/local/bin:$PATH  and more").arguments()).isEqualTo(new Pairs(List.of(
                new KeyValue("PATH", "/usr/local/bin:$PATH  and more")), true));
        assertThat(only("LABEL \"com.example.vendor\"=\"ACME Inc\" version=1.0").arguments()).isEqualTo(
                new Pairs(List.of(new KeyValue("\"com.example.vendor\"", "\"ACME Inc\""),
                        new KeyValue("version", "1.0")), false));
        assertThat(only("LABEL description This text illustrates").arguments()).isEqualTo(new Pairs(List.of(
                new KeyValue("description", "This text illustrates")), true));
        assertThat(only("ENV").arguments()).isEqualTo(new Pairs(List.of(), false));
    }

    @Test
    void envWithoutValueIsAnError() {
        assertError("FROM a\nENV DEBUG\n", 2,
                "ENV DEBUG has no value: expected ENV NAME=VALUE (or the legacy ENV NAME VALUE)");
        assertError("FROM a\nLABEL maintainer\n", 2,
                "LABEL maintainer has no value: expected LABEL NAME=VALUE (or the legacy LABEL NAME VALUE)");
        assertError("FROM a\nENV A=1 B\n", 2, "ENV: cannot find = in \"B\": expected NAME=VALUE");
    }

    @Test
    void argWordsKeepQuotes() {
        assertThat(only("ARG A B=2 C=\"x y\" D=").arguments())
                .isEqualTo(new Words(List.of("A", "B=2", "C=\"x y\"", "D=")));
        assertThat(only("ARG").arguments()).isEqualTo(new None());
    }

    @Test
    void healthcheckSplitsTheType() {
        assertThat(only("HEALTHCHECK --interval=5s CMD curl -f http://localhost/").arguments())
                .isEqualTo(new Healthcheck("CMD", new Text("curl -f http://localhost/")));
        assertThat(only("HEALTHCHECK cmd [\"/bin/check\"]").arguments())
                .isEqualTo(new Healthcheck("cmd", new JsonArray(List.of("/bin/check"))));
        assertThat(only("HEALTHCHECK NONE").arguments()).isEqualTo(new Healthcheck("NONE", new None()));
    }

    @Test
    void onbuildWrapsAnotherInstruction() {
        InstructionNode onbuild = only("ONBUILD COPY --chown=app . /app/src");
        assertThat(onbuild.flags()).isEmpty();
        assertThat(onbuild.arguments()).isEqualTo(new Trigger(new InstructionNode("COPY", List.of("--chown=app"),
                new Words(List.of(".", "/app/src")), List.of(), "COPY --chown=app . /app/src", lines(1, 1))));
    }

    @Test
    void unknownKeywordsAreKeptForTheInstructionLayer() {
        assertThat(only("FORM alpine").arguments()).isEqualTo(new Text("alpine"));
    }

    // ---- heredocs

    @Test
    void runHeredoc() {
        InstructionNode run = nodes("FROM a\nRUN <<EOF\napt-get update\napt-get install -y vim\nEOF\nCMD x\n").get(1);
        assertThat(run.arguments()).isEqualTo(new Text("<<EOF"));
        assertThat(run.heredocs()).containsExactly(new Heredoc("EOF", true, false, 0,
                "apt-get update\napt-get install -y vim\n"));
        assertThat(run.where()).isEqualTo(lines(2, 5));
    }

    @Test
    void severalHeredocsInOneInstructionAreReadInOrder() {
        List<InstructionNode> nodes = nodes("""
                FROM a
                COPY <<one.txt <<'two.txt' /dest/
                first $X
                one.txt
                second $X
                two.txt
                RUN 3<<A cat /dev/fd/3 && python3 <<B
                a
                A
                print("b")
                B
                """);
        assertThat(nodes.get(1).heredocs()).containsExactly(
                new Heredoc("one.txt", true, false, 0, "first $X\n"),
                new Heredoc("two.txt", false, false, 0, "second $X\n"));
        assertThat(nodes.get(1).where()).isEqualTo(lines(2, 6));
        assertThat(nodes.get(2).heredocs()).containsExactly(
                new Heredoc("A", true, false, 3, "a\n"),
                new Heredoc("B", true, false, 0, "print(\"b\")\n"));
        assertThat(nodes.get(2).where()).isEqualTo(lines(7, 11));
    }

    @Test
    void chompedHeredocsStripLeadingTabs() {
        InstructionNode run = only("RUN <<-EOT\n\techo a\n\t\techo b\n  echo c\n\tEOT\n");
        Heredoc heredoc = run.heredocs().getFirst();
        assertThat(heredoc).isEqualTo(new Heredoc("EOT", true, true, 0, "\techo a\n\t\techo b\n  echo c\n"));
        assertThat(heredoc.content()).isEqualTo("echo a\necho b\n  echo c\n");
    }

    @Test
    void quotedDelimitersMeanNoExpansion() {
        assertThat(only("RUN <<\"EOF\"\n$X\nEOF").heredocs().getFirst().expand()).isFalse();
        assertThat(only("RUN <<'EOF'\n$X\nEOF").heredocs().getFirst().expand()).isFalse();
        assertThat(only("RUN <<E\"O\"F\n$X\nEOF").heredocs().getFirst())
                .isEqualTo(new Heredoc("EOF", false, false, 0, "$X\n"));
        assertThat(only("RUN <<EOF\n$X\nEOF").heredocs().getFirst().expand()).isTrue();
    }

    @Test
    void theTerminatorMustBeAloneOnItsLine() {
        InstructionNode run = only("RUN <<EOF\n EOF\nEOF \nEOF\n");
        assertThat(run.heredocs().getFirst().rawContent()).isEqualTo(" EOF\nEOF \n");
    }

    @Test
    void heredocsAfterContinuedLines() {
        InstructionNode run = only("RUN --mount=type=cache,target=/c \\\n  bash <<EOF\necho $HOME\nEOF\n");
        assertThat(run.arguments()).isEqualTo(new Text("bash <<EOF"));
        assertThat(run.heredocs()).containsExactly(new Heredoc("EOF", true, false, 0, "echo $HOME\n"));
        assertThat(run.where()).isEqualTo(lines(1, 4));
    }

    @Test
    void heredocsOnlyForRunCopyAddInShellFormAndOnbuild() {
        assertThat(only("CMD cat <<EOF").heredocs()).isEmpty();
        assertThat(only("RUN [\"cat\", \"<<EOF\"]").heredocs()).isEmpty();
        assertThat(only("RUN echo \"<<EOF\" cat<<EOF").heredocs()).isEmpty();
        assertThat(only("RUN echo a<<b").heredocs()).isEmpty();
        InstructionNode onbuild = only("ONBUILD RUN <<EOF\necho hi\nEOF\n");
        assertThat(onbuild.where()).isEqualTo(lines(1, 3));
        assertThat(((Trigger) onbuild.arguments()).instruction().heredocs())
                .containsExactly(new Heredoc("EOF", true, false, 0, "echo hi\n"));
    }

    @Test
    void heredocBodiesKeepTheirLineEndings() {
        assertThat(only("COPY <<EOF /x\r\na\r\nEOF\r\n").heredocs().getFirst().rawContent()).isEqualTo("a\r\n");
    }

    @Test
    void anUnterminatedHeredocIsAnError() {
        assertError("FROM a\nRUN <<EOF\necho hi\n", 2,
                "unterminated heredoc <<EOF: expected a line \"EOF\" before the end of the file");
        assertError("FROM a\nCOPY <<A <<B /\nx\nA\ny\n", 2,
                "unterminated heredoc <<B: expected a line \"B\" before the end of the file");
        assertThatThrownBy(() -> parse("FROM a\nRUN <<EOF\necho hi\n"))
                .satisfies(e -> assertThat(((DockerfileException) e).endLine()).isEqualTo(3));
    }

    // ---- whole file

    @Test
    void anEmptyFileIsAnError() {
        assertError("", 0, "file with no instructions: expected at least a FROM instruction");
        assertError("# only a comment\n\n   \n", 0, "file with no instructions: expected at least a FROM instruction");
    }

    @Test
    void exceptionMessageNamesFileAndLine() {
        DockerfileException e = new DockerfileException("app/Dockerfile", 7, 9, "something");
        assertThat(e).hasMessage("app/Dockerfile:7: something");
        assertThat(e.detail()).isEqualTo("something");
        assertThat(e.fileName()).isEqualTo("app/Dockerfile");
        assertThat(e.endLine()).isEqualTo(9);
    }
}
