package dev.strata.cli;

import dev.strata.container.Attach;
import dev.strata.container.ContainerException;
import dev.strata.container.CreateOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code strata run [OPTIONS] IMAGE [COMMAND] [ARG...]}: exits with the container's exit code; 125 when the
 * container cannot be created or started, 126/127 when its command cannot be run (Docker's codes).
 */
@Command(name = "run", description = "Run a command in a new container",
        mixinStandardHelpOptions = true)
public final class RunCommand implements Callable<Integer> {
    private final CommandContext context;

    @Mixin
    CreateFlags flags;

    @Option(names = {"-d", "--detach"}, description = "Run container in background and print container ID")
    boolean detach;

    @Parameters(index = "0", paramLabel = "IMAGE")
    String image;

    @Parameters(index = "1..*", paramLabel = "COMMAND", arity = "0..*")
    List<String> command = new ArrayList<>();

    public RunCommand(CommandContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        try {
            CreateOptions options = flags.options(image, command, detach);
            if (detach) {
                context.out().println(context.containers().runDetached(options));
                return 0;
            }
            if (flags.tty && flags.interactive && !Attach.stdinIsTerminal()) {
                context.err().println("the input device is not a TTY");
                return 1;
            }
            return context.containers().run(options, context.attach(flags.interactive));
        } catch (IOException | RuntimeException e) {
            context.err().println("strata: " + CommandContext.message(e));
            context.err().println();
            context.err().println("Run 'strata run --help' for more information");
            return e instanceof ContainerException c ? c.runExitCode() : 125;
        }
    }
}
