package dev.strata.cli;

import static dev.strata.cli.ContainerCommands.made;

import dev.strata.cli.flag.Arity;
import dev.strata.cli.flag.CommandTree;
import dev.strata.cli.flag.Flag;
import dev.strata.error.InvalidInputException;
import dev.strata.error.NotFoundException;
import dev.strata.go.Times;
import dev.strata.filter.NetworkFilter;
import dev.strata.network.Network;
import dev.strata.view.NetworkInspect;
import dev.strata.network.NetworkSpec;
import dev.strata.network.ip.Ipv4;
import dev.strata.network.ip.Subnet;
import dev.strata.template.Formatter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** {@code strata network create / ls / inspect / rm / prune / connect / disconnect}, with Docker's words. */
public final class NetworkCommands {
    private NetworkCommands() {
    }

    static CommandTree addTo(CommandTree tree, Supplier<CommandContext> context) {
        return tree
                .group("network", "Manage networks")
                .command("Connect a container to a network", made(context, Connect::new), "network connect")
                .command("Create a network", made(context, Create::new), "network create")
                .command("Disconnect a container from a network", made(context, Disconnect::new), "network disconnect")
                .command("Display detailed information on one or more networks", made(context, Inspect::new),
                        "network inspect")
                .command("List networks", made(context, Ls::new), "network ls", "network list")
                .command("Remove all unused networks", made(context, NetworkCommands::prune), "network prune")
                .command("Remove one or more networks", made(context, Rm::new), "network rm", "network remove");
    }

    /** {@code network create}: the docker CLI's own checks of the IPAM flags, then the daemon's. */
    static final class Create extends ContainerCommand {
        private final Flag<Boolean> attachable = flags.bool("attachable", "Enable manual container attachment");
        private final Flag<Map<String, String>> auxAddress = flags.map("aux-address", (char) 0,
                "Auxiliary IPv4 or IPv6 addresses used by Network driver");
        private final Flag<String> configFrom = flags.string("config-from", "The network from which to copy the configuration");
        private final Flag<Boolean> configOnly = flags.bool("config-only", "Create a configuration only network");
        private final Flag<String> driver = flags.string("driver", 'd', "Driver to manage the Network").defaultValue("bridge");
        private final Flag<List<String>> gateways = flags.strings("gateway", "IPv4 or IPv6 Gateway for the master subnet");
        private final Flag<Boolean> ingress = flags.bool("ingress", "Create swarm routing-mesh network");
        private final Flag<Boolean> internal = flags.bool("internal", "Restrict external access to the network");
        private final Flag<List<String>> ipRanges = flags.strings("ip-range", "Allocate container ip from a sub-range");
        private final Flag<String> ipamDriver = flags.string("ipam-driver", "IP Address Management Driver")
                .defaultValue("default");
        private final Flag<Map<String, String>> ipamOptions = flags.map("ipam-opt", (char) 0,
                "Set IPAM driver specific options");
        private final Flag<Boolean> ipv4 = flags.bool("ipv4", "Enable or disable IPv4 address assignment").defaultValue(true);
        private final Flag<Boolean> ipv6 = flags.bool("ipv6", "Enable or disable IPv6 address assignment");
        private final Flag<List<String>> labels = flags.list("label", "Set metadata on a network");
        private final Flag<Map<String, String>> options = flags.map("opt", 'o', "Set driver specific options");
        private final Flag<String> scope = flags.string("scope", "Control the network's scope");
        private final Flag<List<String>> subnets = flags.strings("subnet",
                "Subnet in CIDR format that represents a network segment");

        Create(CommandContext context) {
            super(context, "[OPTIONS] NETWORK", Arity.exactly(1));
        }

        @Override
        public int run(List<String> arguments) throws IOException {
            consolidateIpam(subnets.get(), ipRanges.get(), gateways.get());
            if (!ipv4.get()) {
                throw new InvalidInputException("IPv4 cannot be disabled on a Strata network");
            }
            if (!auxAddress.get().isEmpty() || !configFrom.get().isEmpty() || configOnly.get() || ingress.get()
                    || (!scope.get().isEmpty() && !scope.get().equals("local"))
                    || !ipamDriver.get().equals("default")) {
                throw new InvalidInputException("Strata's networks support none of --aux-address,"
                        + " --config-from, --config-only, --ingress, a scope other than local or another IPAM driver");
            }
            Map<String, String> labelMap = CommonFlags.labels(labels.get());
            Network network = context.containers().networks().create(new NetworkSpec(arguments.getFirst(), driver.get(),
                    subnets.get(), gateways.get(), ipRanges.get(), internal.get(), attachable.get(), ipv6.get(),
                    options.get(), labelMap, ipamOptions.get()));
            context.out().println(network.id());
            return 0;
        }

