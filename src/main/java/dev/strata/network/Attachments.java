package dev.strata.network;

import dev.strata.error.ConflictException;
import dev.strata.error.InvalidInputException;
import dev.strata.error.NotFoundException;
import dev.strata.error.StrataException;
import dev.strata.error.UnavailableException;
import dev.strata.network.cni.Cni;
import dev.strata.network.cni.CniResult;
import dev.strata.network.cni.ConfigList;
import dev.strata.network.ip.Ipv4;
import dev.strata.network.ip.Subnet;
import dev.strata.network.names.HostsFile;
import dev.strata.network.netns.NetNamespace;
import dev.strata.network.port.HostPorts;
import dev.strata.network.port.Port;
import dev.strata.network.port.PortBinding;
import dev.strata.network.port.PortProxy;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;

/**
 * Containers on networks: which networks each asked for ({@link #register}), and, while it runs, its
 * namespace, interfaces, addresses, published ports and hosts file ({@link #attach}, undone by
 * {@link Attached#close} or {@link #detach}). Every step is recorded in the container's
 * {@link Membership} before the host is changed, so {@link #sweep} can undo what a killed process left.
 *
 * <p>Locks: one per container ({@code containers/ID.lock}) is held through an attach or a detach, so
 * two processes never tear down or build up the same container at once; the store's lock is held only
 * for each record change. Order: the container's lock, then the store's.
 */
public final class Attachments {
    /** How the container side answers for a container the network side cannot judge alone. */
    public interface Liveness {
        /** Whether the container's record exists. */
        boolean exists(String containerId) throws IOException;

        /** Whether the container's processes still run (its watcher may have died while they run on). */
        boolean running(String containerId) throws IOException;
    }

    /**
     * What starting a container asks of the networks.
     *
     * @param fallback   the networks to join if the container was never registered (made before Strata had networks)
     * @param extraHosts {@code --add-host} values as given
     * @param hostsFile  the container's hosts file, which this class writes and keeps current
     * @param ports      the ports to publish: {@code -p}, and {@code -P}'s exposed ports with empty bindings
     */
    public record AttachRequest(String containerId, String containerName, String hostname, List<String> extraHosts,
                                Path hostsFile, Map<Port, List<PortBinding>> ports, List<Membership.Request> fallback) {
        public AttachRequest {
            extraHosts = List.copyOf(extraHosts);
            ports = ports == null ? Map.of() : new LinkedHashMap<>(ports);
            fallback = List.copyOf(fallback);
        }
    }

    private final Networks networks;
    private final NetworkStore store;
    private final Cni cni;
    private final Liveness liveness;
    private final Map<String, ProcessLock> containerLocks = new ConcurrentHashMap<>();

    public Attachments(Networks networks, Map<String, String> env, Liveness liveness) {
        this.networks = networks;
        this.store = networks.store();
        this.cni = new Cni(Cni.DEFAULT_PATH, Networks.hostPath(env));
        this.liveness = liveness;
    }

    public Networks networks() {
        return networks;
    }

    public Optional<Membership> membership(String containerId) throws IOException {
        return store.membership(containerId);
    }

    // ---- registration ----

    /**
     * Records the networks a new container asks for, after checking them as Docker's daemon does at
     * create: each exists, aliases and a fixed address only on user-defined networks, the address inside
     * the subnet (and its range) and not the gateway.
     */
    public void register(String containerId, String containerName, List<Membership.Request> requests)
            throws IOException {
        for (Membership.Request request : requests) {
            checkRequest(networks.byId(request.networkId()).orElseThrow(
                    () -> new NoSuchNetworkException(request.networkId())), request);
        }
        store.locked(() -> {
            store.put(new Membership(containerId, containerName, requests, null));
            return null;
        });
    }

