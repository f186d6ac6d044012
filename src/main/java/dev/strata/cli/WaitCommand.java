package dev.strata.cli;

import dev.strata.cli.flag.Arity;
import dev.strata.cli.flag.Flag;
import dev.strata.container.Containers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * {@code strata wait [--condition not-running|next-exit|removed] CONTAINER...}: blocks until each container
 * meets the condition (the Engine API's {@code condition}; the docker CLI has no such flag, so it is
 * left out of the help, which stays the docker CLI's), printing
 * their exit codes in the order given. Every wait starts at once, as the docker CLI's do, so a container
 * that exits while an earlier one is still awaited is not missed by {@code next-exit}.
 */
public final class WaitCommand extends ContainerCommand {
    /** Hidden, so that {@code wait --help} and the usage lines stay the docker CLI's own. */
    private final Flag<String> condition = flags.string("condition",
            "Condition to wait for: \"not-running\", \"next-exit\" or \"removed\"").defaultValue("not-running")
            .hidden();

    public WaitCommand(CommandContext context) {
        super(context, "CONTAINER [CONTAINER...]", Arity.atLeast(1));
    }

    @Override
    public int run(List<String> containers) throws IOException {
        Containers.WaitCondition wanted = Containers.WaitCondition.parse(condition.get());
        Containers engine = context.containers();
        List<CompletableFuture<Integer>> waits = new ArrayList<>();
        for (String container : containers) {
            CompletableFuture<Integer> wait = new CompletableFuture<>();
            Thread.ofVirtual().name("wait-" + container).start(() -> {
                try {
                    wait.complete(engine.waitFor(container, wanted));
                } catch (IOException | RuntimeException e) {
                    wait.completeExceptionally(e);
                }
            });
            waits.add(wait);
        }
        boolean failed = false;
        for (CompletableFuture<Integer> wait : waits) {
            try {
                context.out().println(wait.get());
                context.out().flush();
            } catch (ExecutionException e) {
                context.printError(e.getCause() instanceof Exception cause ? cause : e);
                failed = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while waiting");
            }
        }
        return failed ? 1 : 0;
    }
}