        /** docker/cli's consolidateIpam: each range and gateway inside one subnet, subnets apart. */
        static void consolidateIpam(List<String> subnets, List<String> ranges, List<String> gateways) {
            if (subnets.size() < ranges.size() || subnets.size() < gateways.size()) {
                throw new CommandFailure(1, "every ip-range or gateway must have a corresponding subnet");
            }
            List<Subnet> parsed = new ArrayList<>();
            for (String s : subnets) {
                Subnet subnet = parseSubnet(s);
                for (Subnet other : parsed) {
                    if (other.overlaps(subnet)) {
                        throw new CommandFailure(1, "multiple overlapping subnet configuration is not supported");
                    }
                }
                parsed.add(subnet);
            }
            for (String r : ranges) {
                Integer address;
                try {
                    address = Subnet.parse(r).base();
                } catch (IllegalArgumentException e) {
                    throw new CommandFailure(1, "invalid cidr: " + e.getMessage());
                }
                if (parsed.stream().noneMatch(s -> s.contains(address))) {
                    throw new CommandFailure(1, "no matching subnet for range " + r);
                }
            }
            for (String g : gateways) {
                Integer address = Ipv4.tryParse(g);
                if (address == null || parsed.stream().noneMatch(s -> s.contains(address))) {
                    throw new CommandFailure(1, "no matching subnet for gateway " + g);
                }
            }
        }

        private static Subnet parseSubnet(String text) {
            try {
                return Subnet.parse(text);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("Invalid subnet " + text + " : " + e.getMessage());
            }
        }
    }

    /** One row of {@code network ls}, with the field names its templates use. */
    public record NetworkRow(String CreatedAt, String Driver, String ID, String IPv4, String IPv6, String Internal,
                             String Labels, String Name, String Scope) {
    }

    static final Map<String, String> HEADERS = Map.of("ID", "NETWORK ID", "Name", "NAME", "Driver", "DRIVER",
            "Scope", "SCOPE", "IPv6", "IPV6", "IPv4", "IPV4", "Internal", "INTERNAL", "Labels", "LABELS",
            "CreatedAt", "CREATED AT");

    /** {@code network ls}: sorted by name as the docker CLI sorts; filters as the daemon applies them. */
    static final class Ls extends ContainerCommand {
        private final Flag<List<String>> filters = CommonFlags.filter(flags, 'f', "Provide filter values (e.g. \"driver=bridge\")");
        private final Flag<String> format = CommonFlags.tableFormat(flags);
        private final Flag<Boolean> noTrunc = flags.bool("no-trunc", "Do not truncate the output");
        private final Flag<Boolean> quiet = flags.bool("quiet", 'q', "Only display network IDs");

        Ls(CommandContext context) {
            super(context, "[OPTIONS]", Arity.none());
        }

        @Override
        public int run(List<String> arguments) throws IOException {
            Predicate<Network> selected = NetworkFilter.list(filters.get(), context.containers());
            List<Network> networks = new ArrayList<>(context.containers().networks().list());
            networks.sort((a, b) -> NaturalOrder.INSTANCE.compare(a.name(), b.name()));
            List<NetworkRow> rows = new ArrayList<>();
            for (Network n : networks) {
                if (!selected.test(n)) {
                    continue;
                }
                rows.add(new NetworkRow(Times.string(dev.strata.image.Timestamps.parse(n.created())), n.driver(),
                        noTrunc.get() ? n.id() : n.shortId(), "false", "false", Boolean.toString(n.internal()),
                        labels(n.labels()), n.name(), "local"));
            }
            if (quiet.get()) {
                rows.forEach(r -> context.out().println(r.ID()));
                return 0;
            }
            new Formatter("table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}", HEADERS).write(format.get(), rows,
                    context.out());
            context.out().flush();
            return 0;
        }

        private static String labels(Map<String, String> labels) {
            List<String> out = new ArrayList<>();
            labels.forEach((k, v) -> out.add(k + "=" + v));
            out.sort(null);
            return String.join(",", out);
        }
    }

