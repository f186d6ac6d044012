package dev.strata.network.port;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The docker CLI's {@code -p/--publish} and {@code --expose} grammars, with its error words:
 * {@code [IP:][HOSTPORT:]CONTAINERPORT[/PROTO]}, where either port may be a range {@code A-B}
 * (the same length on both sides, or a host range for one container port, to choose from), the IP may
 * be bracketed IPv6, and PROTO is tcp, udp or sctp; and the long form
 * {@code published=8080,target=80,protocol=udp}.
 */
public final class PortSpec {
    private PortSpec() {
    }

    /** One container port and where it is to be published. */
    public record Mapping(Port port, PortBinding binding) {
    }

    /** Each {@code -p} value parsed in turn, as the daemon's {@code HostConfig.PortBindings}; and the ports they expose. */
    public static Map<Port, List<PortBinding>> bindings(List<String> specs) {
        Map<Port, List<PortBinding>> out = new LinkedHashMap<>();
        for (String spec : specs) {
            for (Mapping mapping : parse(spec)) {
                out.computeIfAbsent(mapping.port(), p -> new ArrayList<>()).add(mapping.binding());
            }
        }
        out.replaceAll((port, list) -> List.copyOf(list));
        return out;
    }

    /** One {@code -p} value; throws IllegalArgumentException with Docker's message. */
    public static List<Mapping> parse(String spec) {
        String raw = spec.contains("=") ? standardNotation(spec) : spec;
        String[] parts = raw.split(":", -1);
        int n = parts.length;
        String ip = "";
        String hostPort = "";
        String containerPart = parts[n - 1];
        if (n == 2) {
            hostPort = parts[0];
        } else if (n >= 3) {
            ip = String.join(":", java.util.Arrays.copyOfRange(parts, 0, n - 2));
            hostPort = parts[n - 2];
        }
        String protocol;
        String containerPort;
        String[] protoParts = containerPart.split("/", -1);
        if (containerPart.isEmpty() || protoParts[0].isEmpty()) {
            protocol = "";
            containerPort = "";
        } else if (protoParts.length == 1 || protoParts[1].isEmpty()) {
            protocol = "tcp";
            containerPort = protoParts[0];
        } else {
            protocol = protoParts[1];
            containerPort = protoParts[0];
        }
        if (ip.startsWith("[")) {
            if (!ip.endsWith("]") || ip.length() < 2) {
                throw new IllegalArgumentException("invalid IP address " + ip + ": address " + ip + ": missing ']' in address");
            }
            ip = ip.substring(1, ip.length() - 1);
        }
        if (!ip.isEmpty() && !dev.strata.network.ip.Ipv4.isIp(ip)) {
            throw new IllegalArgumentException("invalid IP address: " + ip);
        }
        if (containerPort.isEmpty()) {
            throw new IllegalArgumentException("no port specified: " + spec + "<empty>");
        }
        int[] container = range(containerPort, "invalid containerPort: " + containerPort);
        int[] host = hostPort.isEmpty() ? new int[] {0, 0} : range(hostPort, "invalid hostPort: " + hostPort);
        if (!hostPort.isEmpty() && container[1] - container[0] != host[1] - host[0] && container[1] != container[0]) {
            throw new IllegalArgumentException("invalid ranges specified for container and host Ports: "
                    + containerPort + " and " + hostPort);
        }
        String proto = protocol.toLowerCase(Locale.ROOT);
        if (!proto.equals("tcp") && !proto.equals("udp") && !proto.equals("sctp")) {
            throw new IllegalArgumentException("invalid proto: " + protocol);
        }
        List<Mapping> out = new ArrayList<>();
        for (int i = 0; i <= container[1] - container[0]; i++) {
            String binding = "";
            if (!hostPort.isEmpty()) {
                binding = Integer.toString(host[0] + i);
                if (container[0] == container[1] && host[0] != host[1]) {
                    // one container port, a range of host ports to choose from
                    binding = binding + "-" + host[1];
                }
            }
            out.add(new Mapping(new Port(container[0] + i, proto), new PortBinding(ip, binding)));
        }
        return out;
    }

    /** {@code --expose 80}, {@code --expose 7000-7002/udp}: the ports, in order. */
    public static List<Port> exposed(String spec) {
        String[] protoParts = spec.split("/", -1);
        String ports = protoParts[0];
        String protocol = protoParts.length > 1 && !protoParts[1].isEmpty() ? protoParts[1] : "tcp";
        if (spec.contains(":")) {
            throw new IllegalArgumentException("invalid port format for --expose: " + spec);
        }
        int start;
        int end;
        try {
            int dash = ports.indexOf('-');
            start = parsePort(dash < 0 ? ports : ports.substring(0, dash));
            end = dash < 0 ? start : parsePort(ports.substring(dash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid range format for --expose: " + spec + ", error: "
                    + e.getMessage());
        }
        if (end < start) {
            throw new IllegalArgumentException("invalid range format for --expose: " + spec
                    + ", error: invalid range specified for port: " + ports);
        }
        List<Port> out = new ArrayList<>();
        for (int p = start; p <= end; p++) {
            out.add(new Port(p, protocol));
        }
        return out;
    }

    /** Go's ParseUint(s, 10, 16), with its error words. */
    private static int parsePort(String text) {
        if (text.isEmpty() || !text.chars().allMatch(Character::isDigit)) {
            throw new NumberFormatException("strconv.ParseUint: parsing \"" + text + "\": invalid syntax");
        }
        if (text.length() > 5 || Integer.parseInt(text) > 65535) {
            throw new NumberFormatException("strconv.ParseUint: parsing \"" + text + "\": value out of range");
        }
        return Integer.parseInt(text);
    }

    private static int[] range(String text, String error) {
        try {
            int dash = text.indexOf('-');
            if (dash < 0) {
                int port = parsePort(text);
                return new int[] {port, port};
            }
            String[] ends = text.split("-", -1);
            if (ends.length != 2) {
                throw new NumberFormatException(text);
            }
            int start = parsePort(ends[0]);
            int end = parsePort(ends[1]);
            if (end < start) {
                throw new NumberFormatException(text);
            }
            return new int[] {start, end};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(error);
        }
    }

    /** The long form {@code mode=host,target=80,published=8080,protocol=tcp} as {@code 8080:80/tcp}. */
    private static String standardNotation(String spec) {
        String published = "";
        String target = "";
        String protocol = "tcp";
        for (String param : spec.split(",")) {
            int eq = param.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("invalid publish opts format (should be name=value but got '"
                        + param + "')");
            }
            String key = param.substring(0, eq);
            String value = param.substring(eq + 1);
            switch (key) {
                case "published" -> published = value;
                case "target" -> target = value;
                case "protocol" -> protocol = value;
                case "mode" -> { }
                default -> throw new IllegalArgumentException("invalid field key: " + key);
            }
        }
        if (target.isEmpty()) {
            throw new IllegalArgumentException("missing mandatory field 'target'");
        }
        return (published.isEmpty() ? "" : published + ":") + target + "/" + protocol;
    }
}