    public static void checkRequest(Network network, Membership.Request request) {
        if (!request.aliases().isEmpty() && network.predefined()) {
            throw new InvalidInputException("network-scoped aliases are only supported for user-defined networks");
        }
        if (!request.ipv4Address().isEmpty()) {
            Integer address = Ipv4.tryParse(request.ipv4Address());
            if (address == null) {
                throw new InvalidInputException("invalid IPv4 address: " + request.ipv4Address());
            }
            if (network.predefined()) {
                throw new InvalidInputException("user specified IP address is supported on user defined networks only");
            }
            Subnet subnet = network.parsedSubnet();
            Subnet range = network.ipRange().isEmpty() ? subnet : Subnet.parse(network.ipRange());
            if (!range.contains(address) || address == subnet.base() || address == subnet.broadcast()
                    || address == network.gatewayAddress()) {
                throw new InvalidInputException("Invalid address " + request.ipv4Address()
                        + ": It does not belong to any of this network's subnets");
            }
        }
    }

    /** {@code rm}: detaches the container if it still is, and forgets it. */
    public void unregister(String containerId) throws IOException {
        detach(containerId);
        withContainerLock(containerId, () -> store.locked(() -> {
            store.removeMembership(containerId);
            return null;
        }));
        Files.deleteIfExists(lockFile(containerId));
    }

    // ---- attach ----

    /** The live side of an attachment in the process that made it: its namespace, and its ports' proxies. */
    public final class Attached implements AutoCloseable {
        private final String containerId;
        private final String netns;
        private final List<PortProxy> proxies;
        private final Map<String, List<PortBinding>> ports;

        private Attached(String containerId, String netns, List<PortProxy> proxies, Map<String, List<PortBinding>> ports) {
            this.containerId = containerId;
            this.netns = netns;
            this.proxies = proxies;
            this.ports = ports;
        }

        /** The pinned namespace file, to give the runtime. */
        public String netns() {
            return netns;
        }

        /** The host ports bound, as NetworkSettings.Ports. */
        public Map<String, List<PortBinding>> ports() {
            return ports;
        }

        /** Stops the proxies and starts detaching, on a virtual thread; the future ends when all is undone. */
        public Future<Void> closeAsync() {
            proxies.forEach(PortProxy::close);
            java.util.concurrent.FutureTask<Void> task = new java.util.concurrent.FutureTask<>(() -> {
                detach(containerId);
                return null;
            });
            Thread.ofPlatform().daemon().name("detach-" + containerId.substring(0, 12)).start(task);
            return task;
        }

        @Override
        public void close() throws IOException {
            proxies.forEach(PortProxy::close);
            detach(containerId);
        }
    }

