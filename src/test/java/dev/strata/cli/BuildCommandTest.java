package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildCommandTest {
    @TempDir
    static Path root;

    private static final String DOCKERFILE = """
            ARG BASE=alpine:3.20
            FROM golang:1.22 AS build
            RUN go build -o /app \\
                ./cmd/app
            FROM $BASE AS runtime
            COPY --from=build /app /app
            CMD ["/app"]
            FROM runtime AS debug
            RUN apk add --no-cache strace
            """;

    private record Result(int status, String out, String err) {
    }

    private static Result run(String stdin, String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "build";
        System.arraycopy(args, 0, command, 1, args.length);
        CliRun run = CliRun.run(root, stdin.getBytes(StandardCharsets.UTF_8), command);
        return new Result(run.exitCode(), run.out(), run.err());
    }

    @Test
    void printsTheParsedDockerfile(@TempDir Path context) throws IOException {
        Files.writeString(context.resolve("Dockerfile"), DOCKERFILE);
        assertThat(run("", "--print", context.toString())).isEqualTo(new Result(0, """
                1 ARG "BASE"="alpine:3.20"
                2 FROM image="golang:1.22" name="build" stage=0 base-image="golang:1.22"
                3-4 RUN shell="go build -o /app     ./cmd/app"
                5 FROM image="$BASE" name="runtime" stage=1 base-image="alpine:3.20"
                6 COPY from="build" sources=["/app"] dest="/app"
                7 CMD exec=["/app"]
                8 FROM image="runtime" name="debug" stage=2 base-stage=1
                9 RUN shell="apk add --no-cache strace"
                """, ""));
    }

    @Test
    void buildArgsAndTarget(@TempDir Path context) throws IOException {
        Files.writeString(context.resolve("Dockerfile"), DOCKERFILE);
        assertThat(run("", "--print", "--build-arg", "BASE=debian:12", "--build-arg", "EXTRA=1",
                "--target", "runtime", context.toString())).isEqualTo(new Result(0, """
                1 ARG "BASE"="alpine:3.20"
                2 FROM image="golang:1.22" name="build" stage=0 base-image="golang:1.22"
                3-4 RUN shell="go build -o /app     ./cmd/app"
                5 FROM image="$BASE" name="runtime" stage=1 base-image="debian:12"
                6 COPY from="build" sources=["/app"] dest="/app"
                7 CMD exec=["/app"]
                """, "warning: build arguments not consumed by any ARG: EXTRA\n"));
    }

    @Test
    void anUnknownTargetIsAnError(@TempDir Path context) throws IOException {
        Path dockerfile = context.resolve("Dockerfile");
        Files.writeString(dockerfile, DOCKERFILE);
        assertThat(run("", "--print", "--target", "prod", context.toString())).isEqualTo(new Result(1, "",
                dockerfile + ": failed to reach build target prod in Dockerfile: expected one of the stage names: "
                        + "build, runtime, debug\n"));
    }

    @Test
    void readsTheDockerfileFromStandardInput() {
        assertThat(run("FROM scratch\nCOPY a /\n", "--print", "-f", "-", ".")).isEqualTo(new Result(0, """
                1 FROM image="scratch" stage=0 base=scratch
                2 COPY sources=["a"] dest="/"
                """, ""));
    }

    @Test
    void aFileOptionNamesAnotherDockerfile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("app.Dockerfile");
        Files.writeString(file, "FROM alpine\nRUN a \\\n\n b\n");
        Result result = run("", "--print", "--file", file.toString(), dir.toString());
        assertThat(result).isEqualTo(new Result(0, """
                1 FROM image="alpine" stage=0 base-image="alpine"
                2-4 RUN shell="a  b"
                """, file + ":2: warning: empty continuation line; Docker will reject these in a future release\n"));
    }

    @Test
    void parseErrorsNameFileLineAndWhatWasExpected() {
        assertThat(run("FROM alpine\n\nFORM b\n", "--print", "-f", "-", "."))
                .isEqualTo(new Result(1, "", "Dockerfile:3: unknown instruction: FORM (did you mean FROM?)\n"));
        assertThat(run("", "--print", "-f", "-", "."))
                .isEqualTo(new Result(1, "", "Dockerfile: file with no instructions: expected at least a FROM instruction\n"));
        assertThat(run("FROM a\nRUN <<EOF\nx\n", "--print", "-f", "-", "."))
                .isEqualTo(new Result(1, "",
                        "Dockerfile:2: unterminated heredoc <<EOF: expected a line \"EOF\" before the end of the file\n"));
    }

    @Test
    void aMissingDockerfile(@TempDir Path context) {
        assertThat(run("", "--print", context.toString())).isEqualTo(new Result(1, "",
                "strata build: cannot read the Dockerfile " + context.resolve("Dockerfile") + ": no such file\n"));
    }

    @Test
    void aBadBuildArg() {
        assertThat(run("FROM a\n", "--print", "--build-arg", "=x", "-f", "-", ".")).isEqualTo(new Result(1, "",
                "strata build: invalid --build-arg \"=x\": expected NAME=VALUE\n"));
    }

    @Test
    void aBuildWithoutADockerfileSaysWhere(@TempDir Path context) {
        assertThat(run("", context.toString())).isEqualTo(new Result(1, "",
                "Error: cannot read the Dockerfile " + context.resolve("Dockerfile") + ": no such file\n"));
    }

    @Test
    void anotherPlatformIsRefused(@TempDir Path context) {
        assertThat(run("", "--platform", "linux/s390x", context.toString())).isEqualTo(new Result(1, "",
                "Error: --platform linux/s390x: strata builds for this host's platform ("
                        + dev.strata.image.Platform.host() + ") only\n"));
    }

    @Test
    void aBridgeNetworkIsNotThereYet(@TempDir Path context) {
        assertThat(run("", "--network", "bridge", context.toString())).isEqualTo(new Result(1, "",
                "Error: --network bridge: Strata has no bridge network yet; use none or host\n"));
    }

    @Test
    void aBadTagIsAFlagError(@TempDir Path context) {
        Result result = run("", "-t", "Bad:Tag:x", context.toString());
        assertThat(result.status()).isEqualTo(125);
        assertThat(result.err()).startsWith("invalid argument \"Bad:Tag:x\" for \"-t, --tag\" flag: ");
    }

    @Test
    void theContextIsRequired() {
        assertThat(run("", "--print")).isEqualTo(new Result(1, "", """
                strata: 'strata build' requires 1 argument

                Usage:  strata build [OPTIONS] PATH | -

                Run 'strata build --help' for more information
                """));
    }
}
