package dev.strata.build.executor;

import dev.strata.build.dockerfile.Heredoc;
import dev.strata.build.executor.cache.CacheKey;
import dev.strata.build.executor.mount.RunMounts;
import dev.strata.build.executor.progress.BuildOutput;
import dev.strata.build.instruction.BuildArguments;
import dev.strata.build.instruction.CommandForm;
import dev.strata.build.instruction.RunInstruction;
import dev.strata.container.Attach;
import dev.strata.container.ContainerRecord;
import dev.strata.container.CreateOptions;
import dev.strata.container.RuntimeFailureException;
import dev.strata.container.ScopedPath;
import dev.strata.digest.Digest;
import dev.strata.engine.ImageWriter;
import dev.strata.error.InvalidInputException;
import dev.strata.image.ContainerConfig;
import dev.strata.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RUN: a container made from the step's parent image, run attached with its output streamed to the
 * build's output, its changes written as the step's layer, then removed. As in Docker's classic
 * builder, the command runs with the config's user, working directory and environment plus the build
 * arguments in force (which ENV overrides), the image's entrypoint cleared; its history records the
 * command with the build arguments it saw ({@code |2 A=1 B=2 /bin/sh -c make}). The mount points the
 * runtime had to create for {@code --mount}s are removed before the changes are read, so a mount
 * leaves no trace in the layer.
 */
final class RunStep {
    private final BuildRun run;
    private final StageRun stage;
    private final RunInstruction instruction;
    private final BuildOutput.Lane lane;

    RunStep(BuildRun run, StageRun stage, RunInstruction instruction, BuildOutput.Lane lane) {
        this.run = run;
        this.stage = stage;
        this.instruction = instruction;
        this.lane = lane;
    }

    void execute() throws IOException {
        ContainerConfig config = stage.config();
        List<String> argv = argv(config);
        Map<String, String> args = buildArgs(config);
        List<String> shown = new ArrayList<>();
        List<String> env = new ArrayList<>();
        args.forEach((k, v) -> env.add(k + "=" + v));
        for (Map.Entry<String, String> arg : args.entrySet()) {
            if (!BuildArguments.PREDEFINED.contains(arg.getKey()) || stage.scope.declaredArgs().contains(arg.getKey())) {
                shown.add(arg.getKey() + "=" + arg.getValue());
            }
        }
        List<String> recorded = ClassicRecords.runCommand(shown, argv);
        String createdBy = String.join(" ", recorded);
        String network = instruction.network().filter(n -> !n.equals("default")).orElse(run.request.network());
        if (instruction.security().filter("insecure"::equals).isPresent()) {
            throw new InvalidInputException("RUN --security=insecure needs the security.insecure entitlement, which "
                    + "strata build does not grant");
        }
        Digest parent = stage.image();
        if (parent == null) {
            throw new InvalidInputException("RUN in a stage FROM scratch has nothing to run: the stage has no "
                    + "files yet, no shell among them");
        }
        CacheKey key = CacheKey.on(parent).with("step", "run").with("command", Json.writeString(recorded))
                .with("env", Json.writeString(env)).with("author", stage.author)
                .with("config", Json.writeString(config)).with("network", network);
        RunMounts mounts = RunMounts.prepare(instruction.mounts(), config.workingDir(), run, key);
        try {
            stage.image = run.commit(key, parent, createdBy, lane, () -> runContainer(parent, config, argv, env,
                    network, mounts, createdBy, recorded));
        } finally {
            mounts.close();
        }
    }

    /** The command: exec form as written; shell form through SHELL, its heredocs as Docker's frontend passes them. */
    private List<String> argv(ContainerConfig config) {
        return switch (instruction.command()) {
            case CommandForm.Exec exec -> exec.arguments();
            case CommandForm.Shell shell -> {
                List<String> out = new ArrayList<>(ClassicRecords.shell(config.shell()));
                out.add(shellText(shell.command()));
                yield out;
            }
        };
    }

    /**
     * BuildKit's heredocs in RUN: {@code RUN <<EOF} alone runs the heredoc as the script; any other
     * command gets the heredoc bodies after it, for the shell to read as its own heredocs.
     */
    private String shellText(String command) {
        List<Heredoc> heredocs = instruction.heredocs();
        if (heredocs.isEmpty()) {
            return command;
        }
        if (heredocs.size() == 1 && command.strip().matches("\\d*<<-?[\"']?" + java.util.regex.Pattern.quote(heredocs.getFirst().name()) + "[\"']?")) {
            return heredocs.getFirst().content();
        }
        StringBuilder text = new StringBuilder(command);
        for (Heredoc heredoc : heredocs) {
            text.append('\n').append(heredoc.content());
            if (!heredoc.content().isEmpty() && !heredoc.content().endsWith("\n")) {
                text.append('\n');
            }
            text.append(heredoc.name());
        }
        return text.toString();
    }

