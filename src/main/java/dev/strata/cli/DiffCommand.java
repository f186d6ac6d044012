package dev.strata.cli;

import dev.strata.cli.flag.Arity;
import dev.strata.layer.Change;
import java.io.IOException;
import java.util.List;

/** {@code strata diff CONTAINER}: one {@code A}, {@code C} or {@code D} line per changed path. */
public final class DiffCommand extends ContainerCommand {
    public DiffCommand(CommandContext context) {
        super(context, "CONTAINER", Arity.exactly(1));
    }

    @Override
    public int run(List<String> arguments) throws IOException {
        StringBuilder out = new StringBuilder();
        for (Change change : context.containers().diff(arguments.getFirst())) {
            out.append(change).append('\n');
        }
        context.out().print(out);
        context.out().flush();
        return 0;
    }
}
