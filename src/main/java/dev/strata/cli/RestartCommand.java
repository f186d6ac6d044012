package dev.strata.cli;

import java.util.List;

/** {@code strata restart [-t SECONDS] CONTAINER...}: stop as {@code stop} does, then start again. */
public final class RestartCommand extends StoppingCommand {
    public RestartCommand(CommandContext context) {
        super(context);
    }

    @Override
    public int run(List<String> containers) {
        Integer seconds = timeoutSeconds();
        return context.eachContainer(containers, true, c -> context.containers().restart(c, seconds));
    }
}
