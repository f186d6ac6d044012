package dev.strata.cli;

import java.util.List;

/**
 * {@code strata pause CONTAINER...} and {@code strata unpause CONTAINER...}: every process of each container
 * frozen (or thawed) by the runtime's freezer; each name printed as done, as Docker does.
 */
public final class PauseCommand extends ContainerCommand {
    private final boolean pause;

    private PauseCommand(CommandContext context, boolean pause) {
        super(context, "CONTAINER [CONTAINER...]", dev.strata.cli.flag.Arity.atLeast(1));
        this.pause = pause;
    }

    static PauseCommand pause(CommandContext context) {
        return new PauseCommand(context, true);
    }

    static PauseCommand unpause(CommandContext context) {
        return new PauseCommand(context, false);
    }

    @Override
    public int run(List<String> containers) {
        return context.eachContainer(containers, true,
                c -> {
                    if (pause) {
                        context.containers().pause(c);
                    } else {
                        context.containers().unpause(c);
                    }
                });
    }
}
