package dev.strata.cli;

import dev.strata.cli.flag.Arity;
import dev.strata.cli.flag.Command;
import dev.strata.cli.flag.FlagSet;
import dev.strata.cli.flag.Syntax;
import java.util.List;

/** {@code strata wait CONTAINER...}: blocks until each stops, printing its exit code. */
public final class WaitCommand implements Command {
    private final CommandContext context;
    private final FlagSet flags = new FlagSet();

    public WaitCommand(CommandContext context) {
        this.context = context;
    }

    @Override
    public Syntax syntax() {
        return new Syntax(flags, "CONTAINER [CONTAINER...]", Arity.atLeast(1));
    }

    @Override
    public int run(List<String> containers) {
        return context.eachContainer(containers, false, c -> context.out().println(context.containers().waitFor(c)));
    }
}
