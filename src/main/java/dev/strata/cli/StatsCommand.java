package dev.strata.cli;

import dev.strata.cli.flag.Arity;
import dev.strata.cli.flag.Flag;
import dev.strata.container.ContainerRecord;
import dev.strata.container.ContainerStats;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code strata stats [CONTAINER...]}: each running container's CPU, memory, network, block I/O and pids from
 * its cgroup, in Docker's columns; live (the screen redrawn every second) or once with {@code --no-stream}.
 * CPU % is over the second between two samples, as the docker CLI's is over the daemon's last two.
 */
public final class StatsCommand extends ContainerCommand {
    static final String DEFAULT_FORMAT =
            "table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}";
    static final Map<String, String> HEADERS = Map.of("ID", "CONTAINER ID", "Container", "CONTAINER", "Name", "NAME",
            "CPUPerc", "CPU %", "MemUsage", "MEM USAGE / LIMIT", "MemPerc", "MEM %", "NetIO", "NET I/O",
            "BlockIO", "BLOCK I/O", "PIDs", "PIDS");

    private final Flag<Boolean> all = flags.bool("all", 'a', "Show all containers (default shows just running)");
    private final Flag<Boolean> noStream = flags.bool("no-stream", "Disable streaming stats and only pull the first result");
    private final Flag<Boolean> noTrunc = flags.bool("no-trunc", "Do not truncate output");
    private final Flag<String> format = CommonFlags.tableFormat(flags);

    public StatsCommand(CommandContext context) {
        super(context, "[OPTIONS] [CONTAINER...]", Arity.any());
    }

    @Override
    public int run(List<String> arguments) throws IOException, InterruptedException {
        List<String> named = new ArrayList<>(arguments);
        if (named.isEmpty()) {
            for (ContainerRecord record : context.containers().records(all.get())) {
                named.add(record.shortId());
            }
        }
        Map<String, ContainerStats> before = sample(named);
        while (true) {
            Thread.sleep(1_000);
            Map<String, ContainerStats> now = sample(named);
            List<Object> rows = new ArrayList<>();
            for (String container : named) {
                ContainerStats stats = now.get(container);
                if (stats != null) {
                    rows.add(stats.row(container, before.get(container), !noTrunc.get()));
                }
            }
            if (!noStream.get()) {
                context.out().print("\033[2J\033[H"); // the docker CLI's redraw: clear, then home
            }
            new dev.strata.template.Formatter(DEFAULT_FORMAT, HEADERS).write(format.get(), rows, context.out());
            context.out().flush();
            if (noStream.get()) {
                return 0;
            }
            before = now;
        }
    }

    /** A sample of each container still running; a named one that is not is an error, as in Docker. */
    private Map<String, ContainerStats> sample(List<String> containers) throws IOException {
        Map<String, ContainerStats> out = new LinkedHashMap<>();
        for (String container : containers) {
            try {
                out.put(container, context.containers().stats(container));
            } catch (dev.strata.error.ConflictException notRunning) {
                // shown no more, as docker drops a container that stops
            }
        }
        return out;
    }
}
