package dev.strata.cli;

import dev.strata.cli.flag.Arity;
import dev.strata.cli.flag.Flag;
import dev.strata.engine.RemovalEvent;
import dev.strata.go.Units;
import java.io.IOException;
import java.util.List;

/** {@code strata image prune [OPTIONS]}: removes dangling images, or with {@code -a} all unused ones. */
public final class ImagePruneCommand extends ContextCommand {
    private final Flag<Boolean> all = flags.bool("all", 'a', "Remove all unused images, not just dangling ones");
    private final Flag<Boolean> force = flags.bool("force", 'f', "Do not prompt for confirmation");

    public ImagePruneCommand() {
        super("[OPTIONS]", Arity.none());
    }

    @Override
    protected int run(Context context, List<String> arguments) throws IOException {
        boolean all = this.all.get();
        if (!force.get()) {
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
        dev.strata.engine.Removal.PruneResult result = context.engine().removal().pruneImages(all);
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
