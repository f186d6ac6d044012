package dev.strata.cli;

import dev.strata.cli.flag.Arity;
import dev.strata.cli.flag.DeclaredCommand;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.util.List;
import java.util.Locale;

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

    /**
     * Docker's confirmation of a prune: {@code warning}, then {@code Are you sure you want to continue?
     * [y/N] }; whether the answer read from standard input starts with y.
     */
    static boolean confirmed(Context context, String warning) throws IOException {
        return confirmed(context.out(), context.in(), warning);
    }

    /** The same, for a command of the container group: its own streams. */
    static boolean confirmed(java.io.PrintStream out, java.io.InputStream in, String warning) throws IOException {
        out.print(warning + "Are you sure you want to continue? [y/N] ");
        out.flush();
        String answer = new BufferedReader(new InputStreamReader(in)).readLine();
        return answer != null && answer.trim().toLowerCase(Locale.ROOT).startsWith("y");
    }
}
