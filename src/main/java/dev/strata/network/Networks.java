package dev.strata.network;

import dev.strata.error.ConflictException;
import dev.strata.error.InvalidInputException;
import dev.strata.image.Timestamps;
import dev.strata.network.ip.Ipv4;
import dev.strata.network.ip.Subnet;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The networks of a store: the three Docker predefines ({@code bridge}, {@code host}, {@code none}),
 * made on first use, and those {@code network create} adds. What runs on them is {@link Attachments}'.
 *
 * <p>The default {@code bridge} network's device and subnet come from {@code STRATA_BRIDGE_NAME}
 * (default {@code strata0}) and {@code STRATA_BRIDGE_SUBNET} (default: the first of Docker's pools clear
 * of the host's routes) when it is first made; while no container is attached to it, a changed value
 * makes it again.
 */
public final class Networks {
    public static final String DEFAULT_BRIDGE = "strata0";
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");
    private static final Pattern HEX = Pattern.compile("[0-9a-f]+");

    private final NetworkStore store;
    private final Map<String, String> env;
    private final HostRules hostRules;
    private static final class Random {
        static final SecureRandom SECURE = new SecureRandom();
    }

    public Networks(NetworkStore store, Map<String, String> env) {
        this.store = store;
        this.env = Map.copyOf(env);
        this.hostRules = new HostRules(hostPath(env));
    }

    static String hostPath(Map<String, String> env) {
        String path = env.get("PATH");
        return path == null || path.isEmpty() ? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" : path;
    }

    public NetworkStore store() {
        return store;
    }

    HostRules hostRules() {
        return hostRules;
    }

    /**
     * A 64-hex endpoint ID: unique, not secret, so from a fast generator (a SecureRandom costs a fresh
     * JVM tens of milliseconds, on every container's start).
     */
    static String endpointId() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        StringBuilder out = new StringBuilder(64);
        for (int i = 0; i < 4; i++) {
            out.append(HexFormat.of().toHexDigits(random.nextLong()));
        }
        return out.toString();
    }

    /** A fresh 64-hex ID, as Docker's network IDs are. */
    static String newId() {
        byte[] bytes = new byte[32];
        Random.SECURE.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    // ---- predefined ----

    /** Every network, by name; the predefined ones made first if missing. */
    public List<Network> list() throws IOException {
        ensurePredefined();
        return store.networks();
    }

    private void ensurePredefined() throws IOException {
        List<Network> all = store.networks();
        boolean host = all.stream().anyMatch(n -> n.driver().equals("host"));
        boolean none = all.stream().anyMatch(n -> n.driver().equals("null"));
        Optional<Network> bridge = all.stream().filter(n -> n.name().equals(Network.BRIDGE) && n.predefined()).findFirst();
        if (host && none && bridge.isPresent() && matchesEnvironment(bridge.get())) {
            return;
        }
        store.locked(() -> {
            List<Network> now = store.networks();
            if (now.stream().noneMatch(n -> n.driver().equals("host"))) {
                store.put(new Network(Network.HOST, newId(), Timestamps.now(), "host", false, false, List.of(), null,
                        Map.of(), Map.of(), "", null, null, ""));
            }
            if (now.stream().noneMatch(n -> n.driver().equals("null"))) {
                store.put(new Network(Network.NONE, newId(), Timestamps.now(), "null", false, false, List.of(), null,
                        Map.of(), Map.of(), "", null, null, ""));
            }
            Optional<Network> current = now.stream().filter(n -> n.name().equals(Network.BRIDGE) && n.predefined())
                    .findFirst();
            if (current.isPresent() && !matchesEnvironment(current.get()) && !inUse(current.get())) {
                // the configuration changed while nothing used the old bridge: make it anew
                hostRules.remove(current.get());
                store.removeNetwork(current.get().id());
                current = Optional.empty();
            }
            if (current.isEmpty()) {
                store.put(defaultBridge(now.stream().filter(n -> n.subnet() != null && !n.name().equals(Network.BRIDGE))
                        .map(Network::parsedSubnet).toList()));
            }
            return null;
        });
    }

    private boolean matchesEnvironment(Network bridge) {
        String name = env.get("STRATA_BRIDGE_NAME");
        String subnet = env.get("STRATA_BRIDGE_SUBNET");
        return (name == null || name.isEmpty() || name.equals(bridge.bridge()))
                && (subnet == null || subnet.isEmpty() || Subnet.parse(subnet).toString().equals(bridge.subnet()));
    }

    private Network defaultBridge(List<Subnet> taken) throws IOException {
        String name = env.getOrDefault("STRATA_BRIDGE_NAME", "");
        if (name.isEmpty()) {
            // another store on this host may have made strata0: share no bridge with it
            name = DEFAULT_BRIDGE;
            for (int n = 1; HostRules.bridgeExists(name); n++) {
                name = "strata" + n;
            }
        }
        checkBridgeName(name);
        String configured = env.getOrDefault("STRATA_BRIDGE_SUBNET", "");
        Subnet subnet;
        if (!configured.isEmpty()) {
            try {
                subnet = Subnet.parse(configured);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("STRATA_BRIDGE_SUBNET: " + e.getMessage());
            }
        } else {
            subnet = Subnets.choose(taken).orElseThrow(() -> new ConflictException(
                    "could not find an available, non-overlapping IPv4 address pool among the defaults to assign to"
                            + " the network bridge (set STRATA_BRIDGE_SUBNET)"));
        }
        Map<String, String> options = new LinkedHashMap<>();
        options.put("com.docker.network.bridge.default_bridge", "true");
        options.put("com.docker.network.bridge.enable_icc", "true");
        options.put("com.docker.network.bridge.enable_ip_masquerade", "true");
        options.put("com.docker.network.bridge.host_binding_ipv4", "0.0.0.0");
        options.put(Network.BRIDGE_NAME_OPTION, name);
        options.put(Network.MTU_OPTION, "1500");
        String gateway = Ipv4.format(subnet.address(1));
        return new Network(Network.BRIDGE, newId(), Timestamps.now(), "bridge", false, false,
                List.of(new Network.IpamConfig(subnet.toString(), "", "")), null, options, Map.of(), name,
                subnet.toString(), gateway, "");
    }

    // ---- create, find, remove ----

    /** {@code network create}: checks the request as Docker's daemon does; the new network. */
    public Network create(NetworkSpec spec) throws IOException {
        Network made = createChecked(spec);
        events().network("create", made.id(), made.name(), made.driver());
        return made;
    }

    private dev.strata.event.EventLog events() {
        return dev.strata.event.EventLog.of(store.root().getParent());
    }

    private Network createChecked(NetworkSpec spec) throws IOException {
        if (spec.name().isEmpty() || !NAME.matcher(spec.name()).matches()) {
            throw new InvalidInputException("invalid network name \"" + spec.name()
                    + "\": only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        }
        switch (spec.driver()) {
            case "bridge" -> { }
            case "host", "null" -> throw new ConflictException("only one instance of \"" + spec.driver()
                    + "\" network is allowed");
            default -> throw new dev.strata.error.NotFoundException("plugin \"" + spec.driver() + "\" not found");
        }
        if (spec.ipv6()) {
            throw new InvalidInputException("IPv6 networks are not supported by Strata yet");
        }
        if (spec.subnets().size() > 1) {
            throw new InvalidInputException("Strata gives a network one IPv4 subnet; "
                    + spec.subnets().size() + " were given");
        }
        ensurePredefined();
        return store.locked(() -> {
            List<Network> existing = store.networks();
            if (existing.stream().anyMatch(n -> n.name().equals(spec.name()))) {
                throw new ConflictException("network with name " + spec.name() + " already exists");
            }
            List<Subnet> taken = existing.stream().filter(n -> n.subnet() != null).map(Network::parsedSubnet).toList();
            Subnet subnet;
            boolean chosen = spec.subnets().isEmpty();
            if (chosen) {
                subnet = Subnets.choose(taken).orElseThrow(() -> new ConflictException(
                        "could not find an available, non-overlapping IPv4 address pool among the defaults to assign"
                                + " to the network"));
            } else {
                String text = spec.subnets().getFirst();
                try {
                    subnet = Subnet.parse(text);
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException("Invalid subnet " + text + " : " + e.getMessage());
                }
                if (subnet.prefix() > 30) {
                    throw new InvalidInputException("subnet " + subnet + " is too small: a bridge network"
                            + " needs room for a gateway and a container (at most /30)");
                }
                if (taken.stream().anyMatch(subnet::overlaps)) {
                    throw new ConflictException("Pool overlaps with other one on this address space");
                }
            }
            String ipRange = "";
            if (!spec.ipRanges().isEmpty()) {
                Subnet range = parseWithin(spec.ipRanges().getFirst(), subnet, "range");
                ipRange = range.toString();
            }
            String gateway;
            if (!spec.gateways().isEmpty()) {
                Integer address = Ipv4.tryParse(spec.gateways().getFirst());
                if (address == null) {
                    throw new InvalidInputException("invalid gateway address " + spec.gateways().getFirst());
                }
                if (!subnet.contains(address) || address == subnet.base() || address == subnet.broadcast()) {
                    throw new InvalidInputException("no matching subnet for gateway "
                            + spec.gateways().getFirst());
                }
                gateway = Ipv4.format(address);
            } else {
                gateway = Ipv4.format(subnet.address(1));
            }
            String id = newId();
            Map<String, String> options = new LinkedHashMap<>(spec.options());
            String bridge = options.getOrDefault(Network.BRIDGE_NAME_OPTION, "");
            if (bridge.isEmpty()) {
                bridge = "strata-" + id.substring(0, 8);
            } else if (HostRules.bridgeExists(bridge)) {
                throw new ConflictException("bridge " + bridge + " already exists on this host");
            }
            checkBridgeName(bridge);
            String bridgeName = bridge;
            if (existing.stream().anyMatch(n -> n.bridge().equals(bridgeName))) {
                throw new ConflictException("bridge " + bridge + " is already used by another network");
            }
            Network.IpamConfig shown = new Network.IpamConfig(subnet.toString(), ipRange,
                    chosen || !spec.gateways().isEmpty() ? gateway : "");
            Network network = new Network(spec.name(), id, Timestamps.now(), "bridge", spec.internal(),
                    spec.attachable(), List.of(shown), new LinkedHashMap<>(spec.ipamOptions()), options,
                    new LinkedHashMap<>(spec.labels()), bridge, subnet.toString(), gateway, ipRange);
            store.put(network);
            return network;
        });
    }

    private static Subnet parseWithin(String text, Subnet subnet, String what) {
        Subnet inner;
        try {
            inner = Subnet.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("Invalid " + what + " " + text + " : " + e.getMessage());
        }
        if (!subnet.contains(inner)) {
            throw new InvalidInputException("no matching subnet for " + what + " " + text);
        }
        return inner;
    }

    private static void checkBridgeName(String name) {
        if (name.length() > 15 || !name.matches("[a-zA-Z0-9_.-]+")) {
            throw new InvalidInputException("invalid bridge name \"" + name
                    + "\": at most 15 letters, digits, '_', '.' and '-'");
        }
    }

    /**
     * The network {@code reference} names: an exact name, an exact ID, or an unambiguous ID prefix, in
     * that order (Docker's rule).
     */
    public Network find(String reference) throws IOException {
        List<Network> all = list();
        for (Network n : all) {
            if (n.name().equals(reference)) {
                return n;
            }
        }
        for (Network n : all) {
            if (n.id().equals(reference)) {
                return n;
            }
        }
        if (!reference.isEmpty() && HEX.matcher(reference).matches()) {
            List<Network> matches = all.stream().filter(n -> n.id().startsWith(reference)).toList();
            if (matches.size() == 1) {
                return matches.getFirst();
            }
            if (matches.size() > 1) {
                throw new dev.strata.error.NotFoundException("network " + reference + " is ambiguous (" + matches.size()
                        + " matches found based on ID prefix)");
            }
        }
        throw new NoSuchNetworkException(reference);
    }

    public Optional<Network> byId(String id) throws IOException {
        return store.network(id);
    }

    /** Whether a container is attached to {@code network} now (a stopped container's request does not count, as in Docker). */
    boolean inUse(Network network) throws IOException {
        for (Membership m : store.memberships()) {
            if (m.live() != null && m.live().endpoint(network.id()).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /** {@code network rm}: refuses a predefined network and one with containers attached. */
    public void remove(String reference) throws IOException {
        Network network = find(reference);
        if (network.predefined()) {
            throw new ConflictException(network.name() + " is a pre-defined network and cannot be removed");
        }
        store.locked(() -> {
            if (inUse(network)) {
                throw new ConflictException("error while removing network: network " + network.name() + " id "
                        + network.id() + " has active endpoints");
            }
            // the host's side first: a crash after it leaves a record whose removal is simply done again
            hostRules.remove(network);
            store.removeNetwork(network.id());
            return null;
        });
        events().network("destroy", network.id(), network.name(), network.driver());
    }

    /** {@code network prune}: every user-defined network no container is attached to, that {@code keep} does not keep. */
    public List<String> prune(java.util.function.Predicate<Network> selected) throws IOException {
        List<String> removed = new ArrayList<>();
        for (Network network : list()) {
            if (network.predefined() || !selected.test(network)) {
                continue;
            }
            boolean done = store.locked(() -> {
                if (inUse(network) || store.network(network.id()).isEmpty()) {
                    return false;
                }
                hostRules.remove(network);
                store.removeNetwork(network.id());
                return true;
            });
            if (done) {
                events().network("destroy", network.id(), network.name(), network.driver());
                removed.add(network.name());
            }
        }
        return removed;
    }

    /**
     * Removes every network's host state (bridges, rules) and the user-defined networks' records: for
     * tests and for taking a store out of service. Containers must be gone first.
     */
    public void tearDown() throws IOException {
        store.locked(() -> {
            for (Network network : store.networks()) {
                hostRules.remove(network);
                if (!network.predefined()) {
                    store.removeNetwork(network.id());
                }
            }
            return null;
        });
    }
}
