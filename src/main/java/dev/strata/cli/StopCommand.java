package dev.strata.cli;

import dev.strata.cli.flag.Flag;
import java.util.List;

/** {@code strata stop [-t SECONDS] CONTAINER...}: the stop signal, then SIGKILL after the timeout. */
public final class StopCommand extends ContainerCommand {
    private final Flag<Long> timeout = flags.integer("timeout", 't', "Seconds to wait before killing the container");

    public StopCommand(CommandContext context) {
        super(context);
        flags.alias("time", timeout).deprecated("use --timeout instead");
    }

    @Override
    public int run(List<String> containers) {
        // not given: the container's StopTimeout, else 10 seconds
        Integer seconds = timeout.changed() ? Math.clamp(timeout.get(), Integer.MIN_VALUE, Integer.MAX_VALUE) : null;
        return context.eachContainer(containers, true, c -> context.containers().stop(c, seconds));
    }
}
