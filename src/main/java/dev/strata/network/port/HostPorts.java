package dev.strata.network.port;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Host ports for a container's published ports, bound as Docker's userland proxy binds them: the
 * bound socket is both the reservation (no other program takes the port while the container has it)
 * and, handed to {@link PortProxy}, the listener. A port with no address given is published on every
 * IPv4 and IPv6 address (one dual-stack socket; Docker 20.10 shows it as two bindings, 0.0.0.0 and ::);
 * a port with none given is the first free one of the kernel's ephemeral range, as Docker allocates.
 */
public final class HostPorts {
    private HostPorts() {
    }

    /** A host port another container already holds. */
    public record Held(String protocol, String hostIp, int port) {
    }

    /** One bound socket and what it publishes. */
    public record Bound(Port port, List<PortBinding> shown, NetworkChannel channel) {
    }

    /** The port is taken; the message is Docker's. */
    public static final class Unavailable extends IOException {
        public Unavailable(String message) {
            super(message);
        }
    }

    /** Whether containers' ports are also published on IPv6, as Docker 20.10 does where the kernel has IPv6. */
    public static boolean ipv6Enabled() {
        try {
            Path disabled = Path.of("/proc/sys/net/ipv6/conf/all/disable_ipv6");
            return Files.exists(Path.of("/proc/net/if_inet6")) && Files.exists(disabled)
                    && Files.readAllLines(disabled).getFirst().strip().equals("0");
        } catch (IOException e) {
            return false;
        }
    }

    /** The kernel's ephemeral port range, {@code /proc/sys/net/ipv4/ip_local_port_range}; Docker's defaults without it. */
    public static int[] ephemeralRange() {
        try {
            // readAllLines, not readString: the latter reads /proc/sys files by their size (0), getting one byte
            String[] parts = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).getFirst().trim()
                    .split("\\s+");
            return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
        } catch (IOException | RuntimeException e) {
            return new int[] {49153, 65535};
        }
    }

    /**
     * Binds every requested port; on any failure closes what was bound and throws {@link Unavailable}.
     *
     * @param requested {@code HostConfig.PortBindings}: container port to bindings whose HostPort may be
     *                  empty (ephemeral) or a range to choose from
     * @param held      ports other containers hold
     */
    public static List<Bound> bind(Map<Port, List<PortBinding>> requested, List<Held> held, boolean ipv6)
            throws IOException {
        List<Bound> out = new ArrayList<>();
        List<Held> taken = new ArrayList<>(held);
        try {
            for (Map.Entry<Port, List<PortBinding>> entry : requested.entrySet()) {
                Port port = entry.getKey();
                if (port.protocol().equals("sctp")) {
                    throw new Unavailable("Strata cannot publish SCTP ports (" + port + ")");
                }
                for (PortBinding binding : entry.getValue()) {
                    Bound bound = bindOne(port, binding, taken, ipv6);
                    out.add(bound);
                    int number = Integer.parseInt(bound.shown().getFirst().hostPort());
                    taken.add(new Held(port.protocol(), binding.hostIp(), number));
                }
            }
            return out;
        } catch (IOException | RuntimeException e) {
            close(out);
            throw e;
        }
    }

    public static void close(List<Bound> bound) {
        for (Bound b : bound) {
            try {
                b.channel().close();
            } catch (IOException ignored) {
                // closing a socket we opened
            }
        }
    }

    /**
     * NetworkSettings.Ports for what was bound: a port's bindings last-asked first, each address family
     * in order (0.0.0.0, then ::), as Docker 20.10 lists them.
     */
    public static Map<String, List<PortBinding>> shown(List<Bound> bound) {
        Map<String, List<PortBinding>> out = new LinkedHashMap<>();
        for (Bound b : bound) {
            out.computeIfAbsent(b.port().toString(), k -> new ArrayList<>()).addAll(0, b.shown());
        }
        out.replaceAll((k, v) -> List.copyOf(v));
        return out;
    }

    private static Bound bindOne(Port port, PortBinding binding, List<Held> taken, boolean ipv6) throws IOException {
        String ip = binding.hostIp();
        String shownIp = ip.isEmpty() ? "0.0.0.0" : ip;
        int first;
        int last;
        boolean chosen = binding.hostPort().isEmpty();
        if (chosen) {
            int[] range = ephemeralRange();
            first = range[0];
            last = range[1];
        } else {
            int dash = binding.hostPort().indexOf('-');
            first = Integer.parseInt(dash < 0 ? binding.hostPort() : binding.hostPort().substring(0, dash));
            last = dash < 0 ? first : Integer.parseInt(binding.hostPort().substring(dash + 1));
        }
        IOException lastFailure = null;
        for (int number = first; number <= last; number++) {
            if (isHeld(taken, port.protocol(), ip, number)) {
                if (first == last) {
                    throw new Unavailable("Bind for " + hostAndPort(shownIp, number) + " failed: port is already allocated");
                }
                continue;
            }
            try {
                NetworkChannel channel = open(port, ip, number, ipv6);
                List<PortBinding> shown = new ArrayList<>();
                shown.add(new PortBinding(shownIp, Integer.toString(number)));
                if (ip.isEmpty() && ipv6) {
                    shown.add(new PortBinding("::", Integer.toString(number)));
                }
                return new Bound(port, List.copyOf(shown), channel);
            } catch (BindException e) {
                lastFailure = new Unavailable("Error starting userland proxy: listen " + port.protocol()
                        + (shownIp.indexOf(':') >= 0 ? "6 " : "4 ") + hostAndPort(shownIp, number)
                        + ": bind: address already in use");
                if (first == last) {
                    throw lastFailure;
                }
            }
        }
        if (lastFailure != null && !chosen) {
            throw lastFailure;
        }
        throw new Unavailable("Bind for " + shownIp + ":" + (chosen ? first + "-" + last : binding.hostPort())
                + " failed: port is already allocated");
    }

    private static boolean isHeld(List<Held> taken, String protocol, String ip, int number) {
        for (Held h : taken) {
            if (h.port() == number && h.protocol().equals(protocol)
                    && (h.hostIp().isEmpty() || ip.isEmpty() || wildcard(h.hostIp()) || wildcard(ip) || h.hostIp().equals(ip))) {
                return true;
            }
        }
        return false;
    }

    private static boolean wildcard(String ip) {
        return ip.equals("0.0.0.0") || ip.equals("::");
    }

    private static String hostAndPort(String ip, int port) {
        return (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + port;
    }

    /**
     * A listening TCP socket or a bound UDP socket: dual-stack on {@code ::} for no address (IPv4 alone
     * without IPv6), else of the address's family.
     */
    private static NetworkChannel open(Port port, String ip, int number, boolean ipv6) throws IOException {
        StandardProtocolFamily family;
        InetSocketAddress address;
        if (ip.isEmpty()) {
            family = ipv6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
            address = new InetSocketAddress(InetAddress.getByName(ipv6 ? "::" : "0.0.0.0"), number);
        } else {
            boolean v6 = ip.indexOf(':') >= 0;
            family = v6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
            // a literal: no lookup is made
            address = new InetSocketAddress(InetAddress.getByName(ip), number);
        }
        if (port.udp()) {
            DatagramChannel channel = DatagramChannel.open(family);
            try {
                channel.bind(address);
                return channel;
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }
        ServerSocketChannel channel = ServerSocketChannel.open(family);
        try {
            channel.bind(address, 128);
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }
}
