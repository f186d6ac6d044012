package dev.strata.cli;

import dev.strata.container.Attach;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code strata start [-a] [-i] CONTAINER...}: detached, each container runs under its monitor and its name is
 * printed; with {@code -a}, one container runs attached and its exit code is ours.
 */
@Command(name = "start", description = "Start one or more stopped containers", mixinStandardHelpOptions = true)
public final class StartCommand implements Callable<Integer> {
    private final CommandContext context;

    @Option(names = {"-a", "--attach"}, description = "Attach STDOUT/STDERR and forward signals")
    boolean attach;

    @Option(names = {"-i", "--interactive"}, description = "Attach container's STDIN")
    boolean interactive;

    @Parameters(paramLabel = "CONTAINER", arity = "1..*")
    List<String> containers = new ArrayList<>();

    public StartCommand(CommandContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (attach || interactive) {
            if (containers.size() > 1) {
                context.err().println("Error: you cannot start and attach multiple containers at once");
                return 1;
            }
            try {
                return context.containers().startAttached(containers.getFirst(), context.attach(interactive));
            } catch (IOException | RuntimeException e) {
                context.printError(e);
                return 1;
            }
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
