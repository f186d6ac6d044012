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
    private final Flag<String> since = flags.string("since",
            "Show logs since timestamp (e.g. \"2013-01-02T13:23:37Z\") or relative (e.g. \"42m\" for 42 minutes)");
    private final Flag<String> until = flags.string("until",
            "Show logs before a timestamp (e.g. \"2013-01-02T13:23:37Z\") or relative (e.g. \"42m\" for 42 minutes)");
    private final Flag<Boolean> details = flags.bool("details", "Show extra details provided to logs");

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
        // the docker CLI looks the container up before it reads the times
        context.containers().store().resolve(arguments.getFirst());
        java.time.Instant now = java.time.Instant.now();
        LogOptions options = new LogOptions(follow.get(), lines, timestamps.get(), time("since", since, now),
                time("until", until, now), details.get());
        context.containers().logs(arguments.getFirst(), options, out, err);
        out.flush();
        err.flush();
        return 0;
    }

    /** {@code --since}/{@code --until} as Docker reads them: RFC 3339, Unix seconds or a duration before now. */
    private static java.time.Instant time(String name, Flag<String> flag, java.time.Instant now) {
        if (flag.get().isEmpty()) {
            return null;
        }
        try {
            return dev.strata.filter.FilterTime.parse(flag.get(), now);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(1, "invalid value for \"" + name + "\": failed to parse value as time or duration: \""
                    + flag.get() + "\"");
        }
    }
}
