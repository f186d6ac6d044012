package dev.strata.cli;

import dev.strata.container.Containers;
import dev.strata.filter.ContainerFilter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code strata container prune [-f] [--filter until=...|label=...]}: removes every stopped container. */
public final class ContainerPruneCommand {
    private ContainerPruneCommand() {
    }

    static PruneCommand create(CommandContext context) {
        return new PruneCommand(context, "until=<timestamp>", "Deleted Containers:",
                "WARNING! This will remove all stopped containers.\n", filters -> {
                    Containers containers = context.containers();
                    ContainerFilter filter = ContainerFilter.parse(filterMap(filters), containers::createdOf);
                    return () -> {
                        Containers.Pruned pruned = containers.prune(record -> filter.matches(record,
                                containers.shownImage(record), containers.engine(), containers::filterFacts), record -> { });
                        return new PruneCommand.Removed(pruned.ids(), pruned.reclaimedBytes());
                    };
                });
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
