package dev.strata.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code strata rm [-f] [-v] CONTAINER...}; {@code -v} is accepted, Strata has no anonymous volumes to remove. */
@Command(name = "rm", description = "Remove one or more containers", mixinStandardHelpOptions = true)
public final class RmCommand implements Callable<Integer> {
    private final CommandContext context;

    @Option(names = {"-f", "--force"}, description = "Force the removal of a running container (uses SIGKILL)")
    boolean force;

    @Option(names = {"-v", "--volumes"}, description = "Remove anonymous volumes associated with the container")
    boolean volumes;

    @Parameters(paramLabel = "CONTAINER", arity = "1..*")
    List<String> containers = new ArrayList<>();

    public RmCommand(CommandContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        return context.eachContainer(containers, true, c -> context.containers().remove(c, force, volumes));
    }
}
