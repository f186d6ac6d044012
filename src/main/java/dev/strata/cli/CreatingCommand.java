package dev.strata.cli;

import dev.strata.cli.flag.Arity;
import dev.strata.cli.flag.Syntax;
import dev.strata.container.CreateOptions;
import java.util.List;

/**
 * {@code create} and {@code run}: Docker's create flags, then the image and the container's command, whose
 * own flags pass on untouched; a failure before the container's process ran is worded as Docker words it.
 */
abstract class CreatingCommand extends ContainerCommand {
    final CreateFlags create = new CreateFlags(flags);
    private final String name;

    CreatingCommand(CommandContext context, String name) {
        super(context, "[OPTIONS] IMAGE [COMMAND] [ARG...]", Arity.atLeast(1));
        this.name = name;
    }

    @Override
    public Syntax syntax() {
        return super.syntax().flagsBeforeArguments();
    }

    /** What the arguments and flags ask for: the image, then the command and its arguments. */
    CreateOptions options(List<String> arguments, boolean detach) {
        return create.options(arguments.getFirst(), arguments.subList(1, arguments.size()), detach);
    }

    /** Prints {@code e} after the program's name, then where to read more; returns {@code exitCode}. */
    int failed(Exception e, int exitCode) {
        context.err().println("strata: " + Failures.message(e));
        context.err().println();
        context.err().println("Run 'strata " + name + " --help' for more information");
        return exitCode;
    }
}
