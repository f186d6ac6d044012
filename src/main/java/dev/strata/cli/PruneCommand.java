package dev.strata.cli;

import dev.strata.cli.flag.Arity;
import dev.strata.cli.flag.Flag;
import dev.strata.go.Units;
import java.io.IOException;
import java.util.List;

/**
 * {@code container prune}, {@code network prune}, {@code volume prune}: {@code --filter} and {@code -f},
 * the filters read before anything is asked, Docker's confirmation unless {@code -f}, and Docker's
 * report ({@code Deleted Xs:}, one ID or name a line, and the space reclaimed where there is any to count).
 */
final class PruneCommand extends ContainerCommand {
    /** What a prune removed, and the bytes it freed (null where Docker reports none: networks). */
    record Removed(List<String> names, Long reclaimedBytes) {
    }

    /** The prune the filters chose, not yet run. */
    @FunctionalInterface
    interface Prune {
        Removed run() throws IOException;
    }

    /** Reads the filters (a bad one fails here, before the question) and says what removing them takes. */
    @FunctionalInterface
    interface Selection {
        Prune select(List<String> filters) throws IOException;
    }

    private final Flag<List<String>> filters;
    private final Flag<Boolean> force = flags.bool("force", 'f', "Do not prompt for confirmation");
    private final String heading;
    private final String warning;
    private final Selection selection;

    /**
     * @param filterExample the filter the help shows, as {@code until=<timestamp>}
     * @param heading       the report's first line, as {@code Deleted Networks:}
     * @param warning       the confirmation's first line, with its newline
     */
    PruneCommand(CommandContext context, String filterExample, String heading, String warning, Selection selection) {
        super(context, "[OPTIONS]", Arity.none());
        this.filters = CommonFlags.filter(flags, (char) 0, "Provide filter values (e.g. \"" + filterExample + "\")");
        this.heading = heading;
        this.warning = warning;
        this.selection = selection;
    }

    @Override
    public int run(List<String> arguments) throws IOException {
        Prune prune = selection.select(filters.get());
        if (!force.get() && !ContextCommand.confirmed(context.out(), context.in(), warning)) {
            return 0;
        }
        Removed removed = prune.run();
        if (!removed.names().isEmpty()) {
            context.out().println(heading);
            removed.names().forEach(context.out()::println);
            context.out().println();
        }
        if (removed.reclaimedBytes() != null) {
            context.out().println("Total reclaimed space: " + Units.humanSize(removed.reclaimedBytes()));
        }
        context.out().flush();
        return 0;
    }
}
