package dev.strata.cli;

import dev.strata.container.LogOptions;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code strata logs [-f] [--tail N] [-t] CONTAINER}: stdout lines to stdout, stderr lines to stderr. */
@Command(name = "logs", description = "Fetch the logs of a container", mixinStandardHelpOptions = true)
public final class LogsCommand implements Callable<Integer> {
    private final CommandContext context;

    @Option(names = {"-f", "--follow"}, description = "Follow log output")
    boolean follow;

    @Option(names = {"-n", "--tail"}, paramLabel = "string", defaultValue = "all",
            description = "Number of lines to show from the end of the logs (default \"all\")")
    String tail;

    @Option(names = {"-t", "--timestamps"}, description = "Show timestamps")
    boolean timestamps;

    @Parameters(index = "0", paramLabel = "CONTAINER")
    String container;

    public LogsCommand(CommandContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        int lines;
        try {
            lines = tail.equals("all") ? -1 : Integer.parseInt(tail);
        } catch (NumberFormatException e) {
            lines = -1; // Docker, too, shows everything for a --tail it cannot read
        }
        // the raw descriptors: log text passes through unchanged, unbuffered by PrintStream's encoder
        OutputStream out = context.out() == System.out ? new FileOutputStream(FileDescriptor.out) : context.out();
        OutputStream err = context.err() == System.err ? new FileOutputStream(FileDescriptor.err) : context.err();
        try {
            context.containers().logs(container, new LogOptions(follow, lines, timestamps), out, err);
            out.flush();
            err.flush();
            return 0;
        } catch (IOException | RuntimeException e) {
            context.printError(e);
            return 1;
        }
    }
}