    /**
     * Attaches the container for a start: pins a new network namespace, runs each network's plugins
     * into it (loopback beside them), binds and proxies its published ports, writes its hosts file and
     * those of its peers. On failure everything made is undone and the error thrown.
     *
     * <p>The namespace and the host ports are made on threads of their own while the record is written:
     * each costs a fresh JVM tens of milliseconds (the FFM linker, NIO's set-up). A namespace pinned before
     * the record names it is one the sweep would remove, but only under this container's lock, held here.
     */
    public Attached attach(AttachRequest request) throws IOException {
        sweep();
        String id = request.containerId();
        return withContainerLock(id, () -> {
            Optional<Membership> before = store.membership(id);
            if (before.isPresent() && before.get().live() != null) {
                // left by a start whose watcher died: undo it before building anew
                detachLocked(id);
            }
            Path netns = store.netns(id);
            List<Membership.Request> requests = before.map(Membership::requests).orElse(request.fallback());
            boolean publish = !request.ports().isEmpty() && !requests.isEmpty()
                    && networks.byId(requests.getFirst().networkId()).map(n -> !n.internal()).orElse(false);
            java.util.concurrent.FutureTask<Void> namespace = background("netns-" + id.substring(0, 12), () -> {
                NetNamespace.create(netns);
                return null;
            });
            java.util.concurrent.FutureTask<List<HostPorts.Bound>> ports = background("ports-" + id.substring(0, 12),
                    () -> publish ? HostPorts.bind(request.ports(), heldPorts(id), HostPorts.ipv6Enabled()) : List.of());
            try {
                Membership membership = prepare(request, netns);
                await(namespace);
                Future<?> loopback = startLoopback(id, netns.toString());
                for (Membership.Endpoint endpoint : membership.live().endpoints()) {
                    addEndpoint(id, netns.toString(), endpoint);
                }
                await(loopback);
                List<HostPorts.Bound> bound;
                try {
                    bound = await(ports);
                } catch (HostPorts.Unavailable e) {
                    throw new ConflictException("driver failed programming external connectivity on endpoint "
                            + request.containerName() + " (" + membership.live().endpoints().getFirst().endpointId()
                            + "): " + e.getMessage());
                }
                Map<String, List<PortBinding>> shown = HostPorts.shown(bound);
                update(id, m -> m.withLive(m.live().withPorts(shown)));
                Membership attached = store.membership(id).orElseThrow();
                writeHosts(Set.copyOf(networkIds(attached)));
                List<PortProxy> proxies = new ArrayList<>();
                String target = attached.live().endpoints().isEmpty() ? "" : attached.live().endpoints().getFirst().address();
                for (HostPorts.Bound b : bound) {
                    proxies.add(PortProxy.start(b, target));
                }
                return new Attached(id, netns.toString(), proxies, shown);
            } catch (IOException | RuntimeException e) {
                try {
                    HostPorts.close(await(ports));
                } catch (IOException | RuntimeException notBound) {
                    // nothing bound
                }
                try {
                    await(namespace);
                } catch (IOException | RuntimeException notMade) {
                    // nothing pinned
                }
                try {
                    detachLocked(id);
                    NetNamespace.remove(netns);
                } catch (IOException | RuntimeException undo) {
                    e.addSuppressed(undo);
                }
                throw e;
            }
        });
    }

    private static <T> java.util.concurrent.FutureTask<T> background(String name, java.util.concurrent.Callable<T> work) {
        java.util.concurrent.FutureTask<T> task = new java.util.concurrent.FutureTask<>(work);
        Thread.ofPlatform().daemon().name(name).start(task);
        return task;
    }

