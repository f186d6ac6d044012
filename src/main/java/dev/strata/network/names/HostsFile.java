package dev.strata.network.names;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A container's {@code /etc/hosts}: Docker's lines (localhost, the IPv6 names, {@code --add-host}
 * entries, the container's own address and host name), then one line for each container on the same
 * user-defined networks, itself included: its address, its name and its aliases.
 *
 * <p>That last part is how containers find each other by name. Docker answers those names from a DNS
 * server inside its daemon; Strata has no daemon, and a resolver process per network would be one more
 * thing to start, watch and clean up after a crash. A hosts file needs nothing running: it is rewritten
 * in place (the container sees it through a bind mount, which a rename would break) for every member
 * whenever one joins or leaves, under the network lock. libc reads it on each lookup, so a new peer is
 * found at once; a program that caches lookups itself keeps what it cached, as it would with DNS TTLs.
 */
public final class HostsFile {
    /** Docker's default lines. */
    public static final String DEFAULT = """
            127.0.0.1\tlocalhost
            ::1\tlocalhost ip6-localhost ip6-loopback
            fe00::0\tip6-localnet
            ff00::0\tip6-mcastprefix
            ff02::1\tip6-allnodes
            ff02::2\tip6-allrouters
            """;

    private HostsFile() {
    }

    /** A {@code --add-host NAME:IP} entry, or a peer: one address and its names. */
    public record Entry(String address, List<String> names) {
        public Entry {
            names = List.copyOf(names);
        }
    }

    /**
     * The file's text.
     *
     * @param extraHosts {@code --add-host} entries, in order
     * @param address    the container's own address on its first network, null when it has none
     * @param hostname   the container's host name ({@code host.domain} is written as Docker does, with the short name after)
     * @param peers      the members of its user-defined networks, itself included
     */
    public static String render(List<Entry> extraHosts, String address, String hostname, List<Entry> peers) {
        StringBuilder out = new StringBuilder(DEFAULT);
        for (Entry extra : extraHosts) {
            out.append(extra.address()).append('\t').append(String.join(" ", extra.names())).append('\n');
        }
        if (address != null && !address.isEmpty()) {
            out.append(address).append('\t').append(hostname);
            int dot = hostname.indexOf('.');
            if (dot > 0) {
                out.append(' ').append(hostname, 0, dot);
            }
            out.append('\n');
        }
        Set<String> seen = new LinkedHashSet<>();
        for (Entry peer : peers) {
            List<String> names = new ArrayList<>();
            for (String name : peer.names()) {
                if (seen.add(peer.address() + " " + name)) {
                    names.add(name);
                }
            }
            if (!names.isEmpty()) {
                out.append(peer.address()).append('\t').append(String.join(" ", names)).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * The docker CLI's {@code --add-host host:ip} (also {@code host=ip}; an IPv6 address may be bracketed);
     * {@code host-gateway} stands for the host's address on the container's network, given as {@code gateway}.
     */
    public static Entry parseAddHost(String spec, String gateway) {
        int sep = spec.indexOf('=');
        if (sep < 0) {
            sep = spec.indexOf(':');
        }
        if (sep <= 0) {
            throw new IllegalArgumentException("bad format for add-host: \"" + spec + "\"");
        }
        String host = spec.substring(0, sep);
        String ip = spec.substring(sep + 1);
        if (ip.startsWith("[") && ip.endsWith("]")) {
            ip = ip.substring(1, ip.length() - 1);
        }
        if (ip.equals("host-gateway")) {
            ip = gateway;
        } else if (!dev.strata.network.ip.Ipv4.isIp(ip)) {
            throw new IllegalArgumentException("invalid IP address in add-host: \"" + ip + "\"");
        }
        return new Entry(ip, List.of(host));
    }
}
