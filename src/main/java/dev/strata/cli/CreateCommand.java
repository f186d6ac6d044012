package dev.strata.cli;

import java.io.IOException;
import java.util.List;

/** {@code strata create [OPTIONS] IMAGE [COMMAND] [ARG...]}: prints the new container's ID. */
public final class CreateCommand extends CreatingCommand {
    public CreateCommand(CommandContext context) {
        super(context, "create");
    }

    @Override
    public int run(List<String> arguments) {
        try {
            context.out().println(context.containers().create(options(arguments, false)).id());
            return 0;
        } catch (IOException | RuntimeException e) {
            return failed(e, 125);
        }
    }
}
