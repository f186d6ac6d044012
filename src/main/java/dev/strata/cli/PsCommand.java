package dev.strata.cli;

import dev.strata.cli.flag.Arity;
import dev.strata.cli.flag.Flag;
import dev.strata.container.ContainerSummary;
import dev.strata.json.Json;
import java.io.IOException;
import java.util.List;

/**
 * {@code strata ps}: Docker's columns (CONTAINER ID, IMAGE, COMMAND, CREATED, STATUS, PORTS, NAMES), newest
 * first; {@code -a} for stopped ones too, {@code -q} IDs only, {@code --no-trunc}, {@code -n}/{@code -l}, and
 * {@code --format} with the fields of {@link ContainerSummary}.
 */
public final class PsCommand extends ContainerCommand {
    static final String DEFAULT_FORMAT =
            "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}";

    private final Flag<Boolean> all = flags.bool("all", 'a', "Show all containers (default shows just running)");
    private final Flag<Boolean> quiet = flags.bool("quiet", 'q', "Only display container IDs");
    private final Flag<Boolean> noTrunc = flags.bool("no-trunc", "Don't truncate output");
    private final Flag<Long> last = flags.integer("last", 'n', "Show n last created containers (includes all states)")
            .defaultValue(-1L);
    private final Flag<Boolean> size = flags.bool("size", 's', "Display total file sizes");
    private final Flag<Boolean> latest = flags.bool("latest", 'l', "Show the latest created container (includes all states)");
    private final Flag<String> formatFlag = CommonFlags.tableFormat(flags);
    private final Flag<List<String>> filters = CommonFlags.filter(flags, 'f', "Filter output based on conditions provided");

    public PsCommand(CommandContext context) {
        super(context, "[OPTIONS]", Arity.none());
    }

    @Override
    public int run(List<String> arguments) throws IOException {
        long limit = latest.get() ? 1 : last.get();
        dev.strata.container.Containers containers = context.containers();
        dev.strata.filter.ContainerFilter filter = dev.strata.filter.ContainerFilter.parse(
                ContainerPruneCommand.filterMap(filters.get()), containers::createdOf);
        List<ContainerSummary> rows = containers.list(all.get() || limit > 0 || filter.wantsStopped(), !noTrunc.get(),
                record -> filter.matches(record, containers.shownImage(record), containers.engine(), containers::filterFacts), measuresSizes());
        if (limit > 0 && rows.size() > limit) {
            rows = rows.subList(0, (int) limit);
        }
        print(rows);
        return 0;
    }

    /** Docker's list options: sizes when asked by {@code -s}, or by a template reading them. */
    private boolean measuresSizes() {
        if (size.changed() || quiet.get()) {
            return size.get() && !quiet.get();
        }
        String format = formatFlag.get();
        if (format.isEmpty() || format.equals(dev.strata.template.Formatter.JSON)
                || format.equals(dev.strata.template.Formatter.TABLE)) {
            return false;
        }
        // the docker CLI runs the template over an empty row and asks for sizes if it read .Size
        java.util.Set<String> read = new java.util.HashSet<>();
        java.util.Map<String, Object> probe = new java.util.HashMap<>() {
            @Override
            public Object get(Object key) {
                read.add(String.valueOf(key));
                return super.get(key);
            }

            @Override
            public void forEach(java.util.function.BiConsumer<? super String, ? super Object> action) {
                read.addAll(keySet());
                super.forEach(action);
            }
        };
        HEADERS.keySet().forEach(field -> probe.put(field, ""));
        try {
            new dev.strata.template.Formatter(DEFAULT_FORMAT, HEADERS).render(format, List.of(probe));
        } catch (RuntimeException e) {
            // the real rows report a template's error
        }
        return read.contains("Size");
    }

    private void print(List<ContainerSummary> rows) {
        String format = formatFlag.get();
        if ((format.isEmpty() || format.equals(dev.strata.template.Formatter.TABLE)) && size.get()) {
            format = DEFAULT_FORMAT + "\t{{.Size}}";
        }
        if (quiet.get()) {
            StringBuilder out = new StringBuilder();
            rows.forEach(row -> out.append(row.id()).append('\n'));
            context.out().print(out);
            context.out().flush();
            return;
        }
        // rows as their JSON, so templates see Docker's field names
        List<Object> maps = new java.util.ArrayList<>(rows.size());
        rows.forEach(row -> {
            @SuppressWarnings("unchecked")
            java.util.Map<String, Object> map = (java.util.Map<String, Object>) Json.tree(row);
            // Docker's row gives its platform as a pointer: a nil one prints <nil>, not <no value>
            map.put("Platform", new dev.strata.go.Values.TypedNil(Object.class));
            maps.add(map);
        });
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
            java.util.Map.entry("Networks", "NETWORKS"), java.util.Map.entry("State", "STATE"),
            java.util.Map.entry("Platform", "PLATFORM"));
}
