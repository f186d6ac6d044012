package dev.strata.network;

import java.util.List;
import java.util.Map;

/**
 * What {@code network create} asks for, in the user's terms.
 *
 * @param subnets  {@code --subnet}, at most one IPv4 subnet
 * @param gateways {@code --gateway}, each inside a subnet
 * @param ipRanges {@code --ip-range}, each inside a subnet
 */
public record NetworkSpec(String name, String driver, List<String> subnets, List<String> gateways,
                          List<String> ipRanges, boolean internal, boolean attachable, boolean ipv6,
                          Map<String, String> options, Map<String, String> labels, Map<String, String> ipamOptions) {
    public NetworkSpec {
        driver = driver == null || driver.isEmpty() ? "bridge" : driver;
        subnets = subnets == null ? List.of() : List.copyOf(subnets);
        gateways = gateways == null ? List.of() : List.copyOf(gateways);
        ipRanges = ipRanges == null ? List.of() : List.copyOf(ipRanges);
        options = options == null ? Map.of() : Map.copyOf(options);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        ipamOptions = ipamOptions == null ? Map.of() : Map.copyOf(ipamOptions);
    }

    /** A bridge network with Docker's defaults and the given name, for tests and callers that need no options. */
    public static NetworkSpec bridge(String name) {
        return new NetworkSpec(name, "bridge", List.of(), List.of(), List.of(), false, false, false, Map.of(), Map.of(),
                Map.of());
    }
}
