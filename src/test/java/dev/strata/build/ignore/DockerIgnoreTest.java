package dev.strata.build.ignore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerIgnoreTest {

    /** Each path of {@code paths} mapped to whether {@code rules} exclude it. */
    private static Map<String, Boolean> verdicts(String rules, String... paths) {
        DockerIgnore ignore = DockerIgnore.parse(rules);
        Map<String, Boolean> out = new TreeMap<>();
        for (String path : paths) {
            out.put(path, ignore.excludes(path));
        }
        return out;
    }

    @Test
    void readsLinesAsTheDockerCliDoes() {
        DockerIgnore ignore = DockerIgnore.parse("""
                # comment
                   # not a comment: only the first column starts one
                  node_modules  \r
                ./build/
                /dist
                !  keep.txt
                a//b/../c

                """);
        assertThat(ignore.patterns()).extracting(IgnorePattern::pattern, IgnorePattern::exception).containsExactly(
                org.assertj.core.groups.Tuple.tuple("# not a comment: only the first column starts one", false),
                org.assertj.core.groups.Tuple.tuple("node_modules", false),
                org.assertj.core.groups.Tuple.tuple("build", false),
                org.assertj.core.groups.Tuple.tuple("dist", false),
                org.assertj.core.groups.Tuple.tuple("keep.txt", true),
                org.assertj.core.groups.Tuple.tuple("a/c", false));
        assertThat(ignore.hasExceptions()).isTrue();
    }

    @Test
    void singleStarStaysInOneSegment() {
        assertThat(verdicts("*.md", "README.md", "docs/guide.md", "md", "a.mdx")).isEqualTo(Map.of(
                "README.md", true, "docs/guide.md", false, "md", false, "a.mdx", false));
        assertThat(verdicts("*/temp*", "somedir/temporary.txt", "somedir/temp", "temp", "a/b/temp"))
                .isEqualTo(Map.of("somedir/temporary.txt", true, "somedir/temp", true, "temp", false, "a/b/temp", false));
        assertThat(verdicts("*/*/temp*", "a/b/temp.txt", "a/temp.txt")).isEqualTo(Map.of(
                "a/b/temp.txt", true, "a/temp.txt", false));
    }

    @Test
    void questionMarkAndSets() {
        assertThat(verdicts("temp?", "tempa", "temp", "tempab", "temp/")).isEqualTo(Map.of(
                "tempa", true, "temp", false, "tempab", false, "temp/", false));
        assertThat(verdicts("file[0-9].txt", "file1.txt", "filea.txt")).isEqualTo(Map.of(
                "file1.txt", true, "filea.txt", false));
        assertThat(verdicts("file[^0-9].txt", "file1.txt", "filea.txt")).isEqualTo(Map.of(
                "file1.txt", false, "filea.txt", true));
    }

    @Test
    void doubleStarMatchesAnyNumberOfDirectories() {
        assertThat(verdicts("**/*.go", "main.go", "cmd/app/main.go", "main.go.txt")).isEqualTo(Map.of(
                "main.go", true, "cmd/app/main.go", true, "main.go.txt", false));
        assertThat(verdicts("a/**/b", "a/b", "a/x/b", "a/x/y/b", "b", "xa/b")).isEqualTo(Map.of(
                "a/b", true, "a/x/b", true, "a/x/y/b", true, "b", false, "xa/b", false));
        assertThat(verdicts("logs/**", "logs", "logs/a", "logs/a/b")).isEqualTo(Map.of(
                "logs", false, "logs/a", true, "logs/a/b", true));
        assertThat(verdicts("**", "anything", "deep/er/path")).isEqualTo(Map.of(
                "anything", true, "deep/er/path", true));
    }

    @Test
    void aMatchingParentDirectoryExcludesItsContents() {
        assertThat(verdicts("node_modules", "node_modules", "node_modules/x/index.js", "src/node_modules/y"))
                .isEqualTo(Map.of("node_modules", true, "node_modules/x/index.js", true, "src/node_modules/y", false));
        assertThat(verdicts("**/node_modules", "src/node_modules/y")).isEqualTo(Map.of("src/node_modules/y", true));
    }

    @Test
    void exceptionsAndTheLastMatchWins() {
        assertThat(verdicts("*.md\n!README*.md\nREADME-secret.md",
                "CHANGES.md", "README.md", "README-secret.md"))
                .isEqualTo(Map.of("CHANGES.md", true, "README.md", false, "README-secret.md", true));
        assertThat(verdicts("*\n!src\n!package.json", "src/index.js", "package.json", "secret.env"))
                .isEqualTo(Map.of("src/index.js", false, "package.json", false, "secret.env", true));
        assertThat(verdicts("!keep\n*", "keep")).isEqualTo(Map.of("keep", true));
        assertThat(verdicts("docs\n!docs/public/*.html", "docs/public/index.html", "docs/private/x.html"))
                .isEqualTo(Map.of("docs/public/index.html", false, "docs/private/x.html", true));
    }

    @Test
    void pathsAreCleanedBeforeMatching() {
        DockerIgnore ignore = DockerIgnore.parse("/build\n./tmp/\n");
        assertThat(ignore.excludes("build/out")).isTrue();
        assertThat(ignore.excludes("./build")).isTrue();
        assertThat(ignore.excludes("/tmp/x")).isTrue();
        assertThat(ignore.excludes("src/../tmp")).isTrue();
        assertThat(ignore.excludes("src/build")).isFalse();
    }

    @Test
    void escapesAndRegexCharactersAreLiteral() {
        assertThat(verdicts("\\*.txt\na+b(c)|{d}$.^x", "*.txt", "a.txt", "a+b(c)|{d}$.^x", "aab(c)|{d}$x^x"))
                .isEqualTo(Map.of("*.txt", true, "a.txt", false, "a+b(c)|{d}$.^x", true, "aab(c)|{d}$x^x", false));
        assertThat(verdicts("\\d", "d", "1")).isEqualTo(Map.of("d", true, "1", false));
    }

    @Test
    void malformedPatternsAreErrorsWithTheirLine() {
        assertThatThrownBy(() -> DockerIgnore.parse("ok\n[unclosed\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(".dockerignore:2: syntax error in pattern \"[unclosed\"");
        assertThatThrownBy(() -> DockerIgnore.parse("a[]b"))
                .hasMessage(".dockerignore:1: syntax error in pattern \"a[]b\"");
        assertThatThrownBy(() -> DockerIgnore.parse("trailing\\"))
                .hasMessage(".dockerignore:1: syntax error in pattern \"trailing\\\"");
        assertThatThrownBy(() -> DockerIgnore.parse("x\n!\n"))
                .hasMessage(".dockerignore:2: illegal exclusion pattern: \"!\"");
    }

    @Test
    void cleanIsGoPathClean() {
        assertThat(List.of("", ".", "./", "a/", "a//b", "a/./b", "a/../b", "../a", "a/../..", "/", "/..", "/a/../../b"))
                .extracting(DockerIgnore::clean)
                .containsExactly(".", ".", ".", "a", "a/b", "a/b", "b", "../a", "..", "/", "/", "/b");
    }

    @Test
    void noRulesExcludeNothing() {
        assertThat(DockerIgnore.none().excludes("anything")).isFalse();
        assertThat(DockerIgnore.parse("").patterns()).isEmpty();
    }

    @Test
    void aDockerfileSpecificIgnoreFileWins(@TempDir Path context) throws IOException {
        Path dockerfile = context.resolve("build/app.Dockerfile");
        Files.createDirectories(dockerfile.getParent());
        Files.writeString(dockerfile, "FROM scratch\n");
        assertThat(DockerIgnore.locate(context, dockerfile)).isEmpty();
        assertThat(DockerIgnore.load(context, dockerfile).patterns()).isEmpty();

        Files.writeString(context.resolve(".dockerignore"), "*.log\n");
        assertThat(DockerIgnore.locate(context, dockerfile)).contains(context.resolve(".dockerignore"));

        Path specific = context.resolve("build/app.Dockerfile.dockerignore");
        Files.writeString(specific, "*.tmp\n");
        assertThat(DockerIgnore.locate(context, dockerfile)).contains(specific);
        DockerIgnore ignore = DockerIgnore.load(context, dockerfile);
        assertThat(ignore.excludes("a.tmp")).isTrue();
        assertThat(ignore.excludes("a.log")).isFalse();
    }
}
