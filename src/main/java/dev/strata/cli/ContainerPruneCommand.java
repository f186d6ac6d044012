package dev.strata.cli;

import dev.strata.cli.flag.Arity;
import dev.strata.cli.flag.Flag;
import dev.strata.container.Containers;
import dev.strata.filter.ContainerFilter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code strata container prune [-f] [--filter until=...|label=...]}: removes every stopped container. */
public final class ContainerPruneCommand extends ContainerCommand {
    private final Flag<Boolean> force = flags.bool("force", 'f', "Do not prompt for confirmation");
    private final Flag<List<String>> filters = CommonFlags.filter(flags, '\0', "Provide filter values (e.g. \"until=<timestamp>\")");

    public ContainerPruneCommand(CommandContext context) {
        super(context, "[OPTIONS]", Arity.none());
    }

    @Override
    public int run(List<String> arguments) throws IOException {
        Containers containers = context.containers();
        ContainerFilter filter = ContainerFilter.parse(filterMap(filters.get()), containers::createdOf);
        if (!force.get()) {
            context.out().print("WARNING! This will remove all stopped containers.\nAre you sure you want to continue? [y/N] ");
            context.out().flush();
            String answer = new BufferedReader(new InputStreamReader(context.in())).readLine();
            if (answer == null || !answer.trim().toLowerCase(Locale.ROOT).startsWith("y")) {
                return 0;
            }
        }
        Containers.Pruned pruned = containers.prune(
                record -> filter.matches(record, containers.shownImage(record), containers.engine()), record -> { });
        if (!pruned.ids().isEmpty()) {
            context.out().println("Deleted Containers:");
            pruned.ids().forEach(context.out()::println);
            context.out().println();
        }
        context.out().println("Total reclaimed space: " + dev.strata.go.Units.humanSize(pruned.reclaimedBytes()));
        context.out().flush();
        return 0;
    }

    /** {@code name=value} words as the Engine API's filters map. */
    static Map<String, List<String>> filterMap(List<String> words) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String word : words) {
            int eq = word.indexOf('=');
            out.computeIfAbsent(word.substring(0, eq), k -> new ArrayList<>()).add(word.substring(eq + 1));
        }
        return out;
    }
}