    /** {@code network inspect}: Docker's JSON, with the containers attached now. */
    static final class Inspect extends ContainerCommand {
        private final Flag<String> format = flags.string("format", 'f', CommonFlags.INSPECT_FORMAT);
        private final Flag<Boolean> verbose = flags.bool("verbose", 'v', "Verbose output for diagnostics");

        Inspect(CommandContext context) {
            super(context, "[OPTIONS] NETWORK [NETWORK...]", Arity.atLeast(1));
        }

        @Override
        public int run(List<String> arguments) {
            return Inspection.run(context.out(), context.err(), arguments, format.get(), Inspection.Kind.NETWORK,
                    Inspection.NONE, name -> {
                        Network network;
                        try {
                            network = context.containers().networks().find(name);
                        } catch (NotFoundException e) {
                            return null;
                        }
                        return new NetworkInspect(network,
                                context.containers().attachments().networks().store().memberships());
                    });
        }
    }

    /** {@code network rm}: each in turn, its name printed; {@code -f} quiet about the missing. */
    static final class Rm extends ContainerCommand {
        private final Flag<Boolean> force = flags.bool("force", 'f', "Do not error if the network does not exist");

        Rm(CommandContext context) {
            super(context, "NETWORK [NETWORK...]", Arity.atLeast(1));
        }

        @Override
        public int run(List<String> arguments) throws IOException {
            context.containers().sweepNetworks();
            // a forced removal of a missing network prints nothing
            int status = context.eachContainer(arguments, false, CommandContext.forced(force.get(), name -> {
                context.containers().networks().remove(name);
                context.out().println(name);
            }));
            if (status != 0) {
                // docker 28 ends a failed network rm with its status, as cli.StatusError prints it
                context.err().println("exit status 1");
            }
            return status;
        }
    }

    /** {@code network prune}: asks first unless {@code -f}; filters {@code until} and {@code label}. */
    static PruneCommand prune(CommandContext context) {
        return new PruneCommand(context, "until=<timestamp>", "Deleted Networks:",
                "WARNING! This will remove all custom networks not used by at least one container.\n", filters -> {
                    Predicate<Network> selected = NetworkFilter.prune(filters);
                    return () -> {
                        context.containers().sweepNetworks();
                        return new PruneCommand.Removed(context.containers().networks().prune(selected), null);
                    };
                });
    }

    /** {@code network connect}: {@code --alias} and {@code --ip} as {@code run}'s {@code --network-alias} and {@code --ip}. */
    static final class Connect extends ContainerCommand {
        private final Flag<List<String>> aliases = flags.strings("alias", "Add network-scoped alias for the container");
        private final Flag<List<String>> driverOptions = flags.strings("driver-opt", "driver options for the network");
        private final Flag<Long> gwPriority = flags.integer("gw-priority",
                "Highest gw-priority provides the default gateway. Accepts positive and negative values.");
        private final Flag<String> ip = flags.string("ip", "IPv4 address (e.g., \"172.30.100.104\")");
        private final Flag<String> ip6 = flags.string("ip6", "IPv6 address (e.g., \"2001:db8::33\")");
        private final Flag<List<String>> links = flags.list("link", "Add link to another container");
        private final Flag<List<String>> linkLocal = flags.strings("link-local-ip", "Add a link-local address for the container");

        Connect(CommandContext context) {
            super(context, "[OPTIONS] NETWORK CONTAINER", Arity.exactly(2));
        }

        @Override
        public int run(List<String> arguments) throws IOException {
            if (!ip6.get().isEmpty() || !links.get().isEmpty() || !linkLocal.get().isEmpty() || !driverOptions.get().isEmpty()
                    || gwPriority.get() != 0) {
                throw new InvalidInputException("Strata supports only --alias and --ip on network connect");
            }
            context.containers().connect(arguments.get(0), arguments.get(1), aliases.get(), ip.get());
            return 0;
        }
    }

    /** {@code network disconnect}. */
    static final class Disconnect extends ContainerCommand {
        private final Flag<Boolean> force = flags.bool("force", 'f', "Force the container to disconnect from a network");

        Disconnect(CommandContext context) {
            super(context, "[OPTIONS] NETWORK CONTAINER", Arity.exactly(2));
        }

        @Override
        public int run(List<String> arguments) throws IOException {
            context.containers().disconnect(arguments.get(0), arguments.get(1));
            return 0;
        }
    }
}
