package dev.strata.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code strata container inspect [-f FORMAT] CONTAINER...}: a JSON array, indented as Docker indents it,
 * of every container found; {@code Error: No such container: X} for each one not found (exit 1).
 */
@Command(name = "inspect", description = "Display detailed information on one or more containers",
        mixinStandardHelpOptions = true)
public final class ContainerInspectCommand implements Callable<Integer> {
    private final CommandContext context;

    @Option(names = {"-f", "--format"}, paramLabel = "string", description = "Format the output using the given Go template")
    String format;

    @Option(names = {"-s", "--size"}, description = "Display total file sizes (not supported yet; ignored)")
    boolean size;

    @Parameters(paramLabel = "CONTAINER", arity = "1..*")
    List<String> containers = new ArrayList<>();

    public ContainerInspectCommand(CommandContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        return Inspection.run(context.out(), context.err(), containers, format, Inspection.Kind.CONTAINER,
                Inspection.NONE, Inspection.containers(context));
    }
}
