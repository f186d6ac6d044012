package dev.strata.build.executor;

import dev.strata.build.dockerfile.Dockerfile;
import dev.strata.build.dockerfile.DockerfileParser;
import dev.strata.build.dockerfile.InstructionNode;
import dev.strata.build.dockerfile.ParseWarning;
import dev.strata.build.executor.cache.BuildPaths;
import dev.strata.build.executor.context.BuildContext;
import dev.strata.build.executor.progress.BuildOutput;
import dev.strata.build.ignore.DockerIgnore;
import dev.strata.build.instruction.AddInstruction;
import dev.strata.build.instruction.ArgInstruction;
import dev.strata.build.instruction.BuildPlan;
import dev.strata.build.instruction.CopyInstruction;
import dev.strata.build.instruction.Instruction;
import dev.strata.build.instruction.InstructionParser;
import dev.strata.build.instruction.RunInstruction;
import dev.strata.build.instruction.RunMount;
import dev.strata.build.instruction.Stage;
import dev.strata.build.instruction.StageBase;
import dev.strata.build.instruction.VariableScope;
import dev.strata.container.Containers;
import dev.strata.digest.Digest;
import dev.strata.engine.Engine;
import dev.strata.error.InvalidInputException;
import dev.strata.image.Platform;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Runs builds: {@code strata build} as a library call. See the package documentation for what a build
 * does, caches and leaves behind.
 */
public final class Builder {
    private final Engine engine;
    private final Containers containers;
    private final Puller puller;

    /** A builder that pulls nothing: every image it builds on must be in the store. */
    public Builder(Engine engine, Containers containers) {
        this(engine, containers, Puller.NONE);
    }

    /** A builder that pulls what the store lacks (and, under {@code --pull}, every base) through {@code puller}. */
    public Builder(Engine engine, Containers containers, Puller puller) {
        this.engine = engine;
        this.containers = containers;
        this.puller = puller;
    }

    /**
     * Builds what {@code request} asks, telling {@code output} as it goes, and tags the result.
     *
     * @throws StepFailure for a step that failed (its file and line, and for a RUN its exit code)
     * @throws dev.strata.build.dockerfile.DockerfileException for a Dockerfile that does not parse
     * @throws InvalidInputException for a request that cannot be built (no Dockerfile, unknown target ...)
     */
    public BuildResult build(BuildRequest request, BuildOutput output) throws IOException {
        try (Workspace workspace = Workspace.open(engine, containers)) {
            return build(request, output, workspace);
        } finally {
            output.close();
        }
    }

    /** Removes what builds killed mid-way left behind (their containers, snapshots, mounts, files). */
    public void sweep() throws IOException {
        Workspace.sweep(engine, containers, BuildPaths.of(engine.root()));
    }

