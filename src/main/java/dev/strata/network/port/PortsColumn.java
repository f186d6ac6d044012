package dev.strata.network.port;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The PORTS column of {@code ps}, made from NetworkSettings.Ports as the docker CLI makes it. */
public final class PortsColumn {
    private PortsColumn() {
    }

    private record PortRow(String ip, int privatePort, int publicPort, String type) {
    }

    /**
     * The docker CLI's DisplayablePorts: bound ports as {@code 0.0.0.0:8080->80/tcp} ({@code [::]:8080} for
     * IPv6), runs of consecutive exposed-only ports as {@code 7000-7002/udp}, and runs where host and
     * container port agree as {@code 0.0.0.0:8000-8002->8000-8002/tcp}; grouped ports first, in order of
     * their first port, then the other mappings, all sorted by container port, address, host port, type.
     *
     * @param ports NetworkSettings.Ports: {@code 80/tcp} to its bindings, or null for an exposed-only port
     */
    public static String of(Map<String, ?> ports) {
        List<PortRow> rows = new ArrayList<>();
        for (Map.Entry<String, ?> entry : ports.entrySet()) {
            dev.strata.network.port.Port port = Port.parse(entry.getKey());
            if (!(entry.getValue() instanceof List<?> bindings) || bindings.isEmpty()) {
                rows.add(new PortRow("", port.number(), 0, port.protocol()));
                continue;
            }
            for (Object b : bindings) {
                PortBinding binding = (PortBinding) b;
                rows.add(new PortRow(binding.hostIp(), port.number(), Integer.parseInt(binding.hostPort()),
                        port.protocol()));
            }
        }
        rows.sort(Comparator.comparingInt(PortRow::privatePort).thenComparing(PortRow::ip)
                .thenComparingInt(PortRow::publicPort).thenComparing(PortRow::type));
        Map<String, int[]> groups = new LinkedHashMap<>();
        List<String> result = new ArrayList<>();
        List<String> mappings = new ArrayList<>();
        for (PortRow row : rows) {
            String key = row.type();
            if (!row.ip().isEmpty()) {
                if (row.publicPort() != row.privatePort()) {
                    mappings.add(joinHostPort(row.ip(), Integer.toString(row.publicPort())) + "->" + row.privatePort()
                            + "/" + row.type());
                    continue;
                }
                key = row.ip() + "/" + row.type();
            }
            int[] group = groups.get(key);
            if (group == null) {
                groups.put(key, new int[] {row.privatePort(), row.privatePort()});
            } else if (row.privatePort() == group[1] + 1) {
                group[1] = row.privatePort();
            } else {
                result.add(formGroup(key, group[0], group[1]));
                groups.put(key, new int[] {row.privatePort(), row.privatePort()});
            }
        }
        groups.forEach((key, group) -> result.add(formGroup(key, group[0], group[1])));
        result.addAll(mappings);
        return String.join(", ", result);
    }

    private static String formGroup(String key, int start, int last) {
        int slash = key.lastIndexOf('/');
        String ip = slash < 0 ? "" : key.substring(0, slash);
        String type = slash < 0 ? key : key.substring(slash + 1);
        String group = start == last ? Integer.toString(start) : start + "-" + last;
        if (!ip.isEmpty()) {
            group = joinHostPort(ip, group) + "->" + group;
        }
        return group + "/" + type;
    }

    private static String joinHostPort(String host, String port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
