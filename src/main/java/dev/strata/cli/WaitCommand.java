package dev.strata.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code strata wait CONTAINER...}: blocks until each stops, printing its exit code. */
@Command(name = "wait", description = "Block until one or more containers stop, then print their exit codes",
        mixinStandardHelpOptions = true)
public final class WaitCommand implements Callable<Integer> {
    private final CommandContext context;

    @Parameters(paramLabel = "CONTAINER", arity = "1..*")
    List<String> containers = new ArrayList<>();

    public WaitCommand(CommandContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        return context.eachContainer(containers, false, c -> context.out().println(context.containers().waitFor(c)));
    }
}
