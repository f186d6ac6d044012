package dev.strata.network;

import dev.strata.network.ip.Subnet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where a network without {@code --subnet} goes: the first of Docker's default pools (172.17.0.0/16
 * to 172.31.0.0/16, then 192.168.0.0/16 in /20 pieces) that overlaps neither a route of the host (so
 * Docker's own docker0 on 172.17.0.0/16, a VPN, the LAN) nor another Strata network.
 */
final class Subnets {
    private Subnets() {
    }

    static List<Subnet> candidates() {
        List<Subnet> out = new ArrayList<>();
        for (int second = 17; second <= 31; second++) {
            out.add(new Subnet((172 << 24) | (second << 16), 16));
        }
        for (int third = 0; third < 256; third += 16) {
            out.add(new Subnet((192 << 24) | (168 << 16) | (third << 8), 20));
        }
        return out;
    }

    static Optional<Subnet> choose(Collection<Subnet> taken) throws IOException {
        List<Subnet> avoid = new ArrayList<>(taken);
        avoid.addAll(hostRoutes());
        for (Subnet candidate : candidates()) {
            if (avoid.stream().noneMatch(candidate::overlaps)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The destinations of the host's IPv4 routes, the default route left out ({@code /proc/net/route}). */
    static List<Subnet> hostRoutes() throws IOException {
        Path table = Path.of("/proc/net/route");
        if (!Files.exists(table)) {
            return List.of();
        }
        return parseRouteTable(Files.readAllLines(table));
    }

    /** The kernel's table: a header, then fields with the destination and mask in little-endian hex. */
    static List<Subnet> parseRouteTable(List<String> lines) {
        List<Subnet> out = new ArrayList<>();
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length < 8) {
                continue;
            }
            int destination = Integer.reverseBytes((int) Long.parseLong(fields[1], 16));
            int mask = Integer.reverseBytes((int) Long.parseLong(fields[7], 16));
            int prefix = Integer.bitCount(mask);
            if (prefix > 0) {
                out.add(new Subnet(destination, prefix));
            }
        }
        return out;
    }
}
