package dev.strata.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code strata stop [-t SECONDS] CONTAINER...}: the stop signal, then SIGKILL after the timeout. */
@Command(name = "stop", description = "Stop one or more running containers", mixinStandardHelpOptions = true)
public final class StopCommand implements Callable<Integer> {
    private final CommandContext context;

    @Option(names = {"-t", "--time"}, paramLabel = "int", description = "Seconds to wait for stop before killing it (default 10)")
    Integer time;

    @Parameters(paramLabel = "CONTAINER", arity = "1..*")
    List<String> containers = new ArrayList<>();

    public StopCommand(CommandContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        return context.eachContainer(containers, true, c -> context.containers().stop(c, time));
    }
}
