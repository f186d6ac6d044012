package dev.strata.cli;

import dev.strata.cli.flag.Arity;
import dev.strata.cli.flag.Flag;
import dev.strata.container.LogOptions;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** {@code strata logs [-f] [--tail N] [-t] CONTAINER}: stdout lines to stdout, stderr lines to stderr. */
public final class LogsCommand extends ContainerCommand {
    private final Flag<Boolean> follow = flags.bool("follow", 'f', "Follow log output");
    private final Flag<String> tail = flags.string("tail", 'n', "Number of lines to show from the end of the logs")
            .defaultValue("all");
    private final Flag<Boolean> timestamps = flags.bool("timestamps", 't', "Show timestamps");

    public LogsCommand(CommandContext context) {
        super(context, "[OPTIONS] CONTAINER", Arity.exactly(1));
    }

    @Override
    public int run(List<String> arguments) throws IOException {
        int lines;
        try {
            lines = tail.get().equals("all") ? -1 : Integer.parseInt(tail.get());
        } catch (NumberFormatException e) {
            lines = -1; // Docker, too, shows everything for a --tail it cannot read
        }
        // the raw descriptors: log text passes through unchanged, unbuffered by PrintStream's encoder
        OutputStream out = context.out() == System.out ? new FileOutputStream(FileDescriptor.out) : context.out();
        OutputStream err = context.err() == System.err ? new FileOutputStream(FileDescriptor.err) : context.err();
        context.containers().logs(arguments.getFirst(), new LogOptions(follow.get(), lines, timestamps.get()), out, err);
        out.flush();
        err.flush();
        return 0;
    }
}
