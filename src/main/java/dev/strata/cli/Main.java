package dev.strata.cli;

import dev.strata.reference.InvalidReferenceException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import picocli.CommandLine;

/**
 * Entry point of the {@code strata} command. Global options come before the command, as with docker.
 * Only the command being run is introspected by picocli, so a short command starts quickly.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = run(System.out, System.err, System.in, System.getenv(), args);
        System.out.flush();
        System.exit(code);
    }

    public static int run(PrintStream out, PrintStream err, InputStream in, Map<String, String> env, String... args) {
        Path root = null;
        String driver = env.get("STRATA_STORAGE_DRIVER");
        boolean debug = false;
        int i = 0;
        for (; i < args.length; i++) {
            String arg = args[i];
            if ((arg.equals("--root") || arg.equals("--data-root")) && i + 1 < args.length) {
                root = Path.of(args[++i]);
            } else if (arg.startsWith("--root=") || arg.startsWith("--data-root=")) {
                root = Path.of(arg.substring(arg.indexOf('=') + 1));
            } else if (arg.equals("--storage-driver") && i + 1 < args.length) {
                driver = args[++i];
            } else if (arg.startsWith("--storage-driver=")) {
                driver = arg.substring(arg.indexOf('=') + 1);
            } else if (arg.equals("-D") || arg.equals("--debug")) {
                debug = true;
            } else {
                break;
            }
        }
        if (root == null) {
            root = Context.rootFrom(env);
        }
        String[] rest = Arrays.copyOfRange(args, i, args.length);
        Context context = new Context(root, driver, out, err, in, env, debug);
        Context.enter(context);
        try {
            Startup.mark("options parsed");
            CommandLine commandLine = Commands.commandLineFor(rest);
            Startup.mark("command line built");
            commandLine.setOut(new java.io.PrintWriter(out, true));
            commandLine.setErr(new java.io.PrintWriter(err, true));
            commandLine.setExecutionExceptionHandler((e, cl, parsed) -> reportFailure(context, e));
            commandLine.setParameterExceptionHandler(Main::reportUsageError);
            return commandLine.execute(rest);
        } finally {
            out.flush();
            Startup.mark("command done");
            Context.leave();
        }
    }

    /** Docker's wording for the common failures; a stack trace only with --debug. */
    static int reportFailure(Context context, Exception e) {
        Throwable cause = e instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : e;
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        if (cause instanceof CommandFailure failure) {
            if (failure.getMessage() != null && !failure.getMessage().isEmpty()) {
                context.err().println(failure.getMessage());
            }
            return failure.exitCode();
        }
        // what Docker's daemon would refuse carries its prefix, so scripts matching Docker's words keep working
        boolean daemonSide = cause instanceof InvalidReferenceException
                || cause instanceof dev.strata.engine.NoSuchImageException
                || cause instanceof dev.strata.engine.ImageConflictException
                || cause instanceof dev.strata.container.ContainerException;
        context.err().println((daemonSide ? CommandContext.DAEMON : "Error: ") + message);
        if (context.debug()) {
            cause.printStackTrace(context.err());
        }
        return 1;
    }

    /** Docker's form: {@code strata: 'strata tag' requires 2 arguments}, the usage line, where to read more. */
    private static int reportUsageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        java.io.PrintWriter err = cl.getErr();
        String name = cl.getCommandSpec().qualifiedName(" ");
        String message = e.getMessage();
        boolean unknownFlag = e instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()
                && u.getUnmatched().getFirst().startsWith("-");
        if (!unknownFlag && e instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()
                && !cl.getSubcommands().isEmpty()) {
            err.println("strata: unknown command: " + name + " " + u.getUnmatched().getFirst());
            String[] synopsis = cl.getCommandSpec().usageMessage().customSynopsis();
            if (cl.getParent() != null && synopsis.length > 0) {
                err.println();
                err.println("Usage:  " + synopsis[0]);
            }
            err.println();
            err.println("Run '" + name + " --help' for more information");
            err.flush();
            return 1;
        }
        boolean arity = !unknownFlag && (message.startsWith("Missing required parameter")
                || message.startsWith("Unmatched argument") || message.startsWith("Expected parameter"));
        if (unknownFlag) {
            err.println("unknown flag: " + ((CommandLine.UnmatchedArgumentException) e).getUnmatched().getFirst());
        } else if (arity) {
            err.println("strata: '" + name + "' requires " + Commands.arityWords(cl));
        } else {
            err.println(message);
        }
        String[] synopsis = cl.getCommandSpec().usageMessage().customSynopsis();
        if (synopsis.length > 0) {
            err.println();
            err.println("Usage:  " + synopsis[0]);
        }
        err.println();
        err.println("Run '" + name + " --help' for more information");
        err.flush();
        return arity ? 1 : 125;
    }
}
