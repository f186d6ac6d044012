package dev.strata.registry.client.config;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Locale;

/** Host names and addresses as registries are named: {@code host}, {@code host:port}, {@code [v6]:port}. */
public final class Hosts {
    private Hosts() {
    }

    /** The host part of {@code host[:port]}, without IPv6 brackets. */
    public static String hostOf(String hostAndPort) {
        if (hostAndPort.startsWith("[")) {
            int close = hostAndPort.indexOf(']');
            return close < 0 ? hostAndPort : hostAndPort.substring(1, close);
        }
        int colon = hostAndPort.indexOf(':');
        return colon < 0 || hostAndPort.indexOf(':', colon + 1) >= 0 ? hostAndPort : hostAndPort.substring(0, colon);
    }

    /**
     * Whether plain HTTP is allowed to {@code hostAndPort} without configuration: {@code localhost}
     * and the loopback addresses (127.0.0.0/8 and ::1), whose traffic never leaves the machine.
     */
    public static boolean isLoopback(String hostAndPort) {
        String host = hostOf(hostAndPort.toLowerCase(Locale.ROOT));
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            return true;
        }
        byte[] address = literal(host);
        return address != null && (address.length == 4 ? address[0] == 127 : isIpv6Loopback(address));
    }

    private static boolean isIpv6Loopback(byte[] address) {
        for (int i = 0; i < 15; i++) {
            if (address[i] != 0) {
                return false;
            }
        }
        return address[15] == 1;
    }

    static boolean isCidr(String text) {
        int slash = text.indexOf('/');
        if (slash < 0 || literal(text.substring(0, slash)) == null) {
            return false;
        }
        try {
            int bits = Integer.parseInt(text.substring(slash + 1));
            return bits >= 0 && bits <= literal(text.substring(0, slash)).length * 8;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static boolean inCidr(String host, String cidr) {
        byte[] address = literal(host);
        int slash = cidr.indexOf('/');
        byte[] network = literal(cidr.substring(0, slash));
        if (address == null || network == null || address.length != network.length) {
            return false;
        }
        int bits = Integer.parseInt(cidr.substring(slash + 1));
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >>> (i % 8);
            if ((address[i / 8] & mask) != (network[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** The bytes of an IP address literal, or null for a host name (never resolved). */
    static byte[] literal(String host) {
        boolean v4 = !host.isEmpty();
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            v4 &= c >= '0' && c <= '9' || c == '.';
        }
        boolean v6 = host.indexOf(':') >= 0;
        if (!v4 && !v6) {
            return null;
        }
        if (v4 && host.chars().filter(c -> c == '.').count() != 3) {
            return null;
        }
        try {
            // a literal is parsed, never looked up
            return InetAddress.getByName(host).getAddress();
        } catch (IOException e) {
            return null;
        }
    }
}
