package dev.strata.network.port;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Forwards a published host port to the container, as Docker's docker-proxy does: each TCP connection
 * accepted on the host port is joined to a new connection to the container's address, bytes copied both
 * ways, each direction's end passed on as a half-close; each UDP client gets a socket of its own toward the
 * container, whose answers go back to that client, and which is dropped after 90 s without traffic
 * (docker-proxy's UDP timeout). Runs in the process that watches the container, and stops with it:
 * a platform thread per listener (the first virtual thread of a JVM costs its start tens of
 * milliseconds to set up the scheduler), virtual threads per connection.
 *
 * <p>A userland proxy rather than the portmap plugin's DNAT, by measurement and by what it must do here:
 * DNAT to 127.0.0.1 needs {@code route_localnet} on the bridge, which lets containers reach the host's
 * loopback-only services (CVE-2020-8558); portmap cannot publish on IPv6 for IPv4-only containers, which
 * Docker 20.10 does; a DNAT rule does not keep a host program from binding the port, so a clash would go
 * unreported; and its per-container nf_tables chains cost 60 ms to add and 140 ms to delete a container,
 * against a socket bind here. The price is that the container sees the proxy's address as the client's,
 * as it does for Docker's proxied traffic.
 */
public final class PortProxy implements AutoCloseable {
    static final long UDP_IDLE_MILLIS = 90_000;
    private static final int BUFFER = 64 * 1024;

    private final HostPorts.Bound bound;
    private final InetSocketAddress target;
    private final Set<AutoCloseable> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private PortProxy(HostPorts.Bound bound, InetSocketAddress target) {
        this.bound = bound;
        this.target = target;
    }

    /** Starts forwarding what {@code bound} receives to {@code containerAddress}, at the bound container port. */
    public static PortProxy start(HostPorts.Bound bound, String containerAddress) throws IOException {
        InetSocketAddress target = new InetSocketAddress(java.net.InetAddress.getByName(containerAddress),
                bound.port().number());
        PortProxy proxy = new PortProxy(bound, target);
        if (bound.channel() instanceof ServerSocketChannel server) {
            Thread.ofPlatform().daemon().name("proxy-accept-" + bound.port()).start(() -> proxy.acceptLoop(server));
        } else if (bound.channel() instanceof DatagramChannel datagrams) {
            Thread.ofPlatform().daemon().name("proxy-udp-" + bound.port()).start(() -> proxy.udpLoop(datagrams));
        } else {
            throw new IllegalArgumentException("not a TCP or UDP socket: " + bound.channel());
        }
        return proxy;
    }

    private void acceptLoop(ServerSocketChannel server) {
        while (!closed) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            open.add(client);
            Thread.ofVirtual().start(() -> serve(client));
        }
    }

    private void serve(SocketChannel client) {
        SocketChannel backend = null;
        try {
            backend = SocketChannel.open(StandardProtocolFamily.INET);
            open.add(backend);
            backend.connect(target);
            SocketChannel toContainer = backend;
            Thread upstream = Thread.ofVirtual().start(() -> copy(client, toContainer));
            copy(backend, client);
            upstream.join();
        } catch (IOException | InterruptedException e) {
            // the container refused or went away: the client sees its connection closed, as with docker-proxy
        } finally {
            closeQuietly(client);
            closeQuietly(backend);
        }
    }

    /** Copies until {@code from} ends, then half-closes {@code to}; both sides' failures end it. */
    private static void copy(SocketChannel from, SocketChannel to) {
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        try {
            while (from.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    to.write(buffer);
                }
                buffer.clear();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void udpLoop(DatagramChannel listener) {
        Map<SocketAddress, DatagramChannel> clients = new ConcurrentHashMap<>();
        Map<SocketAddress, Long> lastSeen = new ConcurrentHashMap<>();
        Thread reaper = Thread.ofVirtual().start(() -> reapIdle(clients, lastSeen));
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        while (!closed) {
            SocketAddress client;
            try {
                buffer.clear();
                client = listener.receive(buffer);
                buffer.flip();
            } catch (IOException e) {
                break; // closed
            }
            lastSeen.put(client, System.currentTimeMillis());
            DatagramChannel backend = clients.get(client);
            try {
                if (backend == null) {
                    DatagramChannel fresh = DatagramChannel.open(StandardProtocolFamily.INET);
                    fresh.connect(target);
                    open.add(fresh);
                    clients.put(client, fresh);
                    backend = fresh;
                    Thread.ofVirtual().start(() -> udpReplies(listener, fresh, client, clients));
                }
                backend.write(buffer);
            } catch (IOException e) {
                // nobody listens in the container yet: the datagram is lost, as UDP allows
            }
        }
        reaper.interrupt();
        clients.values().forEach(PortProxy::closeQuietly);
    }

    /** Sends the container's answers to the client until the socket is closed, by the reaper or by close(). */
    private void udpReplies(DatagramChannel listener, DatagramChannel backend, SocketAddress client,
                            Map<SocketAddress, DatagramChannel> clients) {
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        try {
            while (!closed) {
                buffer.clear();
                backend.read(buffer);
                buffer.flip();
                listener.send(buffer, client);
            }
        } catch (IOException e) {
            // closed, or the container's side failed (ICMP port unreachable): forget the client
        } finally {
            clients.remove(client, backend);
            open.remove(backend);
            closeQuietly(backend);
        }
    }

    /** Closes the sockets of clients silent for {@link #UDP_IDLE_MILLIS}, which ends their reply threads. */
    private void reapIdle(Map<SocketAddress, DatagramChannel> clients, Map<SocketAddress, Long> lastSeen) {
        while (!closed) {
            try {
                Thread.sleep(UDP_IDLE_MILLIS / 6);
            } catch (InterruptedException e) {
                return;
            }
            long cutoff = System.currentTimeMillis() - UDP_IDLE_MILLIS;
            for (Map.Entry<SocketAddress, Long> seen : lastSeen.entrySet()) {
                if (seen.getValue() < cutoff) {
                    lastSeen.remove(seen.getKey(), seen.getValue());
                    closeQuietly(clients.remove(seen.getKey()));
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(bound.channel());
        for (AutoCloseable c : open) {
            closeQuietly(c);
        }
        open.clear();
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception ignored) {
            // closing is best effort
        }
    }
}
