package dev.strata.cli;

import dev.strata.engine.Engine;
import dev.strata.engine.RemovalEvent;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "prune", customSynopsis = "strata image prune [OPTIONS]", description = "Remove unused images")
public final class ImagePruneCommand implements Callable<Integer> {
    @Option(names = "--help", usageHelp = true, description = "Print usage")
    boolean help;

    @Option(names = {"-a", "--all"}, description = "Remove all unused images, not just dangling ones")
    boolean all;

    @Option(names = {"-f", "--force"}, description = "Do not prompt for confirmation")
    boolean force;

    @Override
    public Integer call() throws IOException {
        Context context = Context.current();
        if (!force) {
            context.out().print(all
                    ? "WARNING! This will remove all images without at least one container associated to them.\n"
                    : "WARNING! This will remove all dangling images.\n");
            context.out().print("Are you sure you want to continue? [y/N] ");
            context.out().flush();
            String answer = new java.io.BufferedReader(new java.io.InputStreamReader(context.in())).readLine();
            if (answer == null || !answer.trim().toLowerCase(java.util.Locale.ROOT).startsWith("y")) {
                return 0;
            }
        }
        Engine.PruneResult result = context.engine().pruneImages(all);
        if (!result.events().isEmpty()) {
            context.out().println("Deleted Images:");
            for (RemovalEvent event : result.events()) {
                context.out().println((event.kind() == RemovalEvent.Kind.UNTAGGED ? "untagged: " : "deleted: ") + event.value());
            }
            context.out().println();
        }
        context.out().println("Total reclaimed space: " + Units.humanSize(result.reclaimedBytes()));
        return 0;
    }
}
