package dev.strata.cli;

import static dev.strata.cli.ContainerCommands.made;

import dev.strata.cli.flag.Arity;
import dev.strata.cli.flag.CommandTree;
import dev.strata.cli.flag.Flag;
import dev.strata.filter.VolumeFilter;
import dev.strata.template.Formatter;
import dev.strata.volume.Volume;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** {@code strata volume create / ls / inspect / rm / prune}, with Docker's flags, columns and words. */
public final class VolumeCommands {
    private VolumeCommands() {
    }

    static CommandTree addTo(CommandTree tree, Supplier<CommandContext> context) {
        return tree
                .group("volume", "Manage volumes")
                .command("Create a volume", made(context, Create::new), "volume create")
                .command("Display detailed information on one or more volumes", made(context, Inspect::new),
                        "volume inspect")
                .command("List volumes", made(context, Ls::new), "volume ls", "volume list")
                .command("Remove unused local volumes", made(context, VolumeCommands::prune), "volume prune")
                .command("Remove one or more volumes. You cannot remove a volume that is in use by a container.",
                        made(context, Rm::new), "volume rm", "volume remove");
    }

    /** {@code volume create [NAME]}: prints the name (a fresh one for an anonymous volume). */
    static final class Create extends ContainerCommand {
        private final Flag<String> driver = flags.string("driver", 'd', "Specify volume driver name").defaultValue("local");
        private final Flag<List<String>> labels = flags.list("label", "Set metadata for a volume");
        private final Flag<Map<String, String>> options = flags.map("opt", 'o', "Set driver specific options");

        Create(CommandContext context) {
            super(context, "[OPTIONS] [VOLUME]", Arity.atMost(1));
        }

        @Override
        public int run(List<String> arguments) throws IOException {
            Map<String, String> labelMap = CommonFlags.labels(labels.get());
            Volume volume = context.containers().volumes().create(arguments.isEmpty() ? null : arguments.getFirst(),
                    driver.get(), labelMap, options.get());
            context.out().println(volume.name());
            return 0;
        }
    }

    /** One row of {@code volume ls}, fields in the order of Docker's {@code --format json}. */
    public record VolumeRow(String Availability, String Driver, String Group, String Labels, String Links,
                            String Mountpoint, String Name, String Scope, String Size, String Status) {
        static VolumeRow of(Volume v) {
            List<String> labels = new ArrayList<>();
            v.labelsOrEmpty().forEach((k, value) -> labels.add(k + "=" + value));
            return new VolumeRow("N/A", v.driver(), "N/A", String.join(",", labels), "N/A",
                    v.mountpoint().toString(), v.name(), "local", "N/A", "N/A");
        }
    }

    static final Map<String, String> HEADERS = Map.of("Driver", "DRIVER", "Name", "VOLUME NAME", "Mountpoint",
            "MOUNTPOINT", "Labels", "LABELS", "Scope", "SCOPE", "Size", "SIZE", "Links", "LINKS", "Availability",
            "AVAILABILITY", "Group", "GROUP", "Status", "STATUS");

    /** {@code volume ls}: by name; filters dangling, driver, label, name. */
    static final class Ls extends ContainerCommand {
        private final Flag<List<String>> filters = CommonFlags.filter(flags, 'f', "Provide filter values (e.g. \"dangling=true\")");
        private final Flag<String> format = CommonFlags.tableFormat(flags);
        private final Flag<Boolean> quiet = flags.bool("quiet", 'q', "Only display volume names");

        Ls(CommandContext context) {
            super(context, "[OPTIONS]", Arity.none());
        }

        @Override
        public int run(List<String> arguments) throws IOException {
            Predicate<Volume> selected = VolumeFilter.list(filters.get(), context.containers().volumesInUse());
            List<VolumeRow> rows = new ArrayList<>();
            List<Volume> volumes = new ArrayList<>(context.containers().volumes().list());
            volumes.sort((a, b) -> NaturalOrder.INSTANCE.compare(a.name(), b.name()));
            for (Volume v : volumes) {
                if (selected.test(v)) {
                    rows.add(VolumeRow.of(v));
                }
            }
            if (quiet.get()) {
                rows.forEach(r -> context.out().println(r.Name()));
                context.out().flush();
                return 0;
            }
            new Formatter("table {{.Driver}}\t{{.Name}}", HEADERS).write(format.get(), rows, context.out());
            context.out().flush();
            return 0;
        }
    }

    /** {@code volume inspect}: Docker's JSON; the missing reported after, exit 1. */
    static final class Inspect extends ContainerCommand {
        private final Flag<String> format = flags.string("format", 'f', CommonFlags.INSPECT_FORMAT);

        Inspect(CommandContext context) {
            super(context, "[OPTIONS] VOLUME [VOLUME...]", Arity.atLeast(1));
        }

        @Override
        public int run(List<String> arguments) {
            return Inspection.run(context.out(), context.err(), arguments, format.get(), Inspection.Kind.VOLUME,
                    Inspection.NONE, name -> context.containers().volumes().get(name).orElse(null));
        }
    }

    /** {@code volume rm}: each in turn, its name printed; {@code -f} quiet about the missing. */
    static final class Rm extends ContainerCommand {
        private final Flag<Boolean> force = flags.bool("force", 'f', "Force the removal of one or more volumes");

        Rm(CommandContext context) {
            super(context, "[OPTIONS] VOLUME [VOLUME...]", Arity.atLeast(1));
        }

        @Override
        public int run(List<String> arguments) {
            // Docker's daemon answers a forced removal of a missing volume with success: the name is printed
            return context.eachContainer(arguments, true,
                    CommandContext.forced(force.get(), name -> context.containers().removeVolume(name)));
        }
    }

    /** {@code volume prune}: every volume no container uses (Docker 20.10's rule), filtered by label. */
    static PruneCommand prune(CommandContext context) {
        return new PruneCommand(context, "label=<label>", "Deleted Volumes:",
                "WARNING! This will remove all local volumes not used by at least one container.\n", filters -> {
                    Predicate<Volume> selected = VolumeFilter.prune(filters);
                    return () -> {
                        dev.strata.container.Containers.VolumePrune pruned = context.containers().pruneVolumes(selected);
                        return new PruneCommand.Removed(pruned.deleted(), pruned.reclaimed());
                    };
                });
    }
}