    private BuildResult build(BuildRequest request, BuildOutput output, Workspace workspace) throws IOException {
        BuildPaths paths = BuildPaths.of(engine.root());
        Path contextRoot;
        Path checksums;
        if (request.contextDir() != null) {
            contextRoot = request.contextDir();
            if (!Files.isDirectory(contextRoot)) {
                throw new InvalidInputException("unable to prepare context: path \"" + contextRoot + "\" not found");
            }
            checksums = paths.checksums();
        } else {
            contextRoot = workspace.newDirectory("context");
            if (request.contextTar() != null) {
                BuildContext.unpack(request.contextTar(), contextRoot);
            }
            checksums = null;
        }
        String name;
        String text;
        Path dockerfileLocation;
        switch (request.dockerfile()) {
            case BuildRequest.DockerfileSource.Text given -> {
                name = given.name();
                text = given.text();
                dockerfileLocation = given.location() != null ? given.location() : contextRoot.resolve("Dockerfile");
            }
            case BuildRequest.DockerfileSource.InContext inContext -> {
                dockerfileLocation = contextRoot.resolve(inContext.path());
                name = inContext.path();
                try {
                    text = Files.readString(dockerfileLocation, StandardCharsets.UTF_8);
                } catch (NoSuchFileException e) {
                    throw new InvalidInputException("Cannot locate specified Dockerfile: " + inContext.path());
                }
            }
        }
        DockerIgnore ignore;
        try {
            ignore = DockerIgnore.load(contextRoot, dockerfileLocation);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
        BuildContext context = BuildContext.open(contextRoot, ignore, checksums, "build context");
        Map<String, BuildContext> named = new HashMap<>();
        for (Map.Entry<String, Path> entry : request.buildContexts().entrySet()) {
            if (!Files.isDirectory(entry.getValue())) {
                throw new InvalidInputException("--build-context " + entry.getKey() + "=" + entry.getValue()
                        + ": not a directory (only directories are supported as named contexts)");
            }
            named.put(entry.getKey(), BuildContext.open(entry.getValue(), DockerIgnore.none(), paths.checksums(),
                    "build context " + entry.getKey()));
        }

        Dockerfile dockerfile = DockerfileParser.parse(name, text);
        BuildPlan plan = InstructionParser.plan(dockerfile);
        Map<Integer, String> originals = new HashMap<>();
        for (InstructionNode node : dockerfile.instructions()) {
            originals.put(node.where().startLine(), node.original());
        }
        VariableScope globals = VariableScope.global(plan, request.buildArguments(), platformArguments());
        List<Stage> upTo = plan.stagesUpTo(request.target());
        Stage target = upTo.getLast();
        Set<Integer> needed = needed(plan, globals, target, named.keySet());
        for (ParseWarning warning : plan.warnings()) {
            output.warning("[WARNING]: " + warning);
        }

        // numbers as Docker's classic builder counts steps: global ARGs, then each stage's FROM and instructions
        int number = 0;
        List<Integer> argNumbers = new ArrayList<>();
        for (ArgInstruction ignored : plan.globalArgs()) {
            argNumbers.add(++number);
        }
        Map<Integer, List<Integer>> numbers = new LinkedHashMap<>();
        for (Stage stage : plan.stages()) {
            if (!needed.contains(stage.index())) {
                continue;
            }
            List<Integer> own = new ArrayList<>();
            own.add(++number);
            for (Instruction ignored : stage.instructions()) {
                own.add(++number);
            }
            if (stage == target && !request.labels().isEmpty()) {
                own.add(++number);
            }
            numbers.put(stage.index(), own);
        }
        int total = number;

        if (!plan.globalArgs().isEmpty()) {
            BuildOutput.Lane args = output.lane(-1, "internal");
            for (int i = 0; i < plan.globalArgs().size(); i++) {
                ArgInstruction arg = plan.globalArgs().get(i);
                args.step(argNumbers.get(i), total, originals.getOrDefault(arg.where().startLine(), "ARG"));
            }
            args.done();
        }
        Map<Integer, BuildOutput.Lane> lanes = new LinkedHashMap<>();
        for (Stage stage : plan.stages()) {
            if (needed.contains(stage.index())) {
                lanes.put(stage.index(), output.lane(stage.index(), "stage-" + stage.displayName()));
            }
        }
        BuildRun run = new BuildRun(engine, containers, workspace, request, plan, globals, context, named, output,
                lanes, originals, puller);
        for (int index : numbers.keySet()) {
            run.stages.put(index, new CompletableFuture<>());
        }
        List<Thread> threads = new ArrayList<>();
        // the first stage to fail ends the build, even while the target still waits for another stage
        CompletableFuture<BuildRun.StageResult> firstFailure = new CompletableFuture<>();
        for (Stage stage : plan.stages()) {
            if (!needed.contains(stage.index())) {
                continue;
            }
            CompletableFuture<BuildRun.StageResult> future = run.stages.get(stage.index());
            Map<String, String> labels = stage == target ? request.labels() : Map.of();
            StageRun stageRun = new StageRun(run, stage, lanes.get(stage.index()), numbers.get(stage.index()), total,
                    labels);
            threads.add(Thread.ofVirtual().name("build-stage-" + stage.index()).start(() -> {
                try {
                    future.complete(stageRun.run());
                } catch (Throwable e) {
                    lanes.get(stage.index()).failed(e.getMessage() == null ? e.toString() : e.getMessage());
                    lanes.get(stage.index()).done();
                    future.completeExceptionally(e);
                    firstFailure.completeExceptionally(e);
                }
            }));
        }
        BuildRun.StageResult result;
        try {
            result = (BuildRun.StageResult) CompletableFuture.anyOf(run.stages.get(target.index()), firstFailure).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        } catch (ExecutionException e) {
            Throwable cause = rootCause(e.getCause());
            // stop the others: their containers go with the workspace, then they end
            try {
                workspace.close();
            } catch (IOException | RuntimeException undo) {
                cause.addSuppressed(undo);
            }
            for (Thread thread : threads) {
                try {
                    thread.join(30_000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            throw rethrow(cause);
        }
        context.save();
        for (BuildContext context2 : named.values()) {
            context2.save();
        }
        Set<String> unused = request.buildArguments().unused(plan,
                plan.stages().stream().filter(s -> needed.contains(s.index())).toList());
        if (!unused.isEmpty()) {
            output.warning("[Warning] One or more build-args " + new TreeSet<>(unused) + " were not consumed");
        }
        Digest image = result.image();
        if (image == null) {
            throw new InvalidInputException("No image was generated. Is your Dockerfile empty?");
        }
        List<String> tagged = new ArrayList<>();
        for (String tag : request.tags()) {
            engine.names().tag(image.toString(), tag);
            tagged.add(dev.strata.engine.Names.taggable(tag).familiarString());
        }
        output.built(image.toString(), tagged);
        return new BuildResult(image, tagged, run.stepsRun.get(), run.runsRun.get(), context.filesHashed());
    }

    /** BuildKit's automatic platform ARGs, for this host: a stage sees them once it declares them. */
    static Map<String, String> platformArguments() {
        Platform host = Platform.host();
        String platform = host.os() + "/" + host.architecture() + (host.variant() == null ? "" : "/" + host.variant());
        Map<String, String> out = new LinkedHashMap<>();
        for (String prefix : List.of("BUILD", "TARGET")) {
            out.put(prefix + "PLATFORM", platform);
            out.put(prefix + "OS", host.os());
            out.put(prefix + "ARCH", host.architecture());
            out.put(prefix + "VARIANT", host.variant() == null ? "" : host.variant());
        }
        return out;
    }

    /**
     * The stages {@code target} needs, itself included: the stages it starts FROM, copies from and
     * mounts from, and theirs in turn (BuildKit's rule; the classic builder builds every stage).
     */
    static Set<Integer> needed(BuildPlan plan, VariableScope globals, Stage target, Set<String> namedContexts) {
        Set<Integer> out = new TreeSet<>();
        List<Stage> work = new ArrayList<>(List.of(target));
        while (!work.isEmpty()) {
            Stage stage = work.removeLast();
            if (!out.add(stage.index())) {
                continue;
            }
            List<String> froms = new ArrayList<>();
            if (plan.resolveBase(stage, globals) instanceof StageBase.EarlierStage earlier) {
                work.add(plan.stages().get(earlier.index()));
            }
            for (Instruction instruction : stage.instructions()) {
                switch (instruction) {
                    case CopyInstruction copy -> copy.from().ifPresent(froms::add);
                    case RunInstruction run -> {
                        for (RunMount mount : run.mounts()) {
                            mount.option("from").ifPresent(froms::add);
                        }
                    }
                    default -> {
                    }
                }
            }
            for (String from : froms) {
                if (namedContexts.contains(from)) {
                    continue;
                }
                Optional<Stage> named = plan.stage(from);
                if (named.isPresent() && named.get().index() != stage.index()
                        && (named.get().name().isPresent() || named.get().index() < stage.index())) {
                    work.add(named.get());
                }
            }
        }
        return out;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable current = e;
        while (current instanceof BuildRun.StageFailedElsewhere && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static IOException rethrow(Throwable cause) {
        if (cause instanceof IOException io) {
            return io;
        }
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IOException(cause);
    }
}
