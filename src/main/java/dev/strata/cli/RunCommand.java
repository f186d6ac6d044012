package dev.strata.cli;

import dev.strata.cli.flag.Flag;
import dev.strata.container.Attach;
import dev.strata.container.CreateOptions;
import java.io.IOException;
import java.util.List;

/**
 * {@code strata run [OPTIONS] IMAGE [COMMAND] [ARG...]}: exits with the container's exit code; 125 when the
 * container cannot be created or started, 126/127 when its command cannot be run (Docker's codes).
 */
public final class RunCommand extends CreatingCommand {
    final Flag<Boolean> detach = flags.bool("detach", 'd', "Run container in background and print container ID");

    public RunCommand(CommandContext context) {
        super(context, "run");
    }

    @Override
    public int run(List<String> arguments) {
        boolean detach = this.detach.get();
        try {
            CreateOptions options = options(arguments, detach);
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
            return failed(e, Failures.runExitCode(e));
        }
    }
}
