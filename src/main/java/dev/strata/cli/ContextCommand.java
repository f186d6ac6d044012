package dev.strata.cli;

import dev.strata.cli.flag.Arity;
import dev.strata.cli.flag.DeclaredCommand;
import java.util.List;

/**
 * A command that works in the {@link Context} of this invocation: the store, the streams, the
 * environment and the global flags, given to it when it runs.
 */
abstract class ContextCommand extends DeclaredCommand {
    ContextCommand(String usage, Arity arity) {
        super(usage, arity);
    }

    ContextCommand(String usage, Arity arity, String description) {
        super(usage, arity, description);
    }

    @Override
    public final int run(List<String> arguments) throws Exception {
        return run(Context.current(), arguments);
    }

    /** Runs with the arguments that are not flags; the exit code. */
    protected abstract int run(Context context, List<String> arguments) throws Exception;
}
