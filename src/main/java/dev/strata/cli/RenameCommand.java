package dev.strata.cli;

import dev.strata.cli.flag.Arity;
import java.io.IOException;
import java.util.List;

/** {@code strata rename CONTAINER NEW_NAME}. */
public final class RenameCommand extends ContainerCommand {
    public RenameCommand(CommandContext context) {
        super(context, "CONTAINER NEW_NAME", Arity.exactly(2));
    }

    @Override
    public int run(List<String> arguments) {
        String container = arguments.get(0);
        try {
            context.containers().rename(container, arguments.get(1));
            return 0;
        } catch (IOException | RuntimeException e) {
            // the docker CLI prints what its daemon said, then its own line
            context.err().println(Failures.message(e));
            context.err().println("Error: failed to rename container named " + container);
            return 1;
        }
    }
}
