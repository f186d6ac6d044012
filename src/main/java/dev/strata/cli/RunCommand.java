package dev.strata.cli;

import dev.strata.cli.flag.Arity;
import dev.strata.cli.flag.Command;
import dev.strata.cli.flag.Flag;
import dev.strata.cli.flag.FlagSet;
import dev.strata.cli.flag.Syntax;
import dev.strata.container.Attach;
import dev.strata.container.CreateOptions;
import java.io.IOException;
import java.util.List;

/**
 * {@code strata run [OPTIONS] IMAGE [COMMAND] [ARG...]}: exits with the container's exit code; 125 when the
 * container cannot be created or started, 126/127 when its command cannot be run (Docker's codes).
 */
public final class RunCommand implements Command {
    private final CommandContext context;
    private final FlagSet flags = new FlagSet();
    final CreateFlags create = new CreateFlags(flags);
    final Flag<Boolean> detach = flags.bool("detach", 'd', "Run container in background and print container ID");

    public RunCommand(CommandContext context) {
        this.context = context;
    }

    @Override
    public Syntax syntax() {
        return new Syntax(flags, "[OPTIONS] IMAGE [COMMAND] [ARG...]", Arity.atLeast(1)).flagsBeforeArguments();
    }

    @Override
    public int run(List<String> arguments) {
        boolean detach = this.detach.get();
        try {
            CreateOptions options = create.options(arguments.getFirst(), arguments.subList(1, arguments.size()), detach);
            if (detach) {
                context.out().println(context.containers().runDetached(options));
                return 0;
            }
            if (create.tty.get() && create.interactive.get() && !Attach.stdinIsTerminal()) {
                context.err().println("the input device is not a TTY");
                return 1;
            }
            return context.containers().run(options, context.attach(create.interactive.get()));
        } catch (IOException | RuntimeException e) {
            context.err().println("strata: " + CommandContext.message(e));
            context.err().println();
            context.err().println("Run 'strata run --help' for more information");
            return Failures.runExitCode(e);
        }
    }
}
