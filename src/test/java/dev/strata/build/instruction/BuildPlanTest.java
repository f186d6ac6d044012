package dev.strata.build.instruction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.build.dockerfile.DockerfileException;
import dev.strata.build.dockerfile.DockerfileParser;
import dev.strata.build.dockerfile.Heredoc;
import dev.strata.build.dockerfile.SourceRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BuildPlanTest {

    private static BuildPlan plan(String text) {
        return InstructionParser.plan(DockerfileParser.parse("Dockerfile", text));
    }

    private static BuildArguments args(String... specs) {
        return BuildArguments.parse(List.of(specs), name -> null);
    }

    /** Applies every instruction of the stage and answers the expanded instructions. */
    private static List<Instruction> walk(VariableScope scope, Stage stage) {
        List<Instruction> out = new ArrayList<>();
        for (Instruction instruction : stage.instructions()) {
            out.add(scope.apply(instruction));
        }
        return out;
    }

    private static void assertError(String text, int line, String detail) {
        assertThatThrownBy(() -> plan(text))
                .isInstanceOf(DockerfileException.class)
                .hasMessage((line > 0 ? "Dockerfile:" + line + ": " : "Dockerfile: ") + detail);
    }

    @Test
    void stagesHaveNamesAndIndices() {
        BuildPlan plan = plan("""
                ARG BASE=alpine
                FROM golang:1.22 AS Build
                RUN go build
                FROM $BASE
                COPY --from=build /out /out
                FROM build AS test
                """);
        assertThat(plan.globalArgs()).hasSize(1);
        assertThat(plan.stages()).extracting(Stage::index, Stage::name, Stage::displayName).containsExactly(
                org.assertj.core.groups.Tuple.tuple(0, Optional.of("build"), "build"),
                org.assertj.core.groups.Tuple.tuple(1, Optional.empty(), "1"),
                org.assertj.core.groups.Tuple.tuple(2, Optional.of("test"), "test"));
        assertThat(plan.stages().get(0).instructions()).hasSize(1);
        assertThat(plan.stages().get(2).instructions()).isEmpty();
        assertThat(plan.stage("BUILD")).contains(plan.stages().get(0));
        assertThat(plan.stage("1")).contains(plan.stages().get(1));
        assertThat(plan.stage("3")).isEmpty();
        assertThat(plan.stage("nope")).isEmpty();
    }

    @Test
    void basesResolveToImagesEarlierStagesOrScratch() {
        BuildPlan plan = plan("""
                ARG BASE=alpine
                ARG TAG
                FROM ${BASE}:${TAG:-3.20} AS base
                FROM Base
                FROM scratch
                FROM later
                FROM alpine AS later
                """);
        VariableScope globals = VariableScope.global(plan, BuildArguments.none());
        assertThat(plan.stages()).extracting(s -> plan.resolveBase(s, globals)).containsExactly(
                new StageBase.Image("alpine:3.20"),
                new StageBase.EarlierStage(0),
                new StageBase.Scratch(),
                new StageBase.Image("later"),
                new StageBase.Image("alpine"));
        VariableScope overridden = VariableScope.global(plan, args("BASE=debian", "TAG=12"));
        assertThat(plan.resolveBase(plan.stages().getFirst(), overridden)).isEqualTo(new StageBase.Image("debian:12"));
    }

    @Test
    void fromPlatformUsesGlobalAndAutomaticArgs() {
        BuildPlan plan = plan("FROM --platform=$BUILDPLATFORM alpine\nFROM --platform=linux/${ARCH:-arm64} alpine\n");
        VariableScope globals = VariableScope.global(plan, BuildArguments.none(), Map.of("BUILDPLATFORM", "linux/amd64"));
        assertThat(plan.resolvePlatform(plan.stages().get(0), globals)).contains("linux/amd64");
        assertThat(plan.resolvePlatform(plan.stages().get(1), globals)).contains("linux/arm64");
    }

    @Test
    void aBlankBaseIsAnError() {
        BuildPlan plan = plan("FROM alpine\nARG IMAGE\nFROM $IMAGE\n");
        VariableScope globals = VariableScope.global(plan, args("IMAGE=busybox"));
        assertThatThrownBy(() -> plan.resolveBase(plan.stages().get(1), globals))
                .isInstanceOf(DockerfileException.class)
                .hasMessage("Dockerfile:3: base name ($IMAGE) should not be blank: declare its ARG before the "
                        + "first FROM or pass --build-arg");
    }

    @Test
    void globalArgsAreOnlyVisibleInAStageWhenRedeclared() {
        BuildPlan plan = plan("""
                ARG VERSION=1.0
                ARG UNSET_GLOBAL
                FROM alpine
                RUN --mount=type=cache,target=/c/$VERSION true
                ARG VERSION
                ARG UNSET_GLOBAL
                WORKDIR /app/$VERSION
                FROM alpine
                WORKDIR /app/${VERSION:-none}
                """);
        VariableScope globals = VariableScope.global(plan, BuildArguments.none());
        VariableScope first = globals.enterStage(Map.of());
        List<Instruction> expanded = walk(first, plan.stages().get(0));
        assertThat(((RunInstruction) expanded.get(0)).mounts().getFirst().target()).contains("/c/");
        assertThat(expanded.get(1)).isEqualTo(new ArgInstruction(new SourceRange("Dockerfile", 5, 5),
                List.of(new ArgDeclaration("VERSION", Optional.of("1.0")))));
        assertThat(expanded.get(2)).isEqualTo(new ArgInstruction(new SourceRange("Dockerfile", 6, 6),
                List.of(new ArgDeclaration("UNSET_GLOBAL", Optional.empty()))));
        assertThat(expanded.get(3)).isEqualTo(new WorkdirInstruction(new SourceRange("Dockerfile", 7, 7), "/app/1.0"));
        assertThat(first.args()).isEqualTo(Map.of("VERSION", "1.0"));
        assertThat(first.declaredArgs()).containsExactly("VERSION", "UNSET_GLOBAL");
        List<Instruction> second = walk(globals.enterStage(Map.of()), plan.stages().get(1));
        assertThat(second).containsExactly(new WorkdirInstruction(new SourceRange("Dockerfile", 9, 9), "/app/none"));
    }

    @Test
    void buildArgsOverrideDefaultsOnlyWhereDeclared() {
        BuildPlan plan = plan("""
                ARG GLOBAL=g
                FROM alpine
                ARG GLOBAL
                ARG LOCAL=default
                ARG NODEFAULT
                LABEL g=$GLOBAL l=$LOCAL n=$NODEFAULT u=$UNDECLARED
                """);
        BuildArguments arguments = args("GLOBAL=G", "LOCAL=L", "NODEFAULT=N", "UNDECLARED=U");
        VariableScope scope = VariableScope.global(plan, arguments).enterStage(Map.of());
        List<Instruction> expanded = walk(scope, plan.stages().getFirst());
        assertThat(((LabelInstruction) expanded.get(3)).labels()).containsExactly(
                new KeyValue("g", "G"), new KeyValue("l", "L"), new KeyValue("n", "N"), new KeyValue("u", ""));
        assertThat(arguments.unused(plan, plan.stages())).containsExactly("UNDECLARED");
    }

    @Test
    void argDefaultsSeeEarlierVariablesAndEnvWinsOverArg() {
        BuildPlan plan = plan("""
                FROM alpine
                ARG A=1 B=${A}2
                ENV A=env
                ARG A=arg
                ENV X=$A Y=$B
                ENV A=again Z=$A
                """);
        VariableScope scope = VariableScope.global(plan, BuildArguments.none()).enterStage(Map.of("PATH", "/bin"));
        List<Instruction> expanded = walk(scope, plan.stages().getFirst());
        assertThat(expanded.get(0)).isEqualTo(new ArgInstruction(new SourceRange("Dockerfile", 2, 2), List.of(
                new ArgDeclaration("A", Optional.of("1")), new ArgDeclaration("B", Optional.of("12")))));
        assertThat(((EnvInstruction) expanded.get(3)).variables())
                .containsExactly(new KeyValue("X", "env"), new KeyValue("Y", "12"));
        // pairs of one ENV see the values from before that ENV
        assertThat(((EnvInstruction) expanded.get(4)).variables())
                .containsExactly(new KeyValue("A", "again"), new KeyValue("Z", "env"));
        assertThat(scope.env()).containsExactly(Map.entry("PATH", "/bin"), Map.entry("A", "again"),
                Map.entry("X", "env"), Map.entry("Y", "12"), Map.entry("Z", "env"));
        assertThat(scope.variables().valueOf("A")).isEqualTo("again");
    }

    @Test
    void baseImageEnvironmentIsVisible() {
        BuildPlan plan = plan("FROM golang\nWORKDIR $GOPATH/src\n");
        VariableScope scope = VariableScope.global(plan, BuildArguments.none()).enterStage(Map.of("GOPATH", "/go"));
        assertThat(walk(scope, plan.stages().getFirst()))
                .containsExactly(new WorkdirInstruction(new SourceRange("Dockerfile", 2, 2), "/go/src"));
    }

    @Test
    void predefinedProxyArgsNeedNoArg() {
        BuildArguments arguments = args("HTTP_PROXY=http://proxy:3128", "no_proxy=localhost", "OTHER=x");
        assertThat(arguments.predefined()).containsExactly(
                Map.entry("HTTP_PROXY", "http://proxy:3128"), Map.entry("no_proxy", "localhost"));
        BuildPlan plan = plan("FROM alpine\nRUN echo $HTTP_PROXY\n");
        assertThat(arguments.unused(plan, plan.stages())).containsExactly("OTHER");
        assertThat(BuildArguments.PREDEFINED).containsExactly("HTTP_PROXY", "http_proxy", "HTTPS_PROXY",
                "https_proxy", "FTP_PROXY", "ftp_proxy", "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy");
    }

    @Test
    void buildArgsFromTheEnvironment() {
        BuildArguments arguments = BuildArguments.parse(List.of("A=1", "B", "C", "D="),
                name -> name.equals("B") ? "from-env" : null);
        assertThat(arguments.values()).containsExactly(Map.entry("A", "1"), Map.entry("B", "from-env"),
                Map.entry("D", ""));
        assertThatThrownBy(() -> BuildArguments.parse(List.of("=x"), name -> null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid --build-arg \"=x\": expected NAME=VALUE");
    }

    @Test
    void everyExpandingInstructionExpands() {
        BuildPlan plan = plan("""
                FROM alpine
                ARG V=1.2 PORTS="80 443" USERNAME=app DIR=/srv
                ENV HOME=/home/$USERNAME
                LABEL "version"="$V" 'quoted'='${V}'
                EXPOSE $PORTS 9000/udp
                VOLUME $DIR/data ["$DIR/logs"]
                VOLUME ["$DIR/cache", "${DIR}/tmp"]
                USER $USERNAME:$USERNAME
                WORKDIR ${HOME}/app
                STOPSIGNAL SIG${SIG:-TERM}
                COPY --chown=$USERNAME --chmod=${MODE:-644} --exclude=*.$V --from=$V src-$V "$DIR/a"'$b'
                ADD --checksum=sha256:$V --chown=$USERNAME <<EOF <<'RAW' https://x/$V.tgz $DIR/
                v=$V "quoted"
                EOF
                raw $V
                RAW
                RUN --mount=type=cache,target=$HOME/.cache echo $V
                CMD echo $V
                ENTRYPOINT ["$V"]
                SHELL ["$V"]
                HEALTHCHECK CMD check $V
                ONBUILD RUN $V
                MAINTAINER $V
                """);
        VariableScope scope = VariableScope.global(plan, BuildArguments.none()).enterStage(Map.of());
        List<String> listed = walk(scope, plan.stages().getFirst()).stream().map(InstructionListing::describe).toList();
        assertThat(listed).containsExactly(
                "ARG \"V\"=\"1.2\" \"PORTS\"=\"80 443\" \"USERNAME\"=\"app\" \"DIR\"=\"/srv\"",
                "ENV \"HOME\"=\"/home/app\"",
                "LABEL \"version\"=\"1.2\" \"quoted\"=\"${V}\"",
                "EXPOSE ports=[\"80\", \"443\", \"9000/udp\"]",
                "VOLUME paths=[\"/srv/data\", \"[/srv/logs]\"]",
                "VOLUME paths=[\"/srv/cache\", \"/srv/tmp\"]",
                "USER \"app:app\"",
                "WORKDIR \"/home/app/app\"",
                "STOPSIGNAL \"SIGTERM\"",
                "COPY from=\"$V\" chown=\"app\" chmod=\"644\" exclude=\"*.1.2\" sources=[\"src-1.2\"] dest=\"/srv/a$b\"",
                "ADD chown=\"app\" checksum=\"sha256:1.2\" sources=[\"https://x/1.2.tgz\"] dest=\"/srv/\" "
                        + "heredoc={name=\"EOF\", expand=false, content=\"v=1.2 \\\"quoted\\\"\\n\"} "
                        + "heredoc={name=\"RAW\", expand=false, content=\"raw $V\\n\"}",
                "RUN mount=\"type=cache,target=/home/app/.cache\" shell=\"echo $V\"",
                "CMD shell=\"echo $V\"",
                "ENTRYPOINT exec=[\"$V\"]",
                "SHELL exec=[\"$V\"]",
                "HEALTHCHECK shell=\"check $V\"",
                "ONBUILD RUN shell=\"$V\"",
                "MAINTAINER \"$V\"");
    }

    @Test
    void expansionErrorsNameTheLine() {
        BuildPlan plan = plan("FROM alpine\nWORKDIR ${DIR:?set DIR}\n");
        VariableScope scope = VariableScope.global(plan, BuildArguments.none()).enterStage(Map.of());
        assertThatThrownBy(() -> walk(scope, plan.stages().getFirst()))
                .isInstanceOf(DockerfileException.class)
                .hasMessage("Dockerfile:2: DIR: set DIR in \"${DIR:?set DIR}\"");
        BuildPlan volume = plan("FROM alpine\nVOLUME $NOTHING\n");
        VariableScope volumeScope = VariableScope.global(volume, BuildArguments.none()).enterStage(Map.of());
        assertThatThrownBy(() -> walk(volumeScope, volume.stages().getFirst()))
                .hasMessage("Dockerfile:2: VOLUME specified can not be an empty string");
        BuildPlan heredoc = plan("FROM alpine\nCOPY <<EOF /x\nsize=${}\nEOF\n");
        VariableScope heredocScope = VariableScope.global(heredoc, BuildArguments.none()).enterStage(Map.of());
        assertThatThrownBy(() -> walk(heredocScope, heredoc.stages().getFirst()))
                .hasMessage("Dockerfile:2: syntax error: bad substitution in a heredoc");
    }

    @Test
    void chompedHeredocIsExpandedAfterChomping() {
        BuildPlan plan = plan("FROM alpine\nARG T=\"\tx\"\nCOPY <<-EOF /f\n\t$T\n\tEOF\n");
        VariableScope scope = VariableScope.global(plan, BuildArguments.none()).enterStage(Map.of());
        CopyInstruction copy = (CopyInstruction) walk(scope, plan.stages().getFirst()).get(1);
        assertThat(copy.files().inline()).containsExactly(new Heredoc("EOF", false, false, 0, "\tx\n"));
    }

    @Test
    void targets() {
        BuildPlan plan = plan("FROM a AS deps\nFROM b AS build\nFROM c\n");
        assertThat(plan.stagesUpTo(Optional.empty())).hasSize(3);
        assertThat(plan.stagesUpTo(Optional.of("Build"))).extracting(Stage::index).containsExactly(0, 1);
        assertThatThrownBy(() -> plan.stagesUpTo(Optional.of("prod")))
                .isInstanceOf(DockerfileException.class)
                .hasMessage("Dockerfile: failed to reach build target prod in Dockerfile: expected one of the "
                        + "stage names: deps, build");
        assertThatThrownBy(() -> plan("FROM a\n").stagesUpTo(Optional.of("x")))
                .hasMessage("Dockerfile: failed to reach build target x in Dockerfile: no stage has a name "
                        + "(name one with FROM IMAGE AS NAME)");
    }

    @Test
    void planErrors() {
        assertError("RUN echo hi\nFROM alpine\n", 1,
                "no build stage in current context: RUN must come after a FROM (only ARG may come before the first FROM)");
        assertError("ARG A\nENV B=1\nFROM alpine\n", 2,
                "no build stage in current context: ENV must come after a FROM (only ARG may come before the first FROM)");
        assertError("ARG A=1\n", 0, "no build stage: expected a FROM instruction after the global ARGs");
        assertError("FROM a AS build\nFROM b AS BUILD\n", 2, "duplicate stage name \"build\" (first used on line 1)");
        assertError("FROM a AS build\nCOPY --from=Build /x /y\n", 2,
                "circular dependency detected on stage: build (COPY --from names the stage it is in)");
        assertError("FROM a\nFORM b\n", 2, "unknown instruction: FORM (did you mean FROM?)");
    }

    @Test
    void warningsAndDirectivesCarryThrough() {
        BuildPlan plan = plan("# syntax=docker/dockerfile:1\nFROM a\nRUN a \\\n\n b\n");
        assertThat(plan.directives().syntax()).contains("docker/dockerfile:1");
        assertThat(plan.warnings()).hasSize(1);
    }
}
