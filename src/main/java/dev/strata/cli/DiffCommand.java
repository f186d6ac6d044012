package dev.strata.cli;

import dev.strata.cli.flag.Arity;
import dev.strata.cli.flag.Command;
import dev.strata.cli.flag.FlagSet;
import dev.strata.cli.flag.Syntax;
import dev.strata.layer.Change;
import java.io.IOException;
import java.util.List;

/** {@code strata diff CONTAINER}: one {@code A}, {@code C} or {@code D} line per changed path. */
public final class DiffCommand implements Command {
    private final CommandContext context;
    private final FlagSet flags = new FlagSet();

    public DiffCommand(CommandContext context) {
        this.context = context;
    }

    @Override
    public Syntax syntax() {
        return new Syntax(flags, "CONTAINER", Arity.exactly(1));
    }

    @Override
    public int run(List<String> arguments) {
        try {
            StringBuilder out = new StringBuilder();
            for (Change change : context.containers().diff(arguments.getFirst())) {
                out.append(change).append('\n');
            }
            context.out().print(out);
            context.out().flush();
            return 0;
        } catch (IOException | RuntimeException e) {
            context.printError(e);
            return 1;
        }
    }
}
