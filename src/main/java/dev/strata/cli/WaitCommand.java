package dev.strata.cli;

import dev.strata.cli.flag.Arity;
import java.util.List;

/** {@code strata wait CONTAINER...}: blocks until each stops, printing its exit code. */
public final class WaitCommand extends ContainerCommand {
    public WaitCommand(CommandContext context) {
        super(context, "CONTAINER [CONTAINER...]", Arity.atLeast(1));
    }

    @Override
    public int run(List<String> containers) {
        return context.eachContainer(containers, false, c -> context.out().println(context.containers().waitFor(c)));
    }
}
