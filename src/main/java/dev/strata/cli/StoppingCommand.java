package dev.strata.cli;

import dev.strata.cli.flag.Flag;
import dev.strata.container.Containers;
import java.io.IOException;
import java.util.List;

/**
 * {@code strata stop [-t SECONDS] CONTAINER...} (the stop signal, then SIGKILL after the timeout) and
 * {@code strata restart [-t SECONDS] CONTAINER...} (stop as {@code stop} does, then start again): Docker's
 * {@code -t/--timeout} (and the deprecated {@code --time}) before SIGKILL.
 */
final class StoppingCommand extends ContainerCommand {
    @FunctionalInterface
    private interface Action {
        void apply(Containers containers, String container, Integer timeoutSeconds) throws IOException;
    }

    private final Flag<Long> timeout = flags.integer("timeout", 't', "Seconds to wait before killing the container");
    private final Action action;

    private StoppingCommand(CommandContext context, Action action) {
        super(context);
        this.action = action;
        flags.alias("time", timeout).deprecated("use --timeout instead");
    }

    static StoppingCommand stop(CommandContext context) {
        return new StoppingCommand(context, Containers::stop);
    }

    static StoppingCommand restart(CommandContext context) {
        return new StoppingCommand(context, Containers::restart);
    }

    @Override
    public int run(List<String> containers) {
        // null (not given): the container's StopTimeout, else 10 seconds
        Integer seconds = timeout.changed() ? Math.clamp(timeout.get(), Integer.MIN_VALUE, Integer.MAX_VALUE) : null;
        return context.eachContainer(containers, true, c -> action.apply(context.containers(), c, seconds));
    }
}
