package dev.strata.build.executor;

import dev.strata.build.ConfigEdit;
import dev.strata.build.dockerfile.Dockerfile;
import dev.strata.build.dockerfile.DockerfileException;
import dev.strata.build.dockerfile.DockerfileParser;
import dev.strata.build.dockerfile.SourceRange;
import dev.strata.build.executor.cache.CacheKey;
import dev.strata.build.executor.progress.BuildOutput;
import dev.strata.build.instruction.AddInstruction;
import dev.strata.build.instruction.ArgDeclaration;
import dev.strata.build.instruction.ArgInstruction;
import dev.strata.build.instruction.CmdInstruction;
import dev.strata.build.instruction.CopyInstruction;
import dev.strata.build.instruction.EntrypointInstruction;
import dev.strata.build.instruction.EnvInstruction;
import dev.strata.build.instruction.ExposeInstruction;
import dev.strata.build.instruction.FromInstruction;
import dev.strata.build.instruction.HealthcheckInstruction;
import dev.strata.build.instruction.Instruction;
import dev.strata.build.instruction.InstructionParser;
import dev.strata.build.instruction.KeyValue;
import dev.strata.build.instruction.LabelInstruction;
import dev.strata.build.instruction.MaintainerInstruction;
import dev.strata.build.instruction.OnbuildInstruction;
import dev.strata.build.instruction.RunInstruction;
import dev.strata.build.instruction.ShellInstruction;
import dev.strata.build.instruction.Stage;
import dev.strata.build.instruction.StageBase;
import dev.strata.build.instruction.StopSignalInstruction;
import dev.strata.build.instruction.UserInstruction;
import dev.strata.build.instruction.VariableScope;
import dev.strata.build.instruction.VolumeInstruction;
import dev.strata.build.instruction.WorkdirInstruction;
import dev.strata.container.ContainerConfigs;
import dev.strata.digest.Digest;
import dev.strata.engine.ImageWriter;
import dev.strata.error.InvalidInputException;
import dev.strata.error.StrataException;
import dev.strata.image.ContainerConfig;
import dev.strata.image.Platform;
import dev.strata.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * One stage of a build, walked instruction by instruction as Docker's classic builder walks it: the
 * FROM's image (or an earlier stage's, or nothing) with Docker's default PATH added, its ONBUILD
 * triggers run first, then each instruction expanded with the ARG and ENV in force and made into an
 * image: config-only ones by a new config, WORKDIR, COPY and ADD by what they write ({@link FileSteps}),
 * RUN by a container ({@link RunStep}). Every step goes through {@link BuildRun#commit}, so each is
 * looked for in the build cache first.
 */
final class StageRun {
    private final BuildRun run;
    private final Stage stage;
    private final BuildOutput.Lane lane;
    private final List<Integer> numbers;
    private final int total;
    private final Map<String, String> labels;

    /** The state between steps: Docker's {@code dispatchState}. */
    Digest image;
    ContainerConfig config;
    boolean cmdSet;
    String author;
    VariableScope scope;

    /**
     * @param numbers the step number of the FROM, then of each instruction, then of the --label step
     * @param labels  {@code --label}s for the target stage, else empty
     */
    StageRun(BuildRun run, Stage stage, BuildOutput.Lane lane, List<Integer> numbers, int total,
             Map<String, String> labels) {
        this.run = run;
        this.stage = stage;
        this.lane = lane;
        this.numbers = numbers;
        this.total = total;
        this.labels = labels;
    }

    BuildRun.StageResult run() throws IOException {
        FromInstruction from = stage.from();
        run.enterStep(stage.index(), from.where());
        lane.step(numbers.getFirst(), total, run.originals.getOrDefault(from.where().startLine(), "FROM " + from.image()));
        start();
        int i = 1;
        for (Instruction instruction : stage.instructions()) {
            lane.step(numbers.get(i++), total, run.originals.getOrDefault(instruction.where().startLine(),
                    instruction.keyword()));
            execute(instruction);
            lane.result(image == null ? "" : image.toString());
        }
        if (!labels.isEmpty()) {
            List<KeyValue> pairs = new ArrayList<>();
            new java.util.TreeMap<>(labels).forEach((k, v) -> pairs.add(new KeyValue(k, v)));
            lane.step(numbers.get(i), total, ClassicRecords.label(pairs));
            metadata(new LabelInstruction(from.where(), pairs), ClassicRecords.label(pairs));
            lane.result(image.toString());
        }
        lane.done();
        return new BuildRun.StageResult(image);
    }

    private void start() throws IOException {
        FromInstruction from = stage.from();
        Optional<String> platform = run.plan.resolvePlatform(stage, run.globals);
        if (platform.isPresent() && !platform.get().isEmpty() && !samePlatform(platform.get())) {
            throw new StepFailure(from.where(), "FROM --platform=" + platform.get() + ": strata builds for this host's "
                    + "platform (" + Platform.host() + ") only", 1);
        }
        StageBase base = run.plan.resolveBase(stage, run.globals);
        switch (base) {
            case StageBase.Scratch scratch -> image = null;
            case StageBase.EarlierStage earlier -> image = run.awaitStage(earlier.index()).image();
            case StageBase.Image named -> {
                if (run.namedContexts.containsKey(named.reference())) {
                    throw new StepFailure(from.where(), "FROM " + named.reference() + ": --build-context "
                            + named.reference() + " is a directory, which COPY --from can read but FROM cannot start from", 1);
                }
                try {
                    image = run.image(named.reference(), lane);
                } catch (IOException | StrataException e) {
                    throw new StepFailure(from.where(), "FROM " + named.reference() + ": " + e.getMessage(), e);
                }
            }
        }
        lane.base(image == null ? "" : image.toString());
        ContainerConfig baseConfig = image == null ? ContainerConfig.empty() : run.image(image).config().configOrEmpty();
        List<String> env = new ArrayList<>(baseConfig.env() == null ? List.of() : baseConfig.env());
        if (env.stream().noneMatch(e -> e.startsWith("PATH="))) {
            env.add("PATH=" + ContainerConfigs.DEFAULT_PATH);
        }
        config = baseConfig.with().env(env).build();
        scope = run.globals.enterStage(ConfigEdit.envMap(config));
        List<String> triggers = baseConfig.onBuild() == null ? List.of() : baseConfig.onBuild();
        if (!triggers.isEmpty()) {
            lane.triggers(triggers.size());
            config = config.with().onBuild(null).build();
            for (String trigger : triggers) {
                runTrigger(trigger, from.where());
            }
        }
    }

    private static boolean samePlatform(String wanted) {
        Platform host = Platform.host();
        String normalized = wanted.toLowerCase(java.util.Locale.ROOT);
        return normalized.equals(host.os() + "/" + host.architecture())
                || normalized.equals(host.os() + "/" + host.architecture() + "/" + host.variant())
                || normalized.equals(host.os());
    }

    private void runTrigger(String expression, SourceRange from) throws IOException {
        Instruction trigger;
        try {
            Dockerfile parsed = DockerfileParser.parse(run.plan.fileName(), expression);
            if (parsed.instructions().size() != 1) {
                throw new DockerfileException(run.plan.fileName(), 1, 1, "expected one instruction");
            }
            trigger = InstructionParser.instruction(parsed.instructions().getFirst(), parsed.escape());
        } catch (DockerfileException e) {
            throw new StepFailure(from, "ONBUILD trigger \"" + expression + "\" of the base image: " + e.detail(), 1);
        }
        if (trigger instanceof FromInstruction || trigger instanceof MaintainerInstruction
                || trigger instanceof OnbuildInstruction) {
            throw new StepFailure(from, trigger.keyword() + " isn't allowed as an ONBUILD trigger", 1);
        }
        try {
            execute(trigger);
        } catch (StepFailure e) {
            throw new StepFailure(from, "ONBUILD trigger \"" + expression + "\": " + e.getMessage()
                    .substring(e.getMessage().indexOf(": ") + 2), e.exitCode());
        }
    }

    private void execute(Instruction raw) throws IOException {
        run.enterStep(stage.index(), raw.where());
        Instruction instruction;
        List<String> argComment = null;
        if (raw instanceof ArgInstruction arg) {
            argComment = new ArrayList<>();
            for (ArgDeclaration d : arg.declarations()) {
                argComment.add(d.name() + d.defaultValue().map(v -> "=" + scope.expansion().word(v, arg.where())).orElse(""));
            }
        }
        try {
            instruction = scope.apply(raw);
        } catch (DockerfileException e) {
            throw new StepFailure(raw.where(), e.detail(), 1);
        }
        try {
            switch (instruction) {
                case ArgInstruction arg -> metadata(arg, "ARG " + String.join(" ", argComment));
                case EnvInstruction env -> metadata(env, ClassicRecords.env(env.variables()));
                case LabelInstruction label -> metadata(label, ClassicRecords.label(label.labels()));
                case ExposeInstruction expose -> {
                    // the history has the ports as written, sorted; the config has them one by one
                    for (String port : expose.ports()) {
                        portsOf(port);
                    }
                    metadata(expose, "EXPOSE " + String.join(" ", new TreeSet<>(expose.ports())));
                }
                case VolumeInstruction volume -> metadata(volume, "VOLUME " + ClassicRecords.goList(volume.paths()));
                case UserInstruction user -> metadata(user, "USER " + user.user());
                case CmdInstruction cmd -> {
                    metadata(cmd, null);
                    cmdSet = true;
                }
                case EntrypointInstruction entrypoint -> metadata(entrypoint, null);
                case ShellInstruction shell -> metadata(shell, "SHELL " + ClassicRecords.goList(shell.shell()));
                case StopSignalInstruction stop -> metadata(stop, "STOPSIGNAL " + stop.signal());
                case HealthcheckInstruction health -> metadata(health, null);
                case OnbuildInstruction onbuild -> metadata(onbuild, "ONBUILD " + onbuild.expression());
                case MaintainerInstruction maintainer -> {
                    author = maintainer.name();
                    metadata(maintainer, "MAINTAINER " + maintainer.name());
                }
                case WorkdirInstruction workdir -> FileSteps.workdir(run, this, workdir);
                case CopyInstruction copy -> FileSteps.copy(run, this, copy, lane);
                case AddInstruction add -> FileSteps.add(run, this, add, lane);
                case RunInstruction runInstruction -> new RunStep(run, this, runInstruction, lane).execute();
                case FromInstruction from -> throw new IllegalStateException("FROM inside a stage");
            }
        } catch (StepFailure | BuildRun.StageFailedElsewhere e) {
            throw e;
        } catch (RunStep.RunFailure e) {
            throw new StepFailure(raw.where(), e.getMessage(), e.exitCode);
        } catch (StrataException | IllegalArgumentException e) {
            String detail = e instanceof DockerfileException d ? d.detail() : e.getMessage();
            throw new StepFailure(raw.where(), detail, 1);
        }
    }

    private static List<String> portsOf(String port) {
        try {
            return ConfigEdit.portRange(port);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }

    /** A config-only step: the config the instruction makes, an empty layer, and its history entry. */
    void metadata(Instruction instruction, String comment) throws IOException {
        ContainerConfig next = switch (instruction) {
            case ArgInstruction arg -> config;
            case MaintainerInstruction maintainer -> config;
            case EntrypointInstruction entrypoint -> {
                ContainerConfig set = ConfigEdit.apply(config, entrypoint);
                yield cmdSet ? set : set.with().cmd(null).build();
            }
            default -> ConfigEdit.apply(config, instruction);
        };
        String text = comment != null ? comment : switch (instruction) {
            case CmdInstruction cmd -> "CMD " + ClassicRecords.goQuotedList(next.cmd());
            case EntrypointInstruction entrypoint -> "ENTRYPOINT " + ClassicRecords.goQuotedList(next.entrypoint());
            case HealthcheckInstruction health -> ClassicRecords.healthcheck(next.healthcheck());
            default -> throw new IllegalStateException(instruction.keyword());
        };
        List<String> recorded = ClassicRecords.nop(next.shell(), text);
        String createdBy = String.join(" ", recorded);
        CacheKey key = CacheKey.on(image).with("step", "config").with("created-by", createdBy)
                .with("author", author).with("config", Json.writeString(next));
        Digest parent = image;
        ContainerConfig made = next;
        image = run.commit(key, parent, text, lane, () -> run.derive(parent, new ImageWriter.LayerSource.None(), made,
                createdBy, author, made.with().cmd(recorded).build()));
        config = next;
    }

    Digest image() {
        return image;
    }

    BuildOutput.Lane laneForSteps() {
        return lane;
    }

    ContainerConfig config() {
        return config;
    }

    int stageIndex() {
        return stage.index();
    }
}
