package dev.strata.network.cni;

import dev.strata.json.Json;
import dev.strata.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A plugin's ADD result (CNI spec 1.0.0, section 5): the interfaces it made or saw, the addresses it
 * gave (each naming its interface by index), routes and DNS. {@link #tree} is the result as the plugin
 * printed it, parsed, and goes unchanged to the next plugin as {@code prevResult}: the spec lets plugins
 * pass through fields a runtime does not know.
 */
public record CniResult(String cniVersion, List<Interface> interfaces, List<IpConfig> ips, List<Route> routes,
                        Map<String, Object> tree) {

    public CniResult {
        interfaces = List.copyOf(interfaces);
        ips = List.copyOf(ips);
        routes = List.copyOf(routes);
    }

    /** {@code sandbox} is the network namespace path for an interface inside the container, "" on the host. */
    public record Interface(String name, String mac, String sandbox) {
    }

    /**
     * @param address   CIDR form, {@code 10.213.0.2/24}
     * @param gateway   empty when none
     * @param interfaceIndex into {@link #interfaces}, -1 when the plugin gave none
     */
    public record IpConfig(String address, String gateway, int interfaceIndex) {
        /** The address without its prefix length. */
        public String ip() {
            int slash = address.indexOf('/');
            return slash < 0 ? address : address.substring(0, slash);
        }

        public int prefixLength() {
            int slash = address.indexOf('/');
            return slash < 0 ? 32 : Integer.parseInt(address.substring(slash + 1));
        }
    }

    public record Route(String dst, String gw) {
    }

    /** Parses a result; throws IllegalArgumentException (with the JSON error's path) when it is malformed. */
    public static CniResult parse(byte[] json) {
        JsonObject o;
        try {
            o = Json.requireObject(json);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("malformed CNI result: " + e.getMessage(), e);
        }
        return of(o);
    }

    /** A result already parsed as a tree ({@code prevResult} in a stored record). */
    public static CniResult of(JsonObject o) {
        try {
            List<Interface> interfaces = new ArrayList<>();
            List<JsonObject> listed = o.list("interfaces", x -> x);
            for (JsonObject i : listed == null ? List.<JsonObject>of() : listed) {
                interfaces.add(new Interface(orEmpty(i.string("name")), orEmpty(i.string("mac")),
                        orEmpty(i.string("sandbox"))));
            }
            List<IpConfig> ips = new ArrayList<>();
            List<JsonObject> addresses = o.list("ips", x -> x);
            for (JsonObject ip : addresses == null ? List.<JsonObject>of() : addresses) {
                String address = ip.string("address");
                if (address == null || address.isEmpty()) {
                    throw new IllegalArgumentException("an entry of ips has no address");
                }
                Integer index = ip.intOrNull("interface");
                ips.add(new IpConfig(address, orEmpty(ip.string("gateway")), index == null ? -1 : index));
            }
            List<Route> routes = new ArrayList<>();
            List<JsonObject> routed = o.list("routes", x -> x);
            for (JsonObject r : routed == null ? List.<JsonObject>of() : routed) {
                routes.add(new Route(orEmpty(r.string("dst")), orEmpty(r.string("gw"))));
            }
            return new CniResult(orEmpty(o.string("cniVersion")), interfaces, ips, routes, o.members());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("malformed CNI result: " + e.getMessage(), e);
        }
    }

    /** The interface the plugin made inside the container's namespace called {@code ifname}, if any. */
    public java.util.Optional<Interface> containerInterface(String ifname) {
        return interfaces.stream().filter(i -> !i.sandbox().isEmpty() && i.name().equals(ifname)).findFirst();
    }

    /** The first IPv4 address given to {@code ifname}, or to any interface when none names it. */
    public java.util.Optional<IpConfig> ipv4(String ifname) {
        IpConfig fallback = null;
        for (IpConfig ip : ips) {
            if (ip.ip().indexOf(':') >= 0) {
                continue;
            }
            if (ip.interfaceIndex() >= 0 && ip.interfaceIndex() < interfaces.size()
                    && interfaces.get(ip.interfaceIndex()).name().equals(ifname)) {
                return java.util.Optional.of(ip);
            }
            if (fallback == null) {
                fallback = ip;
            }
        }
        return java.util.Optional.ofNullable(fallback);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