    private static <T> T await(Future<T> task) throws IOException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(e.getCause());
        }
    }

    /** Under the store lock: the attachment recorded (namespace, endpoints, no ports yet) before the host is changed. */
    private Membership prepare(AttachRequest request, Path netns) throws IOException {
        String id = request.containerId();
        return store.locked(() -> {
            Membership membership = store.membership(id)
                    .orElse(new Membership(id, request.containerName(), request.fallback(), null));
            List<Network> joined = new ArrayList<>();
            for (Membership.Request r : membership.requests()) {
                Network network = networks.byId(r.networkId()).orElseThrow(() -> new NoSuchNetworkException(r.networkId()));
                joined.add(network);
            }
            List<Membership.Endpoint> endpoints = new ArrayList<>();
            for (int i = 0; i < joined.size(); i++) {
                endpoints.add(new Membership.Endpoint(joined.get(i).id(), Networks.endpointId(), "eth" + i, "", 0, "", "",
                        null, 0));
            }
            Owner owner = Owner.current();
            List<HostsFile.Entry> extraHosts = new ArrayList<>();
            String gateway = joined.isEmpty() || joined.getFirst().internal() ? "" : joined.getFirst().gateway();
            for (String spec : request.extraHosts()) {
                try {
                    extraHosts.add(HostsFile.parseAddHost(spec, gateway));
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException(e.getMessage());
                }
            }
            Membership.Live live = new Membership.Live(netns.toString(), owner.pid(), owner.startedAt(),
                    request.hostname(), request.hostsFile().toString(), extraHosts, endpoints, Map.of());
            Membership recorded = membership.withLive(live);
            store.put(recorded);
            return recorded;
        });
    }

    private List<HostPorts.Held> heldPorts(String except) throws IOException {
        List<HostPorts.Held> out = new ArrayList<>();
        for (Membership m : store.memberships()) {
            if (m.containerId().equals(except) || m.live() == null) {
                continue;
            }
            for (Map.Entry<String, List<PortBinding>> entry : m.live().ports().entrySet()) {
                Port port = Port.parse(entry.getKey());
                for (PortBinding b : entry.getValue()) {
                    out.add(new HostPorts.Held(port.protocol(), b.hostIp(), Integer.parseInt(b.hostPort())));
                }
            }
        }
        return out;
    }

    private Future<?> startLoopback(String id, String netns) {
        java.util.concurrent.FutureTask<Void> task = new java.util.concurrent.FutureTask<>(() -> {
            cni.add(CniConfigs.loopback(), new Cni.Attachment(id, netns, "lo", Map.of()), (i, r) -> Map.of());
            return null;
        });
        Thread.ofPlatform().daemon().name("loopback").start(task);
        return task;
    }

    /** Runs one network's plugins for one endpoint, recording each result as it comes. */
    private void addEndpoint(String id, String netns, Membership.Endpoint endpoint) throws IOException {
        Network network = networks.byId(endpoint.networkId()).orElseThrow(
                () -> new NoSuchNetworkException(endpoint.networkId()));
        Membership membership = store.membership(id).orElseThrow();
        Membership.Request request = membership.request(network.id())
                .orElse(new Membership.Request(network.id(), List.of(), ""));
        Map<String, Object> capabilities = new LinkedHashMap<>();
        if (!request.ipv4Address().isEmpty()) {
            capabilities.put("ips", List.of(request.ipv4Address() + "/" + network.parsedSubnet().prefix()));
        }
        boolean bridgeWasThere = HostRules.bridgeExists(network.bridge());
        ConfigList list = CniConfigs.bridge(network, store);
        cni.add(list, new Cni.Attachment(id, netns, endpoint.ifname(), capabilities), (index, result) -> {
            Optional<CniResult.IpConfig> ip = result.ipv4(endpoint.ifname());
            String address = ip.map(CniResult.IpConfig::ip).orElse("");
            String mac = address.isEmpty() ? "" : CniConfigs.mac(Ipv4.parse(address));
            String gateway = network.internal() ? "" : ip.map(CniResult.IpConfig::gateway).orElse("");
            int prefix = ip.map(CniResult.IpConfig::prefixLength).orElse(0);
            update(id, m -> m.withLive(m.live().withEndpoints(m.live().endpoints().stream()
                    .map(e -> e.endpointId().equals(endpoint.endpointId())
                            ? e.withResult(result.tree(), index + 1, address, prefix, gateway, mac) : e)
                    .toList())));
            return mac.isEmpty() ? Map.of() : Map.of("mac", mac);
        });
        if (!bridgeWasThere && network.masquerade()) {
            // the bridge was made just now (first use, or after a reboot): its subnet's masquerade rule with it
            networks.hostRules().ensureMasquerade(network);
        }
    }

    private void update(String id, UnaryOperator<Membership> change) throws IOException {
        store.locked(() -> {
            Membership current = store.membership(id).orElseThrow(() -> new IOException("membership of " + id + " vanished"));
            store.put(change.apply(current));
            return null;
        });
    }

    // ---- detach ----

    /**
     * Undoes an attachment: each endpoint's plugins in reverse (DEL, with the last result they gave), the
     * namespace, the ports, and the container's lines in its peers' hosts files. Nothing attached is no
     * error; a DEL that fails leaves the record for the next try, and its error is thrown.
     */
    public void detach(String containerId) throws IOException {
        withContainerLock(containerId, () -> {
            detachLocked(containerId);
            return null;
        });
    }

    private void detachLocked(String id) throws IOException {
        Optional<Membership> found = store.membership(id);
        if (found.isEmpty() || found.get().live() == null) {
            return;
        }
        Membership.Live live = found.get().live();
        Exception failure = null;
        List<Membership.Endpoint> left = new ArrayList<>();
        for (Membership.Endpoint endpoint : live.endpoints().reversed()) {
            try {
                delEndpoint(id, live.netns(), endpoint);
            } catch (IOException | StrataException e) {
                left.addFirst(endpoint);
                failure = addTo(failure, e);
            }
        }
        if (left.isEmpty()) {
            try {
                NetNamespace.remove(Path.of(live.netns()));
            } catch (IOException | StrataException e) {
                failure = addTo(failure, e);
            }
        }
        Set<String> affected = new HashSet<>(networkIds(found.get()));
        boolean cleared = left.isEmpty() && failure == null;
        store.locked(() -> {
            Optional<Membership> now = store.membership(id);
            if (now.isPresent() && now.get().live() != null) {
                store.put(now.get().withLive(cleared ? null : now.get().live().withEndpoints(left).withPorts(Map.of())));
            }
            return null;
        });
        writeHosts(affected);
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure != null) {
            throw (StrataException) failure;
        }
    }

    private void delEndpoint(String id, String netns, Membership.Endpoint endpoint) throws IOException {
        Optional<Network> network = networks.byId(endpoint.networkId());
        if (network.isEmpty()) {
            return; // removed with its host state; nothing of it is left to undo
        }
        ConfigList list = CniConfigs.bridge(network.get(), store);
        CniResult last = endpoint.result() == null ? null : CniResult.of(
                dev.strata.json.JsonObject.of(endpoint.result(), "prevResult"));
        if (last == null) {
            // ADD never reported back: the firewall plugin, which needs the addresses, never ran either
            list = new ConfigList(list.cniVersion(), list.name(), list.plugins().subList(0, 1));
        }
        String namespace = NetNamespace.pinned(Path.of(netns)) ? netns : "";
        Map<String, Object> capabilities = endpoint.mac().isEmpty() ? Map.of() : Map.of("mac", endpoint.mac());
        cni.del(list, new Cni.Attachment(id, namespace, endpoint.ifname(), capabilities), last);
    }

    private static Exception addTo(Exception first, Exception next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    /**
     * CHECK: asks each plugin of each endpoint whether the container's networking is still as it made it
     * (the interface, its address and routes, the firewall rules); throws the first plugin's complaint.
     */
    public void check(String containerId) throws IOException {
        Membership m = store.membership(containerId).orElseThrow(
                () -> new NotFoundException("container " + containerId + " is on no network"));
        if (m.live() == null) {
            throw new ConflictException("container " + containerId + " is not attached");
        }
        for (Membership.Endpoint endpoint : m.live().endpoints()) {
            Network network = networks.byId(endpoint.networkId()).orElseThrow(
                    () -> new NoSuchNetworkException(endpoint.networkId()));
            CniResult last = CniResult.of(dev.strata.json.JsonObject.of(endpoint.result(), "prevResult"));
            Map<String, Object> capabilities = endpoint.mac().isEmpty() ? Map.of() : Map.of("mac", endpoint.mac());
            cni.check(CniConfigs.bridge(network, store),
                    new Cni.Attachment(containerId, m.live().netns(), endpoint.ifname(), capabilities), last);
        }
    }

    // ---- connect, disconnect ----

    /**
     * {@code network connect}: adds the network to the container's requests and, if it is attached now,
     * an interface on it.
     */
    public void connect(String containerId, String containerName, Network network, Membership.Request request)
            throws IOException {
        checkRequest(network, request);
        withContainerLock(containerId, () -> {
            Membership.Endpoint added = store.locked(() -> {
                Membership m = store.membership(containerId)
                        .orElse(new Membership(containerId, containerName, List.of(), null));
                if (m.request(network.id()).isPresent()) {
                    throw new ConflictException("endpoint with name " + containerName
                            + " already exists in network " + network.name());
                }
                List<Membership.Request> requests = new ArrayList<>(m.requests());
                requests.add(request);
                Membership.Endpoint endpoint = null;
                Membership.Live live = m.live();
                if (live != null) {
                    int next = 0;
                    for (Membership.Endpoint e : live.endpoints()) {
                        next = Math.max(next, Integer.parseInt(e.ifname().substring(3)) + 1);
                    }
                    endpoint = new Membership.Endpoint(network.id(), Networks.endpointId(), "eth" + next, "", 0, "", "", null, 0);
                    List<Membership.Endpoint> endpoints = new ArrayList<>(live.endpoints());
                    endpoints.add(endpoint);
                    live = live.withEndpoints(endpoints);
                }
                store.put(new Membership(containerId, m.containerName(), requests, live));
                return endpoint;
            });
            if (added != null) {
                Membership m = store.membership(containerId).orElseThrow();
                try {
                    addEndpoint(containerId, m.live().netns(), added);
                } catch (IOException | RuntimeException e) {
                    try {
                        delEndpoint(containerId, m.live().netns(), store.membership(containerId).orElseThrow().live()
                                .endpoint(network.id()).orElse(added));
                    } catch (IOException | StrataException undo) {
                        e.addSuppressed(undo);
                    }
                    removeFromRecord(containerId, network.id());
                    throw e;
                }
                writeHosts(Set.copyOf(networkIds(store.membership(containerId).orElseThrow())));
            }
            return null;
        });
    }

    /** {@code network disconnect}: removes the network from the container's requests and its interface there, if any. */
    public void disconnect(String containerId, Network network) throws IOException {
        withContainerLock(containerId, () -> {
            Membership m = store.membership(containerId).orElse(null);
            if (m == null || m.request(network.id()).isEmpty()) {
                throw new ConflictException("container " + containerId + " is not connected to network "
                        + network.name());
            }
            Set<String> affected = new HashSet<>(networkIds(m));
            if (m.live() != null) {
                Optional<Membership.Endpoint> endpoint = m.live().endpoint(network.id());
                if (endpoint.isPresent()) {
                    delEndpoint(containerId, m.live().netns(), endpoint.get());
                }
            }
            removeFromRecord(containerId, network.id());
            writeHosts(affected);
            return null;
        });
    }

    private void removeFromRecord(String containerId, String networkId) throws IOException {
        update(containerId, m -> new Membership(m.containerId(), m.containerName(),
                m.requests().stream().filter(r -> !r.networkId().equals(networkId)).toList(),
                m.live() == null ? null : m.live().withEndpoints(m.live().endpoints().stream()
                        .filter(e -> !e.networkId().equals(networkId)).toList())));
    }

    // ---- names ----

    private static List<String> networkIds(Membership m) {
        List<String> out = new ArrayList<>();
        m.requests().forEach(r -> out.add(r.networkId()));
        if (m.live() != null) {
            m.live().endpoints().forEach(e -> out.add(e.networkId()));
        }
        return out;
    }

    /** Rewrites the hosts file of every attached container on one of {@code networkIds}. */
    private void writeHosts(Set<String> networkIds) throws IOException {
        store.locked(() -> {
            List<Membership> all = store.memberships();
            Map<String, Network> byId = new LinkedHashMap<>();
            for (Network n : store.networks()) {
                byId.put(n.id(), n);
            }
            for (Membership m : all) {
                if (m.live() == null || m.live().hostsFile() == null
                        || m.live().endpoints().stream().noneMatch(e -> networkIds.contains(e.networkId()))) {
                    continue;
                }
                writeInPlace(Path.of(m.live().hostsFile()), hostsOf(m, all, byId));
            }
            return null;
        });
    }

    /** The hosts file of {@code m}: its own line, and every member of its user-defined networks, by name and alias. */
    static String hostsOf(Membership m, List<Membership> all, Map<String, Network> networks) {
        Membership.Live live = m.live();
        String own = live.endpoints().isEmpty() ? null : live.endpoints().getFirst().address();
        List<HostsFile.Entry> peers = new ArrayList<>();
        for (Membership.Endpoint endpoint : live.endpoints()) {
            Network network = networks.get(endpoint.networkId());
            if (network == null || network.predefined()) {
                continue;
            }
            for (Membership other : all) {
                if (other.live() == null) {
                    continue;
                }
                Optional<Membership.Endpoint> there = other.live().endpoint(network.id());
                if (there.isEmpty() || there.get().address().isEmpty()) {
                    continue;
                }
                List<String> names = new ArrayList<>();
                names.add(other.containerName());
                other.request(network.id()).ifPresent(r -> names.addAll(r.aliases()));
                names.add(other.containerId().substring(0, 12));
                peers.add(new HostsFile.Entry(there.get().address(), names));
            }
        }
        return HostsFile.render(live.extraHosts(), own, live.hostname(), peers);
    }

    /**
     * The file's content replaced on its own inode: a container sees its hosts file through a bind
     * mount, which a rename would leave pointing at the old file. A first write, before any mount, goes by
     * rename so no reader sees it half made.
     */
    private static void writeInPlace(Path file, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        if (!Files.exists(file)) {
            if (!Files.isDirectory(file.getParent())) {
                return; // the container's directory is gone: nobody will read it
            }
            Path temp = file.resolveSibling(".tmp-hosts-" + ProcessHandle.current().pid());
            Files.write(temp, bytes);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            // longer content first overwrites, then the length is set: a reader never sees an empty file
            channel.write(java.nio.ByteBuffer.wrap(bytes), 0);
            channel.truncate(bytes.length);
        }
    }

    // ---- sweep ----

    /**
     * Finds and undoes what dead containers left: an attachment whose holder has died while the container
     * does not run (its watcher was killed, or the machine rebooted), a membership whose container is gone
     * (a killed {@code rm}), and a pinned namespace no membership names. Cheap when there is nothing to
     * do: one directory listing, one record read and one process lookup per container.
     */
    public void sweep() throws IOException {
        for (Membership m : store.memberships()) {
            String id = m.containerId();
            if (m.live() != null && new Owner(m.live().ownerPid(), m.live().ownerStart()).alive()) {
                continue;
            }
            if (!liveness.exists(id)) {
                try {
                    unregister(id);
                } catch (IOException | StrataException e) {
                    // the next sweep tries again
                }
            } else if (m.live() != null && !liveness.running(id)) {
                try {
                    detach(id);
                } catch (IOException | StrataException e) {
                    // the next sweep tries again
                }
            }
        }
        Set<String> named = new HashSet<>();
        for (Membership m : store.memberships()) {
            if (m.live() != null) {
                named.add(Path.of(m.live().netns()).getFileName().toString());
            }
        }
        for (String pinned : store.pinnedNamespaces()) {
            if (!named.contains(pinned)) {
                // an attach pins its namespace while it records it, holding the container's lock: skip if held
                containerLock(pinned).tryLocked(() -> {
                    Optional<Membership> now = store.membership(pinned);
                    if (now.isEmpty() || now.get().live() == null) {
                        NetNamespace.remove(store.netns(pinned));
                    }
                    return null;
                });
            }
        }
    }

    // ---- the per-container lock ----

    private Path lockFile(String containerId) {
        return store.root().resolve("containers").resolve(containerId + ".lock");
    }

    private ProcessLock containerLock(String containerId) {
        return containerLocks.computeIfAbsent(containerId, id -> new ProcessLock(lockFile(id)));
    }

    private <T> T withContainerLock(String containerId, NetworkStore.Locked<T> work) throws IOException {
        return containerLock(containerId).locked(work::run);
    }
}
