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
import dev.strata.cli.flag.Arity;
import dev.strata.cli.flag.DeclaredCommand;
import dev.strata.cli.flag.Flag;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code strata build [--print] [-f FILE] [--build-arg NAME=VALUE]... [--target STAGE] CONTEXT}.
 *
 * <p>With {@code --print} it parses the Dockerfile and prints the global ARGs and the instructions of
 * the stages up to the target, one per line, in the format {@link InstructionListing} documents;
 * parser warnings and unused build arguments go to standard error. Exit status 0, or 1 with a message
 * such as {@code Dockerfile:7: unknown instruction: FORM (did you mean FROM?)} on standard error.
 * Without {@code --print} it says that building is not implemented yet and exits with 1.
 */
public final class BuildCommand extends DeclaredCommand {
    private final Flag<List<String>> buildArgs = flags.list("build-arg",
            "Set build-time variables (NAME=VALUE, or NAME for the value in the environment)");
    private final Flag<String> file = flags.string("file", 'f',
            "Name of the Dockerfile (Default is \"PATH/Dockerfile\"; - reads it from STDIN)");
    private final Flag<Boolean> print = flags.bool("print", "Print the parsed instructions instead of building");
    private final Flag<String> target = flags.string("target", "Set the target build stage to build.");

    public BuildCommand() {
        super("[OPTIONS] PATH", Arity.exactly(1), """
                Build an image from a Dockerfile (for now only --print, which shows the parsed Dockerfile).

                --print writes one instruction per line, LINES KEYWORD FIELD..., e.g.
                  5-6 RUN mount="type=cache,target=/root/.m2" shell="mvn  package"
                Strings are JSON-quoted and shown as written: variables are expanded
                only while building. A FROM line ends with its stage index and its
                base after the global ARGs.""");
    }

    @Override
    public int run(List<String> arguments) {
        Context current = Context.current();
        PrintStream out = current.out();
        PrintStream err = current.err();
        Path context = Path.of(arguments.getFirst());
        String file = this.file.given();
        if (!print.get()) {
            err.println("strata build: running builds is not implemented yet; use --print to see the parsed Dockerfile");
            err.flush();
            return 1;
        }
        try {
            String name;
            String text;
            if ("-".equals(file)) {
                name = "Dockerfile";
                text = new String(current.in().readAllBytes(), StandardCharsets.UTF_8);
            } else {
                Path path = file != null ? Path.of(file) : context.resolve("Dockerfile").normalize();
                name = path.toString();
                text = Files.readString(path, StandardCharsets.UTF_8);
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
