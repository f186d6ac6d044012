package dev.strata.cli;

import dev.strata.layer.Change;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code strata diff CONTAINER}: one {@code A}, {@code C} or {@code D} line per changed path. */
@Command(name = "diff", description = "Inspect changes to files or directories on a container's filesystem",
        mixinStandardHelpOptions = true)
public final class DiffCommand implements Callable<Integer> {
    private final CommandContext context;

    @Parameters(index = "0", paramLabel = "CONTAINER")
    String container;

    public DiffCommand(CommandContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        try {
            StringBuilder out = new StringBuilder();
            for (Change change : context.containers().diff(container)) {
                out.append(change).append('\n');
            }
            context.out().print(out);
            context.out().flush();
            return 0;
        } catch (IOException | RuntimeException e) {
            context.printError(e);
            return 1;
        }
    }
}
