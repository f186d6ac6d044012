package dev.strata.cli;

import dev.strata.build.dockerfile.Dockerfile;
import dev.strata.build.dockerfile.DockerfileException;
import dev.strata.build.dockerfile.DockerfileParser;
import dev.strata.build.dockerfile.ParseWarning;
import dev.strata.build.executor.BuildRequest;
import dev.strata.build.executor.BuildResult;
import dev.strata.build.executor.Builder;
import dev.strata.build.executor.Puller;
import dev.strata.build.executor.StepFailure;
import dev.strata.build.executor.progress.BuildOutput;
import dev.strata.build.executor.progress.ClassicLines;
import dev.strata.build.executor.progress.LiveView;
import dev.strata.build.executor.progress.Outputs;
import dev.strata.build.instruction.BuildArguments;
import dev.strata.build.instruction.BuildPlan;
import dev.strata.build.instruction.InstructionListing;
import dev.strata.build.instruction.InstructionParser;
import dev.strata.build.instruction.Stage;
import dev.strata.build.instruction.VariableScope;
import dev.strata.cli.flag.Arity;
import dev.strata.cli.flag.DeclaredCommand;
import dev.strata.cli.flag.Flag;
import dev.strata.compression.Compression;
import dev.strata.container.Attach;
import dev.strata.content.AtomicFile;
import dev.strata.engine.Names;
import dev.strata.error.StrataException;
import dev.strata.image.Platform;
import dev.strata.reference.InvalidReferenceException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * {@code strata build [OPTIONS] PATH | -}: reads the flags into a {@link BuildRequest}, picks the output
 * ({@code --progress}, {@code -q}, {@code --log}), runs {@link Builder#build} and prints the result or
 * the error, which names the Dockerfile and line; a failed RUN's exit code is the command's. With
 * {@code --print} it only parses and plans, printing one instruction per line ({@link InstructionListing}).
 */
public final class BuildCommand extends DeclaredCommand {
    private final Flag<List<String>> buildArgs = flags.list("build-arg",
            "Set build-time variables (NAME=VALUE, or NAME for the value in the environment)");
    private final Flag<List<String>> buildContexts = flags.list("build-context",
            "Additional build contexts (e.g., name=path)");
    private final Flag<String> file = flags.string("file", 'f',
            "Name of the Dockerfile (Default is \"PATH/Dockerfile\"; - reads it from STDIN)");
    private final Flag<String> iidfile = flags.string("iidfile", "Write the image ID to the file");
    private final Flag<List<String>> labels = flags.list("label", "Set metadata for an image");
    private final Flag<String> log = flags.string("log", "Write the whole build log to the file, whatever --progress says");
    private final Flag<String> network = flags.string("network",
            "Set the networking mode for the RUN instructions during build").defaultValue("default");
    private final Flag<Boolean> noCache = flags.bool("no-cache", "Do not use cache when building the image");
    private final Flag<String> platform = flags.string("platform", "Set platform if server is multi-platform capable");
    private final Flag<Boolean> print = flags.bool("print", "Print the parsed instructions instead of building");
    private final Flag<String> progress = flags.string("progress",
            "Set type of progress output (auto, plain, tty). Use plain to show container output").defaultValue("auto");
    private final Flag<Boolean> pull = flags.bool("pull", "Always attempt to pull a newer version of the image");
    private final Flag<Boolean> quiet = flags.bool("quiet", 'q', "Suppress the build output and print image ID on success");
    private final Flag<List<String>> secrets = flags.list("secret",
            "Secret file to expose to the build: id=mysecret,src=/local/secret");
    private final Flag<List<String>> tags = flags.list("tag", 't', "Name and optionally a tag in the 'name:tag' format");
    private final Flag<String> target = flags.string("target", "Set the target build stage to build.");

    public BuildCommand() {
        super("[OPTIONS] PATH | -", Arity.exactly(1), """
                Build an image from a Dockerfile

                PATH is the build context, a directory; - reads a context tar (plain, gzip,
                bzip2 or zstd) or a Dockerfile alone from STDIN. --print parses and plans only,
                one instruction per line, e.g.
                  5-6 RUN mount="type=cache,target=/root/.m2" shell="mvn  package\"""");
    }

    @Override
    public int run(List<String> arguments) throws IOException {
        Context current = Context.current();
        if (print.get()) {
            return print(current, arguments.getFirst());
        }
        for (String tag : tags.get()) {
            try {
                Names.taggable(tag);
            } catch (InvalidReferenceException e) {
                throw new CommandFailure(125, "invalid argument \"" + tag + "\" for \"-t, --tag\" flag: " + e.getMessage()
                        + "\nSee 'strata build --help'.");
            }
        }
        String mode = progress.get();
        if (!Set.of("auto", "plain", "tty").contains(mode)) {
            throw new CommandFailure(125, "invalid argument \"" + mode + "\" for \"--progress\" flag: expected auto, plain or tty");
        }
        String networkMode = network.get();
        if (networkMode.equals("bridge")) {
            throw new CommandFailure(1, "Error: --network bridge: Strata has no bridge network yet; use none or host");
        }
        if (!Set.of("default", "none", "host").contains(networkMode)) {
            throw new CommandFailure(1, "Error: network " + networkMode + " not found (strata build supports default, none and host)");
        }
        if (platform.given() != null && !platform.given().isEmpty() && !Platform.isHost(platform.given())) {
            throw new CommandFailure(1, "Error: --platform " + platform.given() + ": strata builds for this host's platform ("
                    + Platform.host() + ") only");
        }
        BuildRequest request = request(current, arguments.getFirst());
        if (iidfile.given() != null) {
            Files.deleteIfExists(Path.of(iidfile.given()));
        }
        try (PrintStream logFile = log.given() == null ? null
                : new PrintStream(Files.newOutputStream(Path.of(log.given())), true, StandardCharsets.UTF_8)) {
            BuildOutput output = output(current, mode, logFile);
            BuildResult result;
            try {
                // the registry client loads only when a build pulls
                Puller puller = (reference, out) -> PullCommand.pullForBuild(current, reference, out);
                result = new Builder(current.engine(), current.containers(), puller).build(request, output);
            } catch (StepFailure e) {
                throw new CommandFailure(e.exitCode(), e.getMessage());
            } catch (StrataException e) {
                // as docker build prints a build's error: its own words, no "Error response from daemon"
                throw new CommandFailure(1, e.getMessage());
            }
            if (quiet.get()) {
                current.out().println(result.image());
            }
            if (iidfile.given() != null) {
                AtomicFile.write(Path.of(iidfile.given()), result.image().toString().getBytes(StandardCharsets.UTF_8));
            }
            current.out().flush();
            return 0;
        }
    }

    private BuildOutput output(Context current, String mode, PrintStream logFile) {
        List<BuildOutput> outputs = new ArrayList<>();
        boolean tty = mode.equals("tty") || (mode.equals("auto") && current.out() == System.out && Attach.stdoutIsTerminal());
        if (!quiet.get()) {
            if (tty) {
                String columns = current.env().get("COLUMNS");
                outputs.add(new LiveView(current.err(), columns != null && columns.matches("\\d+") ? Integer.parseInt(columns) : 80));
            } else {
                outputs.add(new ClassicLines(current.out(), null));
            }
        }
        if (logFile != null) {
            outputs.add(new ClassicLines(logFile, null));
        }
        return new Outputs(outputs);
    }

    /** The flags as a request. */
    private BuildRequest request(Context current, String path) throws IOException {
        BuildRequest.Builder request;
        String fileFlag = file.given();
        if (path.equals("-")) {
            if ("-".equals(fileFlag)) {
                throw new CommandFailure(1, "Error: invalid argument: can't use stdin for both build context and dockerfile");
            }
            BufferedInputStream in = new BufferedInputStream(current.in(), 1 << 16);
            if (isArchive(in)) {
                request = BuildRequest.ofTar(in);
                if (fileFlag != null) {
                    request.dockerfile(fileFlag);
                }
            } else {
                // a Dockerfile alone: the context is empty
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                request = BuildRequest.of(null).dockerfile(new BuildRequest.DockerfileSource.Text("Dockerfile", text, null));
            }
        } else {
            if (path.contains("://") || path.startsWith("git@")) {
                throw new CommandFailure(1, "Error: building from " + path + " is not supported yet: give a directory or -");
            }
            Path context = Path.of(path);
            if (!Files.isDirectory(context)) {
                throw new CommandFailure(1, "Error: unable to prepare context: path \"" + path + "\" not found");
            }
            request = BuildRequest.of(context);
            if ("-".equals(fileFlag)) {
                String text = new String(current.in().readAllBytes(), StandardCharsets.UTF_8);
                request.dockerfile(new BuildRequest.DockerfileSource.Text("Dockerfile", text, null));
            } else if (fileFlag != null) {
                Path dockerfile = Path.of(fileFlag);
                try {
                    request.dockerfile(new BuildRequest.DockerfileSource.Text(fileFlag,
                            Files.readString(dockerfile, StandardCharsets.UTF_8), dockerfile));
                } catch (NoSuchFileException e) {
                    throw new CommandFailure(1, "Error: cannot read the Dockerfile " + fileFlag + ": no such file");
                }
            } else if (!Files.exists(context.resolve("Dockerfile"))) {
                throw new CommandFailure(1, "Error: cannot read the Dockerfile " + context.resolve("Dockerfile")
                        + ": no such file");
            }
        }
        try {
            request.buildArguments(BuildArguments.parse(buildArgs.get(), current.env()::get));
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(125, e.getMessage());
        }
        request.tags(tags.get()).target(target.given()).noCache(noCache.get()).pull(pull.get()).network(network.get());
        for (String label : labels.get()) {
            int eq = label.indexOf('=');
            request.label(eq < 0 ? label : label.substring(0, eq), eq < 0 ? "" : label.substring(eq + 1));
        }
        for (String spec : secrets.get()) {
            Map<String, String> fields = fields(spec, "--secret");
            String id = fields.get("id");
            String src = fields.getOrDefault("src", fields.get("source"));
            if (id == null || id.isEmpty()) {
                throw new CommandFailure(125, "invalid argument \"" + spec + "\" for \"--secret\" flag: the secret needs an id");
            }
            if (src == null) {
                throw new CommandFailure(125, "invalid argument \"" + spec + "\" for \"--secret\" flag: expected id=ID,src=FILE");
            }
            if (!Files.isRegularFile(Path.of(src))) {
                throw new CommandFailure(1, "Error: secret " + id + ": " + src + ": no such file");
            }
            request.secret(id, Path.of(src));
        }
        for (String spec : buildContexts.get()) {
            int eq = spec.indexOf('=');
            if (eq <= 0) {
                throw new CommandFailure(125, "invalid argument \"" + spec + "\" for \"--build-context\" flag: expected NAME=DIR");
            }
            request.buildContext(spec.substring(0, eq), Path.of(spec.substring(eq + 1)));
        }
        String epoch = current.env().get("SOURCE_DATE_EPOCH");
        if (epoch != null && !epoch.isEmpty()) {
            try {
                request.sourceDateEpoch(OptionalLong.of(Long.parseLong(epoch)));
            } catch (NumberFormatException e) {
                throw new CommandFailure(1, "Error: SOURCE_DATE_EPOCH=" + epoch + ": expected whole seconds since 1970");
            }
        }
        return request.build();
    }

    private static Map<String, String> fields(String spec, String flag) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String field : spec.split(",")) {
            int eq = field.indexOf('=');
            if (eq < 0) {
                throw new CommandFailure(125, "invalid argument \"" + spec + "\" for \"" + flag + "\" flag: expected key=value, not " + field);
            }
            out.put(field.substring(0, eq).strip(), field.substring(eq + 1));
        }
        return out;
    }

    /** Whether the stream starts like a tar or a compressed stream, as the docker CLI tells a context from a Dockerfile. */
    private static boolean isArchive(BufferedInputStream in) throws IOException {
        in.mark(512);
        byte[] head = in.readNBytes(512);
        in.reset();
        if (Compression.of(head) != Compression.NONE) {
            return true;
        }
        return head.length >= 262 && new String(head, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
    }

    private int print(Context current, String path) {
        PrintStream out = current.out();
        PrintStream err = current.err();
        Path context = Path.of(path);
        String fileFlag = this.file.given();
        try {
            String name;
            String text;
            if ("-".equals(fileFlag)) {
                name = "Dockerfile";
                text = new String(current.in().readAllBytes(), StandardCharsets.UTF_8);
            } else {
                Path dockerfile = fileFlag != null ? Path.of(fileFlag) : context.resolve("Dockerfile").normalize();
                name = dockerfile.toString();
                text = Files.readString(dockerfile, StandardCharsets.UTF_8);
            }
            Dockerfile dockerfile = DockerfileParser.parse(name, text);
            BuildPlan plan = InstructionParser.plan(dockerfile);
            BuildArguments buildArguments = BuildArguments.parse(buildArgs.get(), System::getenv);
            VariableScope globals = VariableScope.global(plan, buildArguments);
            List<Stage> stages = plan.stagesUpTo(Optional.ofNullable(target.given()));
            String listing = InstructionListing.list(plan, stages, globals);
            for (ParseWarning warning : plan.warnings()) {
                err.println(warning);
            }
            Set<String> unused = buildArguments.unused(plan, stages);
            if (!unused.isEmpty()) {
                err.println("warning: build arguments not consumed by any ARG: " + String.join(", ", unused));
            }
            out.print(listing);
            out.flush();
            err.flush();
            return 0;
        } catch (DockerfileException e) {
            err.println(e.getMessage());
        } catch (NoSuchFileException e) {
            err.println("strata build: cannot read the Dockerfile " + e.getFile() + ": no such file");
        } catch (IOException e) {
            err.println("strata build: cannot read the Dockerfile: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            err.println("strata build: " + e.getMessage());
        }
        err.flush();
        return 1;
    }
}
