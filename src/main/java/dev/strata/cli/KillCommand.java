package dev.strata.cli;

import dev.strata.cli.flag.Flag;
import java.util.List;

/** {@code strata kill [-s SIGNAL] CONTAINER...}. */
public final class KillCommand extends ContainerCommand {
    // empty: KILL, as in docker, whose help shows no default
    private final Flag<String> signal = flags.string("signal", 's', "Signal to send to the container");

    public KillCommand(CommandContext context) {
        super(context);
    }

    @Override
    public int run(List<String> containers) {
        return context.eachContainer(containers, true, c -> context.containers().kill(c, signal.get()));
    }
}
