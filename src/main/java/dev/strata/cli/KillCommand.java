package dev.strata.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code strata kill [-s SIGNAL] CONTAINER...}. */
@Command(name = "kill", description = "Kill one or more running containers", mixinStandardHelpOptions = true)
public final class KillCommand implements Callable<Integer> {
    private final CommandContext context;

    @Option(names = {"-s", "--signal"}, paramLabel = "string", defaultValue = "KILL",
            description = "Signal to send to the container (default \"KILL\")")
    String signal;

    @Parameters(paramLabel = "CONTAINER", arity = "1..*")
    List<String> containers = new ArrayList<>();

    public KillCommand(CommandContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        return context.eachContainer(containers, true, c -> context.containers().kill(c, signal));
    }
}
