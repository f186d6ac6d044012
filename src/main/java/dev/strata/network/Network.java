package dev.strata.network;

import dev.strata.json.JsonObject;
import dev.strata.json.JsonOut;
import dev.strata.json.JsonWritable;
import dev.strata.network.ip.Ipv4;
import dev.strata.network.ip.Subnet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A network as Strata keeps it, {@code ROOT/network/networks/ID.json}: Docker's fields (those
 * {@code network inspect} shows) and where it lives on the host. Only the bridge driver carries
 * traffic; {@code host} and {@code null} are the two predefined networks that stand for
 * {@code --network host} and {@code --network none}.
 *
 * @param ipamConfig      the IPAM config as Docker shows it: the subnet, and the range and gateway when
 *                        they were given (or chosen, for a network created without {@code --subnet})
 * @param ipamOptions     {@code --ipam-opt}; null for the predefined networks, as Docker shows them
 * @param bridge          the bridge device, "" for host and null
 * @param subnet          the subnet containers get addresses from, null for host and null
 * @param gateway         the bridge's own address on {@code subnet}: what containers route through
 */
public record Network(
        String name,
        String id,
        String created,
        String driver,
        boolean internal,
        boolean attachable,
        List<IpamConfig> ipamConfig,
        Map<String, String> ipamOptions,
        Map<String, String> options,
        Map<String, String> labels,
        String bridge,
        String subnet,
        String gateway,
        String ipRange) implements JsonWritable {

    public static final String BRIDGE = "bridge";
    public static final String HOST = "host";
    public static final String NONE = "none";
    public static final String BRIDGE_NAME_OPTION = "com.docker.network.bridge.name";
    public static final String MASQUERADE_OPTION = "com.docker.network.bridge.enable_ip_masquerade";
    public static final String MTU_OPTION = "com.docker.network.driver.mtu";

    public Network {
        ipamConfig = ipamConfig == null ? List.of() : List.copyOf(ipamConfig);
        options = options == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
        labels = labels == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        bridge = bridge == null ? "" : bridge;
        ipRange = ipRange == null ? "" : ipRange;
    }

    /** One subnet's IPAM config; empty strings are left out of the JSON, as Docker's omitempty does. */
    public record IpamConfig(String subnet, String ipRange, String gateway) implements JsonWritable {
        public IpamConfig {
            subnet = subnet == null ? "" : subnet;
            ipRange = ipRange == null ? "" : ipRange;
            gateway = gateway == null ? "" : gateway;
        }

        @Override
        public void writeJson(JsonOut out) {
            out.beginObject().fieldOmitEmpty("Subnet", subnet).fieldOmitEmpty("IPRange", ipRange)
                    .fieldOmitEmpty("Gateway", gateway).endObject();
        }

        static IpamConfig fromJson(JsonObject o) {
            return new IpamConfig(o.string("Subnet"), o.string("IPRange"), o.string("Gateway"));
        }
    }

    /** One of {@code bridge}, {@code host}, {@code none}, which Docker will neither create again nor remove. */
    public boolean predefined() {
        return options.containsKey("com.docker.network.bridge.default_bridge") || driver.equals("host")
                || driver.equals("null");
    }

    /** Whether containers on it get an interface of their own (the bridge driver). */
    public boolean bridged() {
        return driver.equals("bridge");
    }

    /** Outbound traffic is masqueraded unless the network is internal or the option turns it off. */
    public boolean masquerade() {
        return bridged() && !internal && !"false".equals(options.get(MASQUERADE_OPTION));
    }

    public Subnet parsedSubnet() {
        return Subnet.parse(subnet);
    }

    public int gatewayAddress() {
        return Ipv4.parse(gateway);
    }

    public String shortId() {
        return id.substring(0, 12);
    }

    @Override
    public void writeJson(JsonOut out) {
        out.beginObject();
        writeMembers(out, null);
        out.field("StrataBridge", bridge).field("StrataSubnet", subnet).field("StrataGateway", gateway)
                .field("StrataIPRange", ipRange).endObject();
    }

    /** Docker's {@code network inspect} members in Docker's order; {@code containers} null for the stored record. */
    void writeMembers(JsonOut out, Map<String, ?> containers) {
        out.field("Name", name)
                .field("Id", id)
                .field("Created", created)
                .field("Scope", "local")
                .field("Driver", driver)
                .field("EnableIPv6", false)
                .name("IPAM").beginObject()
                .field("Driver", "default")
                .field("Options", ipamOptions)
                .field("Config", ipamConfig)
                .endObject()
                .field("Internal", internal)
                .field("Attachable", attachable)
                .field("Ingress", false)
                .name("ConfigFrom").beginObject().field("Network", "").endObject()
                .field("ConfigOnly", false);
        if (containers != null) {
            out.field("Containers", containers);
        }
        out.field("Options", options).field("Labels", labels);
    }

    public static Network fromJson(JsonObject o) {
        JsonObject ipam = o.object("IPAM");
        List<IpamConfig> config = ipam == null ? List.of() : ipam.list("Config", IpamConfig::fromJson);
        return new Network(o.string("Name"), o.string("Id"), o.string("Created"), o.string("Driver"), o.bool("Internal"),
                o.bool("Attachable"), config, ipam == null ? null : ipam.stringMap("Options"), o.stringMap("Options"),
                o.stringMap("Labels"), o.string("StrataBridge"), o.string("StrataSubnet"), o.string("StrataGateway"),
                o.string("StrataIPRange"));
    }

    /** As {@code network inspect} prints it, with the containers on it. */
    public JsonWritable inspect(Map<String, ?> containers) {
        return out -> {
            out.beginObject();
            writeMembers(out, containers);
            out.endObject();
        };
    }
}
