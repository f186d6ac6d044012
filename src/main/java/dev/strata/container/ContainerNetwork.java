package dev.strata.container;

import dev.strata.error.ConflictException;
import dev.strata.error.InvalidInputException;
import dev.strata.error.StrataException;
import dev.strata.io.Awaited;
import dev.strata.network.Attachments;
import dev.strata.network.Membership;
import dev.strata.network.Network;
import dev.strata.network.Networks;
import dev.strata.network.port.Port;
import dev.strata.network.port.PortBinding;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * The network step of a container's start, and what the container commands show of it. A start begins
 * it first ({@link #begin}): for a container on Strata's networks, the attachment (namespace, plugins,
 * ports) runs on its own thread while the root file system is mounted and the spec written, and
 * {@link #namespace} waits for it; when the container has exited, {@link #release} undoes it, beside
 * the container's removal. {@code host}, {@code none} and {@code container:NAME} need no attachment.
 */
final class ContainerNetwork {
    /** How the runtime is to set up the container's network namespace. */
    sealed interface Namespace {
        /** The host's namespace ({@code --network host}). */
        record Host() implements Namespace { }

        /** A new, empty one the runtime makes ({@code --network none}): loopback only. */
        record Fresh() implements Namespace { }

        /** An existing one, by path: a Strata-made namespace, or another container's. */
        record Join(String path) implements Namespace { }
    }

    private final Containers containers;
    private final ContainerRecord record;
    private final Future<Attachments.Attached> attaching;
    private Future<Void> releasing;

    private ContainerNetwork(Containers containers, ContainerRecord record, Future<Attachments.Attached> attaching) {
        this.containers = containers;
        this.record = record;
        this.attaching = attaching;
    }

    /** Starts attaching {@code record}'s container, if it goes on a Strata network; {@code dir} is its directory. */
    static ContainerNetwork begin(Containers containers, ContainerRecord record, Path dir) {
        HostConfig host = record.hostConfig();
        if (!host.bridged()) {
            return new ContainerNetwork(containers, record, null);
        }
        FutureTask<Attachments.Attached> task = new FutureTask<>(() -> containers.attachments().attach(
                new Attachments.AttachRequest(record.id(), record.plainName(), record.config().hostname(),
                        host.extraHosts() == null ? List.of() : host.extraHosts(), dir.resolve("hosts"),
                        publishedPorts(record), fallbackRequests(containers, host))));
        Thread.ofPlatform().daemon().name("attach-" + record.shortId()).start(task);
        return new ContainerNetwork(containers, record, task);
    }

    private static List<Membership.Request> fallbackRequests(Containers containers, HostConfig host) throws IOException {
        Network network = containers.networks().find(host.networkName());
        return List.of(new Membership.Request(network.id(), List.of(), ""));
    }

    /** {@code -p}'s bindings, and with {@code -P} an ephemeral one for every other exposed port, sorted as Docker's map is. */
    static Map<Port, List<PortBinding>> publishedPorts(ContainerRecord record) {
        Map<Port, List<PortBinding>> out = new java.util.TreeMap<>();
        record.hostConfig().portBindings().forEach((key, bindings) -> out.put(Port.parse(key), bindings));
        Map<String, Map<String, Object>> exposed = record.config().exposedPorts();
        if (record.hostConfig().publishAllPorts() && exposed != null) {
            for (String key : exposed.keySet()) {
                out.putIfAbsent(Port.parse(key), List.of(new PortBinding("", "")));
            }
        }
        return out;
    }

    /** The namespace for the runtime, once the attachment (if any) is done; its failure as Docker words it. */
    Namespace namespace() throws IOException {
        HostConfig host = record.hostConfig();
        if (host.hostNetwork()) {
            return new Namespace.Host();
        }
        if (host.noNetwork()) {
            return new Namespace.Fresh();
        }
        if (host.networkContainer() != null) {
            return new Namespace.Join("/proc/" + runningPid(host.networkContainer()) + "/ns/net");
        }
        return new Namespace.Join(attached().netns());
    }

    /** The container whose namespace {@code --network container:NAME} joins: it must be running. */
    private int runningPid(String reference) throws IOException {
        String id = containers.store().resolve(reference);
        ContainerRecord other = containers.refresh(id);
        if (!other.state().running()) {
            throw new ConflictException("cannot join network of a non running container: " + id);
        }
        return other.state().pid();
    }

    /** The directory whose hosts and resolv.conf the container sees: another container's when it shares its namespace. */
    Path etcDirectory(Path own) throws IOException {
        String other = record.hostConfig().networkContainer();
        return other == null ? own : containers.store().dir(containers.store().resolve(other));
    }

    private Attachments.Attached attached() throws IOException {
        return Awaited.value(attaching, "attaching the container's network");
    }

    /** Starts undoing the attachment (once the container has exited, or failed to start). */
    void release() {
        if (attaching == null || releasing != null) {
            return;
        }
        try {
            releasing = attached().closeAsync();
        } catch (IOException | StrataException failedToAttach) {
            // attach undid itself; nothing to release
        }
    }

    /** Waits until {@link #release} is done; its failure is left to the sweep, which will find what remains. */
    void awaitRelease() {
        if (releasing == null) {
            return;
        }
        try {
            releasing.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            System.err.println("strata: detaching the network of " + record.shortId() + ": " + e.getCause().getMessage());
        }
    }

    // ---- port, network connect and disconnect ----

    /** The bound host ports of {@code record}'s container while it runs. */
    static Map<String, List<PortBinding>> publishedPorts(Containers containers, ContainerRecord record)
            throws IOException {
        Map<String, List<PortBinding>> out = new java.util.TreeMap<>();
        if (record.state().running() && record.hostConfig().bridged()) {
            containers.attachments().membership(record.id()).map(Membership::live)
                    .ifPresent(live -> out.putAll(live.ports()));
        }
        return out;
    }

    /** Docker refuses to connect a container on host or none, or one sharing another's namespace. */
    static void connect(Containers containers, Network network, ContainerRecord record, List<String> aliases,
                        String ipv4Address) throws IOException {
        HostConfig host = record.hostConfig();
        if (host.hostNetwork() || network.driver().equals("host")) {
            throw new ConflictException("container cannot be disconnected from host network or connected to host network");
        }
        if (host.noNetwork() || network.driver().equals("null")) {
            throw new ConflictException("container cannot be connected to multiple networks with one of the"
                    + " networks in private (none) mode");
        }
        if (host.networkContainer() != null) {
            throw new ConflictException("container sharing network namespace with another container or host"
                    + " cannot be connected to any other network");
        }
        containers.attachments().connect(record.id(), record.plainName(), network,
                new Membership.Request(network.id(), aliases, ipv4Address));
    }

    static void disconnect(Containers containers, Network network, ContainerRecord record) throws IOException {
        if (!record.hostConfig().bridged()) {
            throw new ConflictException("container cannot be disconnected from host network or connected to host network");
        }
        containers.attachments().disconnect(record.id(), network);
    }

    // ---- what create checks ----

    /**
     * The networks a new container joins, checked as Docker's daemon checks them at create: the named
     * network exists; {@code --ip} and {@code --network-alias} only on user-defined ones.
     */
    static List<Membership.Request> requests(Containers containers, HostConfig host, NetworkOptions options)
            throws IOException {
        if (!host.bridged()) {
            if (!options.aliases().isEmpty()) {
                throw new InvalidInputException(
                        "network-scoped aliases are only supported for user-defined networks");
            }
            if (!options.ipv4Address().isEmpty()) {
                throw new InvalidInputException(
                        dev.strata.network.ip.Ipv4.tryParse(options.ipv4Address()) == null
                                ? "invalid IPv4 address: " + options.ipv4Address()
                                : "user specified IP address is supported on user defined networks only");
            }
            if (host.networkContainer() != null) {
                containers.store().resolve(host.networkContainer());
            }
            return List.of();
        }
        Network network = containers.networks().find(host.networkName());
        if (network.driver().equals("host") || network.driver().equals("null")) {
            throw new InvalidInputException("network " + network.name()
                    + " is a predefined network: use --network " + network.name());
        }
        Membership.Request request = new Membership.Request(network.id(), options.aliases(), options.ipv4Address());
        Attachments.checkRequest(network, request);
        return List.of(request);
    }

    // ---- what inspect and ps show ----

    /**
     * Docker's NetworkSettings: the endpoint of each network the container is on (address, gateway, MAC
     * while it runs), the published ports while it runs; the top-level address fields only for the default
     * bridge, as Docker 20.10 fills them.
     */
    static Map<String, Object> settings(ContainerRecord record, Optional<Membership> membership, Networks networks)
            throws IOException {
        HostConfig host = record.hostConfig();
        Membership.Live live = membership.map(Membership::live).orElse(null);
        boolean running = record.state().running() && live != null;
        Map<String, Object> endpoints = new LinkedHashMap<>();
        Map<String, Object> top = null;
        if (host.hostNetwork() || host.noNetwork()) {
            Network network = networks.find(host.hostNetwork() ? Network.HOST : Network.NONE);
            endpoints.put(network.name(), endpoint(network, null, null, record));
        } else if (host.bridged()) {
            for (Membership.Request request : membership.map(Membership::requests).orElse(List.of())) {
                Optional<Network> network = networks.byId(request.networkId());
                if (network.isEmpty()) {
                    continue;
                }
                Membership.Endpoint endpoint = running ? live.endpoint(request.networkId()).orElse(null) : null;
                Map<String, Object> settings = endpoint(network.get(), request, endpoint, record);
                endpoints.put(network.get().name(), settings);
                if (top == null && network.get().predefined() && network.get().name().equals(Network.BRIDGE)) {
                    top = settings;
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Bridge", "");
        out.put("SandboxID", running ? record.id() : "");
        out.put("HairpinMode", false);
        out.put("LinkLocalIPv6Address", "");
        out.put("LinkLocalIPv6PrefixLen", 0);
        out.put("Ports", running ? ports(record, live) : Map.of());
        out.put("SandboxKey", running ? live.netns() : "");
        out.put("SecondaryIPAddresses", null);
        out.put("SecondaryIPv6Addresses", null);
        out.put("EndpointID", top == null ? "" : top.get("EndpointID"));
        out.put("Gateway", top == null ? "" : top.get("Gateway"));
        out.put("GlobalIPv6Address", "");
        out.put("GlobalIPv6PrefixLen", 0);
        out.put("IPAddress", top == null ? "" : top.get("IPAddress"));
        out.put("IPPrefixLen", top == null ? 0 : top.get("IPPrefixLen"));
        out.put("IPv6Gateway", "");
        out.put("MacAddress", top == null ? "" : top.get("MacAddress"));
        out.put("Networks", endpoints);
        return out;
    }

    private static Map<String, Object> endpoint(Network network, Membership.Request request, Membership.Endpoint endpoint,
                                                ContainerRecord record) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("IPAMConfig", request == null || request.ipv4Address().isEmpty() ? null
                : Map.of("IPv4Address", request.ipv4Address()));
        out.put("Links", null);
        List<String> aliases = null;
        if (request != null && !network.predefined()) {
            aliases = new ArrayList<>(request.aliases());
            aliases.add(record.shortId());
        }
        out.put("Aliases", aliases);
        out.put("NetworkID", network.id());
        out.put("EndpointID", endpoint == null ? "" : endpoint.endpointId());
        out.put("Gateway", endpoint == null ? "" : endpoint.gateway());
        out.put("IPAddress", endpoint == null ? "" : endpoint.address());
        out.put("IPPrefixLen", endpoint == null ? 0 : endpoint.prefixLength());
        out.put("IPv6Gateway", "");
        out.put("GlobalIPv6Address", "");
        out.put("GlobalIPv6PrefixLen", 0);
        out.put("MacAddress", endpoint == null ? "" : endpoint.mac());
        out.put("DriverOpts", null);
        return out;
    }

    /** NetworkSettings.Ports: every exposed port, with its host bindings or null, sorted by key as Docker's map is. */
    static Map<String, Object> ports(ContainerRecord record, Membership.Live live) {
        Map<String, Object> out = new java.util.TreeMap<>();
        Map<String, Map<String, Object>> exposed = record.config().exposedPorts();
        if (exposed != null) {
            exposed.keySet().forEach(key -> out.put(key, null));
        }
        if (live != null) {
            out.putAll(live.ports());
        }
        return out;
    }

    /** The names of the networks the container is on, for ps's NETWORKS. */
    static List<String> networkNames(ContainerRecord record, Optional<Membership> membership, Networks networks)
            throws IOException {
        HostConfig host = record.hostConfig();
        if (host.hostNetwork()) {
            return List.of(Network.HOST);
        }
        if (host.noNetwork()) {
            return List.of(Network.NONE);
        }
        List<String> out = new ArrayList<>();
        for (Membership.Request request : membership.map(Membership::requests).orElse(List.of())) {
            networks.byId(request.networkId()).ifPresent(n -> out.add(n.name()));
        }
        return out;
    }
}
