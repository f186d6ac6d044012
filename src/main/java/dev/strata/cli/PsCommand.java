package dev.strata.cli;

import dev.strata.container.ContainerSummary;
import dev.strata.json.Json;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code strata ps}: Docker's columns (CONTAINER ID, IMAGE, COMMAND, CREATED, STATUS, PORTS, NAMES), newest
 * first; {@code -a} for stopped ones too, {@code -q} IDs only, {@code --no-trunc}, {@code -n}/{@code -l}, and
 * {@code --format} with the fields of {@link ContainerSummary}.
 */
@Command(name = "ps", aliases = "ls", description = "List containers", mixinStandardHelpOptions = true)
public final class PsCommand implements Callable<Integer> {
    static final String DEFAULT_FORMAT =
            "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}";

    private final CommandContext context;

    @Option(names = {"-a", "--all"}, description = "Show all containers (default shows just running)")
    boolean all;

    @Option(names = {"-q", "--quiet"}, description = "Only display container IDs")
    boolean quiet;

    @Option(names = "--no-trunc", description = "Don't truncate output")
    boolean noTrunc;

    @Option(names = {"-n", "--last"}, paramLabel = "int", defaultValue = "-1",
            description = "Show n last created containers (includes all states)")
    int last;

    @Option(names = {"-l", "--latest"}, description = "Show the latest created container (includes all states)")
    boolean latest;

    @Option(names = "--format", paramLabel = "string", description = "Pretty-print containers using a Go template")
    String format;

    public PsCommand(CommandContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        try {
            int limit = latest ? 1 : last;
            List<ContainerSummary> rows = context.containers().list(all || limit > 0, !noTrunc);
            if (limit > 0 && rows.size() > limit) {
                rows = rows.subList(0, limit);
            }
            print(rows);
            return 0;
        } catch (IOException | RuntimeException e) {
            context.printError(e);
            return 1;
        }
    }

    private void print(List<ContainerSummary> rows) {
        if (quiet) {
            StringBuilder out = new StringBuilder();
            rows.forEach(row -> out.append(row.id()).append('\n'));
            context.out().print(out);
            context.out().flush();
            return;
        }
        // rows as their JSON, so templates see Docker's field names
        List<Object> maps = new java.util.ArrayList<>(rows.size());
        rows.forEach(row -> maps.add(Json.tree(row)));
        try {
            new dev.strata.template.Formatter(DEFAULT_FORMAT, HEADERS).write(format, maps, context.out());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        context.out().flush();
    }

    static final java.util.Map<String, String> HEADERS = java.util.Map.ofEntries(
            java.util.Map.entry("ID", "CONTAINER ID"), java.util.Map.entry("Image", "IMAGE"),
            java.util.Map.entry("Command", "COMMAND"), java.util.Map.entry("CreatedAt", "CREATED AT"),
            java.util.Map.entry("RunningFor", "CREATED"), java.util.Map.entry("Ports", "PORTS"),
            java.util.Map.entry("Status", "STATUS"), java.util.Map.entry("Size", "SIZE"),
            java.util.Map.entry("Names", "NAMES"), java.util.Map.entry("Labels", "LABELS"),
            java.util.Map.entry("LocalVolumes", "LOCAL VOLUMES"), java.util.Map.entry("Mounts", "MOUNTS"),
            java.util.Map.entry("Networks", "NETWORKS"), java.util.Map.entry("State", "STATE"));
}
