package dev.strata.cli;

import dev.strata.cli.flag.Cli;
import dev.strata.cli.flag.Flag;
import dev.strata.cli.flag.FlagSet;
import dev.strata.reference.InvalidReferenceException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Entry point of the {@code strata} command. Global options come before the command, as with docker;
 * only the command being run is made.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = run(System.out, System.err, System.in, System.getenv(), args);
        System.out.flush();
        System.err.flush();
        if (dev.strata.container.TerminalSession.noTerminalToRestore()) {
            // Strata registers no other shutdown work, and exit() first sets up the JDK's logging to
            // log the exit: milliseconds that every command would pay
            Runtime.getRuntime().halt(code);
        }
        System.exit(code);
    }

    public static int run(PrintStream out, PrintStream err, InputStream in, Map<String, String> env, String... args) {
        FlagSet globals = new FlagSet();
        Flag<Boolean> debug = globals.bool("debug", 'D', "Print stack traces on errors");
        Flag<String> root = globals.string("root", "Root directory of persistent Strata state (env STRATA_ROOT)")
                .defaultValue(Context.rootFrom(env).toString());
        globals.alias("data-root", root);
        Flag<String> driver = globals.string("storage-driver",
                "Storage driver to use, overlay2 or vfs (env STRATA_STORAGE_DRIVER; else overlay2 where it works)");
        Cli cli = new Cli(Commands.tree(Commands::containerContext), globals, out, err);
        try {
            return cli.run(List.of(args), new Cli.Host() {
                @Override
                public void started() {
                    String storageDriver = driver.changed() ? driver.get() : env.get("STRATA_STORAGE_DRIVER");
                    storageDriver = storageDriver == null || storageDriver.isEmpty() ? null : storageDriver;
                    Context.enter(new Context(Path.of(root.get()), storageDriver, out, err, in, env, debug.get()));
                    Startup.mark("options parsed");
                }

                @Override
                public void commandReady() {
                    Startup.mark("command line built");
                }

                @Override
                public int failed(Exception e) {
                    return reportFailure(Context.current(), e);
                }
            });
        } finally {
            out.flush();
            Startup.mark("command done");
            Context.leave();
        }
    }

    /** Prints {@code e} as {@link Failures} words it (a stack trace only with --debug) and returns the exit code. */
    static int reportFailure(Context context, Exception e) {
        return reportFailure(context.err(), context.debug(), e);
    }

    static int reportFailure(PrintStream err, boolean debug, Exception e) {
        String message = Failures.message(e);
        if (!message.isEmpty()) {
            err.println(message);
        }
        if (debug) {
            e.printStackTrace(err);
        }
        return Failures.exitCode(e);
    }
}
