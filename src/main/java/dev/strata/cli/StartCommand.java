package dev.strata.cli;

import dev.strata.cli.flag.Flag;
import dev.strata.container.Attach;
import dev.strata.container.ContainerAttach;
import dev.strata.container.DetachKeys;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code strata start [-a] [-i] CONTAINER...}: detached, each container runs under its monitor and its name is
 * printed; with {@code -a}, one container runs attached and its exit code is ours.
 */
public final class StartCommand extends ContainerCommand {
    private final Flag<Boolean> attach = flags.bool("attach", 'a', "Attach STDOUT/STDERR and forward signals");
    private final Flag<String> detachKeys = flags.string("detach-keys", "Override the key sequence for detaching a container");
    private final Flag<Boolean> interactive = flags.bool("interactive", 'i', "Attach container's STDIN");

    public StartCommand(CommandContext context) {
        super(context);
    }

    @Override
    public int run(List<String> containers) throws IOException {
        if (attach.get() || interactive.get()) {
            if (containers.size() > 1) {
                context.err().println("Error: you cannot start and attach multiple containers at once");
                return 1;
            }
            DetachKeys keys = DetachKeys.parse(detachKeys.get());
            String reference = containers.getFirst();
            var config = context.containers().refresh(context.containers().store().resolve(reference)).config();
            if (!config.tty() && !config.openStdin()) {
                return context.containers().startAttached(reference, context.attach(interactive.get()));
            }
            boolean stdin = interactive.get() && config.openStdin();
            if (stdin && config.tty() && !Attach.stdinIsTerminal()) {
                context.err().println("the input device is not a TTY");
                return 1;
            }
            // a container with -i or -t runs under its monitor, which this process attaches to
            String id = context.containers().startForAttach(reference);
            ContainerAttach.Outcome outcome = context.containers().attachStarted(id,
                    new ContainerAttach.Options(stdin, keys, true), context.attach(stdin));
            return outcome instanceof ContainerAttach.Exited(int code) ? code : 0;
        }
        List<String> failed = new ArrayList<>();
        for (String container : containers) {
            try {
                context.containers().start(container);
                context.out().println(container);
            } catch (IOException | RuntimeException e) {
                context.printError(e);
                failed.add(container);
            }
        }
        if (!failed.isEmpty()) {
            context.err().println("Error: failed to start containers: " + String.join(", ", failed));
            return 1;
        }
        return 0;
    }
}