    /** The build arguments the command sees: ARGs declared with a value, and the proxy ones given; ENV wins. */
    private Map<String, String> buildArgs(ContainerConfig config) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> env = config.env() == null ? List.of() : config.env();
        for (Map.Entry<String, String> arg : stage.scope.args().entrySet()) {
            if (stage.scope.declaredArgs().contains(arg.getKey())
                    && env.stream().noneMatch(e -> e.startsWith(arg.getKey() + "=") || e.equals(arg.getKey()))) {
                out.put(arg.getKey(), arg.getValue());
            }
        }
        run.request.buildArguments().predefined().forEach((k, v) -> {
            if (!out.containsKey(k) && env.stream().noneMatch(e -> e.startsWith(k + "="))) {
                out.put(k, v);
            }
        });
        return out;
    }

    private Digest runContainer(Digest parent, ContainerConfig config, List<String> argv, List<String> env,
                                String network, RunMounts mounts, String createdBy, List<String> recorded)
            throws IOException {
        List<String> binds = new ArrayList<>(mounts.binds());
        binds.addAll(volumes(parent, config));
        CreateOptions options = CreateOptions.image(parent.toString())
                .entrypoint("")
                .command(argv)
                .env(env)
                .user(config.user())
                .workdir(config.workingDir().isEmpty() ? null : config.workingDir())
                .network(network.equals("default") ? null : network)
                .volumes(binds)
                .labels(run.workspace.containerLabels())
                .build();
        ContainerRecord record = run.containers.create(options);
        String id = record.id();
        try {
            List<Path> stubs = missing(run.containers.mountRootFs(id), mounts.targets());
            lane.runningIn(id);
            int code;
            try {
                code = run.containers.startAttached(id, Attach.streams(null, lane.output(), lane.output()));
            } catch (RuntimeFailureException e) {
                throw new RunFailure(e.getMessage(), RuntimeFailureException.runExitCode(e));
            }
            run.runsRun.incrementAndGet();
            if (code != 0) {
                throw new RunFailure("The command '" + String.join(" ", argv) + "' returned a non-zero code: " + code, code);
            }
            removeStubs(run.containers.mountRootFs(id), stubs);
            ImageWriter.LayerSource layer = new ImageWriter.LayerSource.Written(
                    tar -> run.containers.writeChanges(id, run.clamped(tar)));
            ContainerConfig probe = config.with().cmd(recorded).entrypoint(null).build();
            Digest made = run.derive(parent, layer, config, createdBy, stage.author, probe);
            run.containers.remove(id, true, false);
            lane.removed(id);
            return made;
        } catch (IOException | RuntimeException e) {
            try {
                run.containers.remove(id, true, false);
                lane.removed(id);
            } catch (IOException | RuntimeException undo) {
                e.addSuppressed(undo);
            }
            throw e;
        }
    }

    /**
     * Docker's classic builder runs a step after VOLUME with an anonymous volume on each volume path,
     * filled from the image: the command sees what is there, what it writes there is dropped, and a
     * path that was missing is left as an empty directory. A copy of the image's directory, bound
     * there, does the same.
     */
    private List<String> volumes(Digest parent, ContainerConfig config) throws IOException {
        List<String> out = new ArrayList<>();
        if (config.volumes() == null || config.volumes().isEmpty()) {
            return out;
        }
        dev.strata.build.executor.copy.ImageTree image = run.imageTree(parent, "image " + parent.shortHex());
        for (String volume : config.volumes().keySet()) {
            Path copy = run.workspace.newDirectory("volume");
            Path inImage = ScopedPath.resolve(image.root(), volume);
            if (Files.isDirectory(inImage)) {
                var found = dev.strata.build.executor.copy.Sources.resolve(image, List.of(volume), "VOLUME",
                        rel -> false, false).getFirst();
                new dev.strata.build.executor.copy.Copier(copy, image, java.util.Optional.empty(),
                        java.util.Optional.empty(), rel -> false).copy(found, "/", false);
            }
            out.add(copy + ":" + volume);
        }
        return out;
    }

    /** A command that failed or could not start, with the exit status the build ends with. */
    static final class RunFailure extends InvalidInputException {
        final int exitCode;

        RunFailure(String message, int exitCode) {
            super(message);
            this.exitCode = exitCode;
        }
    }

    /**
     * The topmost missing path of each mount target, inside the container's root: what the runtime
     * will create as mount points. Nearest to the root first.
     */
    private static List<Path> missing(Path rootfs, List<String> targets) throws IOException {
        List<Path> out = new ArrayList<>();
        for (String target : targets) {
            Path p = rootfs;
            for (String part : target.split("/")) {
                if (part.isEmpty()) {
                    continue;
                }
                Path next = ScopedPath.resolve(rootfs, ScopedPath.inside(rootfs, p) + "/" + part);
                if (!Files.exists(next, LinkOption.NOFOLLOW_LINKS)) {
                    if (!out.contains(next)) {
                        out.add(next);
                    }
                    break;
                }
                p = next;
            }
        }
        return out;
    }

    /** Removes the mount points the runtime made, if they are still the empty stubs it made. */
    private static void removeStubs(Path rootfs, List<Path> stubs) throws IOException {
        for (Path stub : stubs) {
            removeEmpty(stub);
        }
    }

    private static void removeEmpty(Path path) throws IOException {
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            try (var children = Files.list(path)) {
                for (Path child : children.toList()) {
                    removeEmpty(child);
                }
            }
            try (var left = Files.list(path)) {
                if (left.findAny().isEmpty()) {
                    Files.delete(path);
                }
            }
        } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) && Files.size(path) == 0) {
            Files.delete(path);
        }
    }
}
