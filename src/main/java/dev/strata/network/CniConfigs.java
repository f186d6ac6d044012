package dev.strata.network;

import dev.strata.network.cni.ConfigList;
import dev.strata.network.ip.Ipv4;
import dev.strata.network.ip.Subnet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CNI configuration lists Strata runs for its networks. A bridge network is
 * <ol>
 *   <li>{@code bridge}, with host-local IPAM keeping its leases under the store (the bridge is the
 *       gateway unless the network is internal; an internal network's bridge has no address, so
 *       nothing on the host or beyond it can be reached from it, and it gets no default route);</li>
 *   <li>{@code tuning}, which sets Docker's MAC address, 02:42 and the IPv4 address, so a peer's ARP
 *       cache stays right when an address passes to a new container;</li>
 *   <li>{@code firewall}, which accepts the container's forwarded traffic (FORWARD's policy is DROP on
 *       a host that runs Docker) and, with {@code ingressPolicy: same-bridge}, drops traffic between
 *       bridges, as Docker isolates its networks from each other.</li>
 * </ol>
 * The network's CNI name is its ID, so host-local's lease directory and the plugins' rule comments
 * never confuse two networks that had the same name at different times. Loopback is a list of its own,
 * run beside the bridge's, since nothing chains from it.
 */
final class CniConfigs {
    private CniConfigs() {
    }

    static ConfigList bridge(Network network, NetworkStore store) {
        Map<String, Object> range = new LinkedHashMap<>();
        Subnet subnet = network.parsedSubnet();
        range.put("subnet", subnet.toString());
        if (!network.ipRange().isEmpty()) {
            Subnet ipRange = Subnet.parse(network.ipRange());
            // host-local never hands out the subnet's own first and last addresses
            int first = Math.max(ipRange.base(), subnet.base() + 1);
            int last = Math.min(ipRange.broadcast(), subnet.broadcast() - 1);
            range.put("rangeStart", Ipv4.format(first));
            range.put("rangeEnd", Ipv4.format(last));
        }
        range.put("gateway", network.gateway());
        Map<String, Object> ipam = new LinkedHashMap<>();
        ipam.put("type", "host-local");
        ipam.put("dataDir", store.leases().toString());
        ipam.put("ranges", List.of(List.of(range)));
        if (!network.internal()) {
            ipam.put("routes", List.of(Map.of("dst", "0.0.0.0/0")));
        }
        List<Map<String, Object>> plugins = new ArrayList<>();
        Map<String, Object> bridge = ConfigList.plugin("bridge", "bridge", network.bridge(), "isGateway", !network.internal(),
                "ipMasq", false, "hairpinMode", false, "capabilities", Map.of("ips", true), "ipam", ipam);
        String mtu = network.options().get(Network.MTU_OPTION);
        if (mtu != null && !mtu.isEmpty() && !mtu.equals("0")) {
            bridge.put("mtu", Integer.parseInt(mtu));
        }
        plugins.add(bridge);
        plugins.add(ConfigList.plugin("tuning", "dataDir", store.tuning().toString(), "capabilities", Map.of("mac", true)));
        plugins.add(ConfigList.plugin("firewall", "backend", "iptables", "ingressPolicy", "same-bridge"));
        return new ConfigList(ConfigList.VERSION, network.id(), plugins);
    }

    static ConfigList loopback() {
        return new ConfigList(ConfigList.VERSION, "strata-loopback", List.of(ConfigList.plugin("loopback")));
    }

    /** Docker's MAC for an address: 02:42 then the four bytes of the IPv4 address. */
    static String mac(int address) {
        return String.format("02:42:%02x:%02x:%02x:%02x", (address >>> 24) & 0xff, (address >>> 16) & 0xff,
                (address >>> 8) & 0xff, address & 0xff);
    }
}
