package dev.strata.cli;

import dev.strata.cli.flag.Arity;
import dev.strata.cli.flag.Command;
import dev.strata.cli.flag.FlagSet;
import dev.strata.cli.flag.Syntax;
import java.io.IOException;
import java.util.List;

/** {@code strata create [OPTIONS] IMAGE [COMMAND] [ARG...]}: prints the new container's ID. */
public final class CreateCommand implements Command {
    private final CommandContext context;
    private final FlagSet flags = new FlagSet();
    private final CreateFlags create = new CreateFlags(flags);

    public CreateCommand(CommandContext context) {
        this.context = context;
    }

    @Override
    public Syntax syntax() {
        return new Syntax(flags, "[OPTIONS] IMAGE [COMMAND] [ARG...]", Arity.atLeast(1)).flagsBeforeArguments();
    }

    @Override
    public int run(List<String> arguments) {
        try {
            context.out().println(context.containers()
                    .create(create.options(arguments.getFirst(), arguments.subList(1, arguments.size()), false)).id());
            return 0;
        } catch (IOException | RuntimeException e) {
            context.err().println("strata: " + CommandContext.message(e));
            context.err().println();
            context.err().println("Run 'strata create --help' for more information");
            return 125;
        }
    }
}
