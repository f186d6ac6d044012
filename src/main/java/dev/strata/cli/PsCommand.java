package dev.strata.cli;

import dev.strata.container.ContainerSummary;
import dev.strata.image.Json;
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
        String chosen = format == null || format.isEmpty() || format.equals("table") ? DEFAULT_FORMAT : format;
        if (chosen.equals("json")) {
            rows.forEach(row -> context.out().println(new String(Json.write(row))));
            return;
        }
        FieldTemplate template = FieldTemplate.parse(chosen);
        if (!template.isTable()) {
            rows.forEach(row -> context.out().println(template.render(row)));
            return;
        }
        PaddedColumns columns = new PaddedColumns();
        columns.row(List.of(template.header().split("\t", -1)));
        for (ContainerSummary row : rows) {
            columns.row(List.of(template.render(row).split("\t", -1)));
        }
        columns.print(context.out());
    }
}
