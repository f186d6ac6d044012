package dev.strata.cli;

import dev.strata.build.executor.BuildCacheEntries;
import dev.strata.cli.flag.Arity;
import dev.strata.cli.flag.Flag;
import dev.strata.go.Durations;
import dev.strata.go.Units;
import dev.strata.image.Timestamps;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code strata builder prune [-a] [-f] [--filter until=DURATION|TIME]}: removes build cache, as docker's
 * does: without {@code -a} what is not shared with an image kept for its own sake, with {@code -a} all
 * of it; {@code until} keeps what was used more recently.
 */
public final class BuilderPruneCommand extends ContextCommand {
    private final Flag<Boolean> all = flags.bool("all", 'a', "Remove all unused build cache, not just dangling ones");
    private final Flag<List<String>> filter = CommonFlags.filter(flags, '\0', "Provide filter values (e.g. 'until=24h')");
    private final Flag<Boolean> force = flags.bool("force", 'f', "Do not prompt for confirmation");

    public BuilderPruneCommand() {
        super("[OPTIONS]", Arity.none());
    }

    @Override
    protected int run(Context context, List<String> arguments) throws IOException {
        Optional<Instant> until = Optional.empty();
        for (String f : filter.get()) {
            int eq = f.indexOf('=');
            String name = f.substring(0, eq);
            String value = f.substring(eq + 1);
            if (!name.equals("until")) {
                throw new CommandFailure(1, "Error: Invalid filter '" + name + "'");
            }
            until = Optional.of(until(value, context.now()));
        }
        if (!force.get() && !confirmed(context, all.get() ? "WARNING! This will remove all build cache. "
                : "WARNING! This will remove all dangling build cache. ")) {
            return 0;
        }
        BuildCacheEntries.Pruned pruned = new BuildCacheEntries(context.engine(), context.containers()).prune(all.get(), until);
        if (!pruned.ids().isEmpty()) {
            context.out().println("Deleted build cache objects:");
            pruned.ids().forEach(context.out()::println);
            context.out().println();
        }
        context.out().println("Total reclaimed space: " + Units.humanSize(pruned.reclaimed()));
        return 0;
    }

    /** {@code until=}: a Go duration before now ({@code 24h}), or a time (RFC 3339, or Unix seconds). */
    static Instant until(String value, Instant now) {
        try {
            return now.minus(Durations.parse(value));
        } catch (IllegalArgumentException notADuration) {
            try {
                return value.matches("\\d+(\\.\\d+)?") ? Instant.ofEpochSecond((long) Double.parseDouble(value))
                        : Timestamps.parse(value);
            } catch (RuntimeException e) {
                throw new CommandFailure(1, "Error: invalid until filter \"" + value
                        + "\": expected a duration such as 24h, or a time");
            }
        }
    }
}
