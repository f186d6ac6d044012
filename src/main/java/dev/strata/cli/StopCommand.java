package dev.strata.cli;

import dev.strata.cli.flag.Arity;
import dev.strata.cli.flag.Command;
import dev.strata.cli.flag.Flag;
import dev.strata.cli.flag.FlagSet;
import dev.strata.cli.flag.Syntax;
import java.util.List;

/** {@code strata stop [-t SECONDS] CONTAINER...}: the stop signal, then SIGKILL after the timeout. */
public final class StopCommand implements Command {
    private final CommandContext context;
    private final FlagSet flags = new FlagSet();
    private final Flag<Long> timeout = flags.integer("timeout", 't', "Seconds to wait before killing the container");

    public StopCommand(CommandContext context) {
        this.context = context;
        flags.alias("time", timeout).deprecated("use --timeout instead");
    }

    @Override
    public Syntax syntax() {
        return new Syntax(flags, "[OPTIONS] CONTAINER [CONTAINER...]", Arity.atLeast(1));
    }

    @Override
    public int run(List<String> containers) {
        // not given: the container's StopTimeout, else 10 seconds
        Integer seconds = timeout.changed() ? Math.clamp(timeout.get(), Integer.MIN_VALUE, Integer.MAX_VALUE) : null;
        return context.eachContainer(containers, true, c -> context.containers().stop(c, seconds));
    }
}
