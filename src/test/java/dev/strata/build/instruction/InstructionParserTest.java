package dev.strata.build.instruction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.build.dockerfile.DockerfileException;
import dev.strata.build.dockerfile.DockerfileParser;
import dev.strata.build.dockerfile.Heredoc;
import dev.strata.build.dockerfile.SourceRange;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InstructionParserTest {
    private static final SourceRange LINE_1 = new SourceRange("Dockerfile", 1, 1);

    private static Instruction parse(String text) {
        var file = DockerfileParser.parse("Dockerfile", text);
        assertThat(file.instructions()).hasSize(1);
        return InstructionParser.instruction(file.instructions().getFirst(), file.escape());
    }

    private static void assertError(String text, String detail) {
        assertThatThrownBy(() -> parse(text))
                .isInstanceOf(DockerfileException.class)
                .hasMessage("Dockerfile:1: " + detail);
    }

    private static SourceRange lines(int start, int end) {
        return new SourceRange("Dockerfile", start, end);
    }

    // ---- FROM

    @Test
    void from() {
        assertThat(parse("FROM alpine:3.20")).isEqualTo(
                new FromInstruction(LINE_1, "alpine:3.20", Optional.empty(), Optional.empty()));
        assertThat(parse("from --platform=$BUILDPLATFORM golang:1.22 as Build-Env")).isEqualTo(
                new FromInstruction(LINE_1, "golang:1.22", Optional.of("build-env"), Optional.of("$BUILDPLATFORM")));
    }

    @Test
    void fromErrors() {
        assertError("FROM", "FROM requires either one or three arguments: FROM IMAGE [AS NAME]");
        assertError("FROM a b", "FROM requires either one or three arguments: FROM IMAGE [AS NAME]");
        assertError("FROM a IS b", "FROM requires either one or three arguments: FROM IMAGE [AS NAME]");
        assertError("FROM a AS 1st", "invalid name for build stage: \"1st\", name can't start with a number or contain symbols");
        assertError("FROM a AS my$stage", "invalid name for build stage: \"my$stage\", name can't start with a number or contain symbols");
        assertError("FROM --platfrom=linux/amd64 a", "unknown flag for FROM: --platfrom (did you mean --platform?)");
    }

    // ---- ARG, ENV, LABEL

    @Test
    void arg() {
        assertThat(parse("ARG VERSION")).isEqualTo(new ArgInstruction(LINE_1,
                List.of(new ArgDeclaration("VERSION", Optional.empty()))));
        assertThat(parse("ARG A=1 B=\"x y\" C=")).isEqualTo(new ArgInstruction(LINE_1, List.of(
                new ArgDeclaration("A", Optional.of("1")),
                new ArgDeclaration("B", Optional.of("\"x y\"")),
                new ArgDeclaration("C", Optional.of("")))));
    }

    @Test
    void argErrors() {
        assertError("ARG", "ARG requires at least one argument");
        assertError("ARG =x", "ARG names can not be blank");
        assertError("ARG --x=1 A", "unknown flag for ARG: --x (ARG takes no flags)");
    }

    @Test
    void envBothForms() {
        assertThat(parse("ENV A=1 B=\"two words\"")).isEqualTo(new EnvInstruction(LINE_1,
                List.of(new KeyValue("A", "1"), new KeyValue("B", "\"two words\""))));
        assertThat(parse("ENV PATH /opt/bin:$PATH")).isEqualTo(new EnvInstruction(LINE_1,
                List.of(new KeyValue("PATH", "/opt/bin:$PATH"))));
    }

    @Test
    void envErrors() {
        assertError("ENV", "ENV requires at least one argument");
        assertError("ENV =x", "ENV names can not be blank");
        assertError("ENV DEBUG", "ENV DEBUG has no value: expected ENV NAME=VALUE (or the legacy ENV NAME VALUE)");
    }

    @Test
    void labelBothForms() {
        assertThat(parse("LABEL org.opencontainers.image.title=\"My app\" version=1")).isEqualTo(
                new LabelInstruction(LINE_1, List.of(
                        new KeyValue("org.opencontainers.image.title", "\"My app\""), new KeyValue("version", "1"))));
        assertThat(parse("LABEL description A longer text")).isEqualTo(
                new LabelInstruction(LINE_1, List.of(new KeyValue("description", "A longer text"))));
        assertError("LABEL", "LABEL requires at least one argument");
    }

    // ---- RUN, CMD, ENTRYPOINT, SHELL

    @Test
    void runBothForms() {
        assertThat(parse("RUN make -j4 all")).isEqualTo(new RunInstruction(LINE_1,
                new CommandForm.Shell("make -j4 all"), List.of(), Optional.empty(), Optional.empty(), List.of()));
        assertThat(parse("RUN [\"make\", \"-j4\"]")).isEqualTo(new RunInstruction(LINE_1,
                new CommandForm.Exec(List.of("make", "-j4")), List.of(), Optional.empty(), Optional.empty(), List.of()));
    }

    @Test
    void runFlags() {
        RunInstruction run = (RunInstruction) parse("RUN --mount=type=cache,target=/root/.cache,sharing=locked "
                + "--mount=type=secret,id=npmrc,dst=/root/.npmrc --mount=target=/src,rw --network=none "
                + "--security=insecure npm ci");
        assertThat(run.mounts()).containsExactly(
                new RunMount("cache", List.of(new KeyValue("target", "/root/.cache"), new KeyValue("sharing", "locked"))),
                new RunMount("secret", List.of(new KeyValue("id", "npmrc"), new KeyValue("target", "/root/.npmrc"))),
                new RunMount("bind", List.of(new KeyValue("target", "/src"), new KeyValue("readonly", "false"))));
        assertThat(run.mounts().get(2).readOnly()).isFalse();
        assertThat(run.mounts().get(0).readOnly()).isFalse();
        assertThat(run.network()).contains("none");
        assertThat(run.security()).contains("insecure");
        assertThat(run.command()).isEqualTo(new CommandForm.Shell("npm ci"));
    }

    @Test
    void runErrors() {
        assertError("RUN", "RUN requires at least one argument");
        assertError("RUN --network=bridge x", "RUN --network=bridge: unsupported network mode, expected default, none or host");
        assertError("RUN --security=lax x", "RUN --security=lax: unsupported security mode, expected sandbox or insecure");
        assertError("RUN --mount=type=volume,target=/x x",
                "RUN --mount: unsupported mount type \"volume\" in 'type=volume,target=/x': expected bind, cache, tmpfs, secret or ssh");
        assertError("RUN --mount=type=cache x", "RUN --mount: mount type cache needs a target in 'type=cache'");
        assertError("RUN --mount=type=cache,target=/x,colour=red x",
                "RUN --mount: unexpected key 'colour' in 'type=cache,target=/x,colour=red'");
        assertError("RUN --mount=type=cache,target=/x,sharing=all x",
                "RUN --mount: unsupported sharing value \"all\" in 'type=cache,target=/x,sharing=all': expected shared, private or locked");
        assertError("RUN --mount x", "RUN: flag --mount needs a value: --mount=VALUE");
        assertError("RUN --network=none --network=host x", "RUN: flag --network is given twice");
        assertError("RUN --mont=type=cache x", "unknown flag for RUN: --mont (did you mean --mount?)");
    }

    @Test
    void runWithHeredocs() {
        RunInstruction run = (RunInstruction) parse("RUN <<EOF\nset -e\necho $HOME\nEOF\n");
        assertThat(run).isEqualTo(new RunInstruction(lines(1, 4), new CommandForm.Shell("<<EOF"), List.of(),
                Optional.empty(), Optional.empty(), List.of(new Heredoc("EOF", true, false, 0, "set -e\necho $HOME\n"))));
    }

    @Test
    void cmdAndEntrypointBothForms() {
        assertThat(parse("CMD [\"nginx\", \"-g\", \"daemon off;\"]")).isEqualTo(
                new CmdInstruction(LINE_1, new CommandForm.Exec(List.of("nginx", "-g", "daemon off;"))));
        assertThat(parse("CMD node server.js")).isEqualTo(
                new CmdInstruction(LINE_1, new CommandForm.Shell("node server.js")));
        assertThat(parse("CMD []")).isEqualTo(new CmdInstruction(LINE_1, new CommandForm.Exec(List.of())));
        assertThat(parse("ENTRYPOINT [\"/docker-entrypoint.sh\"]")).isEqualTo(
                new EntrypointInstruction(LINE_1, new CommandForm.Exec(List.of("/docker-entrypoint.sh"))));
        assertThat(parse("ENTRYPOINT exec java -jar /app.jar")).isEqualTo(
                new EntrypointInstruction(LINE_1, new CommandForm.Shell("exec java -jar /app.jar")));
        assertError("CMD", "CMD requires at least one argument");
        assertError("ENTRYPOINT", "ENTRYPOINT requires at least one argument");
    }

    @Test
    void shellOnlyInJsonForm() {
        assertThat(parse("SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]")).isEqualTo(
                new ShellInstruction(LINE_1, List.of("/bin/bash", "-o", "pipefail", "-c")));
        assertError("SHELL /bin/bash -c",
                "SHELL requires the arguments to be in JSON form, e.g. SHELL [\"/bin/bash\", \"-c\"]");
        assertError("SHELL []", "SHELL requires at least one argument");
    }

    // ---- COPY and ADD

    @Test
    void copyBothForms() {
        assertThat(parse("COPY --from=build --chown=app:app --chmod=755 --link --parents --exclude=*.md "
                + "--exclude=.git a b /dest/")).isEqualTo(new CopyInstruction(LINE_1,
                new FileSources(List.of("a", "b"), List.of(), "/dest/"), Optional.of("build"), Optional.of("app:app"),
                Optional.of("755"), true, true, List.of("*.md", ".git")));
        assertThat(parse("COPY [\"my file.txt\", \"/dest dir/\"]")).isEqualTo(new CopyInstruction(LINE_1,
                new FileSources(List.of("my file.txt"), List.of(), "/dest dir/"), Optional.empty(), Optional.empty(),
                Optional.empty(), false, false, List.of()));
        assertThat(((CopyInstruction) parse("COPY --link=false a b")).link()).isFalse();
    }

    @Test
    void copyHeredocSources() {
        CopyInstruction copy = (CopyInstruction) parse("COPY <<-EOF <<\"raw\" app.conf /etc/app/\n\tport=$PORT\n\tEOF\n$HOME\nraw\n");
        assertThat(copy.files().paths()).containsExactly("app.conf");
        assertThat(copy.files().inline()).containsExactly(
                new Heredoc("EOF", true, true, 0, "\tport=$PORT\n"),
                new Heredoc("raw", false, false, 0, "$HOME\n"));
        assertThat(copy.files().inline().getFirst().content()).isEqualTo("port=$PORT\n");
        assertThat(copy.files().destination()).isEqualTo("/etc/app/");
        assertThat(copy.where()).isEqualTo(lines(1, 5));
    }

    @Test
    void copyErrors() {
        assertError("COPY", "COPY requires at least two arguments: COPY SOURCE... DESTINATION");
        assertError("COPY onlyone",
                "COPY requires at least two arguments, but only one was provided. Destination could not be determined");
        assertError("COPY [\"a\"]",
                "COPY requires at least two arguments, but only one was provided. Destination could not be determined");
        assertThatThrownBy(() -> parse("COPY a <<EOF\nx\nEOF\n"))
                .hasMessage("Dockerfile:1: COPY cannot accept a heredoc as a destination");
        assertError("COPY --form=a b c", "unknown flag for COPY: --form (did you mean --from?)");
        assertError("COPY --link=yes a b", "COPY: flag --link takes true or false, not \"yes\"");
        assertError("COPY --from a b", "COPY: flag --from needs a value: --from=VALUE");
    }

    @Test
    void addBothForms() {
        assertThat(parse("ADD --checksum=sha256:abc --keep-git-dir --unpack=false --chown=1000 "
                + "https://example.com/a.tar.gz /opt/")).isEqualTo(new AddInstruction(LINE_1,
                new FileSources(List.of("https://example.com/a.tar.gz"), List.of(), "/opt/"), Optional.of("1000"),
                Optional.empty(), false, true, Optional.of("sha256:abc"), List.of(), Optional.of(false)));
        assertThat(parse("ADD [\"a.tar\", \"/x\"]")).isEqualTo(new AddInstruction(LINE_1,
                new FileSources(List.of("a.tar"), List.of(), "/x"), Optional.empty(), Optional.empty(), false, false,
                Optional.empty(), List.of(), Optional.empty()));
        assertError("ADD x", "ADD requires at least two arguments, but only one was provided. Destination could not be determined");
        assertError("ADD --from=x a b", "unknown flag for ADD: --from");
    }

    // ---- the single-word instructions, EXPOSE, VOLUME

    @Test
    void singleWordInstructions() {
        assertThat(parse("WORKDIR /app/my dir")).isEqualTo(new WorkdirInstruction(LINE_1, "/app/my dir"));
        assertThat(parse("USER app:app")).isEqualTo(new UserInstruction(LINE_1, "app:app"));
        assertThat(parse("STOPSIGNAL SIGQUIT")).isEqualTo(new StopSignalInstruction(LINE_1, "SIGQUIT"));
        assertThat(parse("MAINTAINER Jane <jane@example.com>"))
                .isEqualTo(new MaintainerInstruction(LINE_1, "Jane <jane@example.com>"));
        assertError("WORKDIR", "WORKDIR requires exactly one argument");
        assertError("USER", "USER requires exactly one argument");
        assertError("STOPSIGNAL", "STOPSIGNAL requires exactly one argument");
        assertError("MAINTAINER", "MAINTAINER requires exactly one argument");
        assertError("WORKDIR --x /a", "unknown flag for WORKDIR: --x (WORKDIR takes no flags)");
    }

    @Test
    void exposeAndVolume() {
        assertThat(parse("EXPOSE 80 443/tcp ${PORT}")).isEqualTo(
                new ExposeInstruction(LINE_1, List.of("80", "443/tcp", "${PORT}")));
        assertThat(parse("VOLUME [\"/var/lib/mysql\", \"/logs\"]")).isEqualTo(
                new VolumeInstruction(LINE_1, List.of("/var/lib/mysql", "/logs")));
        assertThat(parse("VOLUME /data")).isEqualTo(new VolumeInstruction(LINE_1, List.of("/data")));
        assertError("EXPOSE", "EXPOSE requires at least one argument");
        assertError("VOLUME", "VOLUME requires at least one argument");
        assertError("VOLUME []", "VOLUME requires at least one argument");
        assertError("VOLUME [\"\"]", "VOLUME specified can not be an empty string");
    }

    // ---- HEALTHCHECK

    @Test
    void healthcheckForms() {
        assertThat(parse("HEALTHCHECK NONE")).isEqualTo(new HealthcheckInstruction(LINE_1, Optional.empty()));
        assertThat(parse("HEALTHCHECK --interval=1m30s --timeout=500ms --start-period=1.5s --start-interval=2s "
                + "--retries=3 CMD curl -f http://localhost/ || exit 1")).isEqualTo(new HealthcheckInstruction(LINE_1,
                Optional.of(new HealthProbe(new CommandForm.Shell("curl -f http://localhost/ || exit 1"),
                        Duration.ofSeconds(90), Duration.ofMillis(500), Duration.ofMillis(1500),
                        Duration.ofSeconds(2), 3))));
        assertThat(parse("HEALTHCHECK CMD [\"/healthcheck\"]")).isEqualTo(new HealthcheckInstruction(LINE_1,
                Optional.of(new HealthProbe(new CommandForm.Exec(List.of("/healthcheck")),
                        Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, 0))));
    }

    @Test
    void healthcheckErrors() {
        assertError("HEALTHCHECK", "HEALTHCHECK requires at least one argument: CMD command or NONE");
        assertError("HEALTHCHECK NONE x", "HEALTHCHECK NONE takes no arguments");
        assertError("HEALTHCHECK --interval=5s NONE", "HEALTHCHECK NONE takes no arguments");
        assertError("HEALTHCHECK RUN x", "Unknown type \"RUN\" in HEALTHCHECK (try CMD)");
        assertError("HEALTHCHECK CMD", "Missing command after HEALTHCHECK CMD");
        assertError("HEALTHCHECK CMD []", "Missing command after HEALTHCHECK CMD");
        assertError("HEALTHCHECK --interval=5 CMD x",
                "HEALTHCHECK --interval=5: missing unit in duration \"5\", expected e.g. 30s, 1m30s or 500ms");
        assertError("HEALTHCHECK --timeout=3sec CMD x",
                "HEALTHCHECK --timeout=3sec: unknown unit \"sec\" in duration \"3sec\", expected e.g. 30s, 1m30s or 500ms");
        assertError("HEALTHCHECK --interval=10us CMD x", "HEALTHCHECK --interval=10us: cannot be less than 1ms");
        assertError("HEALTHCHECK --retries=-1 CMD x", "HEALTHCHECK --retries cannot be negative (-1)");
        assertError("HEALTHCHECK --retries=many CMD x", "HEALTHCHECK --retries=many: expected a whole number");
        assertError("HEALTHCHECK --intervall=5s CMD x", "unknown flag for HEALTHCHECK: --intervall (did you mean --interval?)");
    }

    // ---- ONBUILD

    @Test
    void onbuildParsesItsTrigger() {
        assertThat(parse("ONBUILD COPY . /app/src")).isEqualTo(new OnbuildInstruction(LINE_1,
                new CopyInstruction(LINE_1, new FileSources(List.of("."), List.of(), "/app/src"), Optional.empty(),
                        Optional.empty(), Optional.empty(), false, false, List.of()),
                "COPY . /app/src"));
        OnbuildInstruction heredoc = (OnbuildInstruction) parse("onbuild RUN <<EOF\necho hi\nEOF\n");
        assertThat(heredoc.expression()).isEqualTo("RUN <<EOF\necho hi\nEOF");
        assertThat(heredoc.trigger()).isEqualTo(new RunInstruction(lines(1, 3), new CommandForm.Shell("<<EOF"),
                List.of(), Optional.empty(), Optional.empty(), List.of(new Heredoc("EOF", true, false, 0, "echo hi\n"))));
    }

    @Test
    void onbuildErrors() {
        assertError("ONBUILD", "ONBUILD requires at least one argument");
        assertError("ONBUILD ONBUILD RUN x", "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
        assertError("ONBUILD FROM alpine", "FROM isn't allowed as an ONBUILD trigger");
        assertError("ONBUILD maintainer me", "MAINTAINER isn't allowed as an ONBUILD trigger");
        assertError("ONBUILD RUNN x", "unknown instruction: RUNN (did you mean RUN?)");
        assertError("ONBUILD COPY x", "COPY requires at least two arguments, but only one was provided. Destination could not be determined");
    }

    // ---- unknown instructions

    @Test
    void unknownInstructions() {
        assertError("FORM alpine", "unknown instruction: FORM (did you mean FROM?)");
        assertError("cpy a b", "unknown instruction: cpy (did you mean COPY?)");
        assertError("ENTRYPINT x", "unknown instruction: ENTRYPINT (did you mean ENTRYPOINT?)");
        assertError("BANANA x", "unknown instruction: BANANA");
    }

    @Test
    void expandsVariablesMatchesDocker() {
        List<String> expanding = InstructionParser.KEYWORDS.stream()
                .filter(k -> !k.equals("ONBUILD") && !k.equals("HEALTHCHECK"))
                .filter(k -> parse(sample(k)).expandsVariables())
                .toList();
        assertThat(expanding).containsExactly("ADD", "ARG", "COPY", "ENV", "EXPOSE", "FROM", "LABEL", "STOPSIGNAL",
                "USER", "VOLUME", "WORKDIR");
        assertThat(parse("HEALTHCHECK NONE").expandsVariables()).isFalse();
        assertThat(parse("ONBUILD COPY a b").expandsVariables()).isFalse();
    }

    private static String sample(String keyword) {
        return switch (keyword) {
            case "ADD", "COPY" -> keyword + " a b";
            case "ENV", "LABEL", "ARG" -> keyword + " a=b";
            case "SHELL" -> "SHELL [\"sh\"]";
            default -> keyword + " x";
        };
    }
}
