package dev.strata.cli;

import java.util.List;

/** {@code strata stop [-t SECONDS] CONTAINER...}: the stop signal, then SIGKILL after the timeout. */
public final class StopCommand extends StoppingCommand {
    public StopCommand(CommandContext context) {
        super(context);
    }

    @Override
    public int run(List<String> containers) {
        Integer seconds = timeoutSeconds();
        return context.eachContainer(containers, true, c -> context.containers().stop(c, seconds));
    }
}
