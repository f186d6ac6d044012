package dev.strata.cli;

import dev.strata.build.dockerfile.Dockerfile;
import dev.strata.build.dockerfile.DockerfileException;
import dev.strata.build.dockerfile.DockerfileParser;
import dev.strata.build.dockerfile.ParseWarning;
import dev.strata.build.instruction.BuildArguments;
import dev.strata.build.instruction.BuildPlan;
import dev.strata.build.instruction.InstructionListing;
import dev.strata.build.instruction.InstructionParser;
import dev.strata.build.instruction.Stage;
import dev.strata.build.instruction.VariableScope;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code strata build [--print] [-f FILE] [--build-arg NAME=VALUE]... [--target STAGE] CONTEXT}.
 *
 * <p>With {@code --print} it parses the Dockerfile and prints the global ARGs and the instructions of
 * the stages up to the target, one per line, in the format {@link InstructionListing} documents;
 * parser warnings and unused build arguments go to standard error. Exit status 0, or 1 with a message
 * such as {@code Dockerfile:7: unknown instruction: FORM (did you mean FROM?)} on standard error.
 * Without {@code --print} it says that building is not implemented yet and exits with 1.
 */
@Command(name = "build",
        description = "Build an image from a Dockerfile (for now only --print, which shows the parsed Dockerfile).",
        footer = {"",
                "--print writes one instruction per line, LINES KEYWORD FIELD..., e.g.",
                "  5-6 RUN mount=\"type=cache,target=/root/.m2\" shell=\"mvn  package\"",
                "Strings are JSON-quoted and shown as written: variables are expanded",
                "only while building. A FROM line ends with its stage index and its",
                "base after the global ARGs."})
public final class BuildCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CONTEXT", description = "The build context directory.")
    private Path context;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "The Dockerfile (default: CONTEXT/Dockerfile); - reads it from standard input.")
    private String file;

    @Option(names = "--build-arg", paramLabel = "NAME[=VALUE]",
            description = "Set a build argument; NAME alone takes the value from the environment. Repeatable.")
    private List<String> buildArgs = new ArrayList<>();

    @Option(names = "--target", paramLabel = "STAGE", description = "Build up to this named stage.")
    private String target;

    @Option(names = "--print", description = "Print the parsed instructions instead of building.")
    private boolean print;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Spec
    private CommandSpec spec;

    private final InputStream stdin;

    public BuildCommand() {
        this(System.in);
    }

    /** For tests: where {@code -f -} reads from. */
    BuildCommand(InputStream stdin) {
        this.stdin = stdin;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!print) {
            err.println("strata build: running builds is not implemented yet; use --print to see the parsed Dockerfile");
            err.flush();
            return 1;
        }
        try {
            String name;
            String text;
            if ("-".equals(file)) {
                name = "Dockerfile";
                text = new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
            } else {
                Path path = file != null ? Path.of(file) : context.resolve("Dockerfile").normalize();
                name = path.toString();
                text = Files.readString(path, StandardCharsets.UTF_8);
            }
            Dockerfile dockerfile = DockerfileParser.parse(name, text);
            BuildPlan plan = InstructionParser.plan(dockerfile);
            BuildArguments arguments = BuildArguments.parse(buildArgs, System::getenv);
            VariableScope globals = VariableScope.global(plan, arguments);
            List<Stage> stages = plan.stagesUpTo(Optional.ofNullable(target));
            String listing = InstructionListing.list(plan, stages, globals);
            for (ParseWarning warning : plan.warnings()) {
                err.println(warning);
            }
            Set<String> unused = arguments.unused(plan, stages);
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
