package dev.strata.cli;

import dev.strata.cli.flag.Flag;
import java.util.List;

/** {@code strata rm [-f] [-v] CONTAINER...}; {@code -v} is accepted, Strata has no anonymous volumes to remove. */
public final class RmCommand extends ContainerCommand {
    private final Flag<Boolean> force = flags.bool("force", 'f', "Force the removal of a running container (uses SIGKILL)");
    private final Flag<Boolean> volumes = flags.bool("volumes", 'v', "Remove anonymous volumes associated with the container");

    public RmCommand(CommandContext context) {
        super(context);
    }

    @Override
    public int run(List<String> containers) {
        return context.eachContainer(containers, true,
                c -> context.containers().remove(c, force.get(), volumes.get()));
    }
}
