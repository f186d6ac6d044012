package dev.strata.cli;

import dev.strata.cli.flag.Arity;
import dev.strata.cli.flag.Command;
import dev.strata.cli.flag.Flag;
import dev.strata.cli.flag.FlagSet;
import dev.strata.cli.flag.Syntax;
import java.util.List;

/** {@code strata kill [-s SIGNAL] CONTAINER...}. */
public final class KillCommand implements Command {
    private final CommandContext context;
    private final FlagSet flags = new FlagSet();
    // empty: KILL, as in docker, whose help shows no default
    private final Flag<String> signal = flags.string("signal", 's', "Signal to send to the container");

    public KillCommand(CommandContext context) {
        this.context = context;
    }

    @Override
    public Syntax syntax() {
        return new Syntax(flags, "[OPTIONS] CONTAINER [CONTAINER...]", Arity.atLeast(1));
    }

    @Override
    public int run(List<String> containers) {
        return context.eachContainer(containers, true, c -> context.containers().kill(c, signal.get()));
    }
}
