package dev.strata.container;

import dev.strata.network.port.Port;
import dev.strata.network.port.PortBinding;
import java.util.List;
import java.util.Map;

/**
 * The networking flags of {@code create} and {@code run} beside {@code --network}, already parsed by the
 * CLI (whose grammar errors Docker reports before asking its daemon).
 *
 * @param aliases     {@code --network-alias}
 * @param ipv4Address {@code --ip}, "" for any
 * @param hostname    {@code -h/--hostname}, "" for the short ID
 * @param publish     {@code -p}: container port to host bindings
 * @param publishAll  {@code -P}
 * @param expose      {@code --expose}, added to the image's exposed ports
 * @param addHosts    {@code --add-host} as given
 */
public record NetworkOptions(List<String> aliases, String ipv4Address, String hostname,
                             Map<Port, List<PortBinding>> publish, boolean publishAll, List<Port> expose,
                             List<String> addHosts, List<String> dns, List<String> dnsSearch, List<String> dnsOptions) {
    public static final NetworkOptions NONE = new NetworkOptions(List.of(), "", "", Map.of(), false, List.of(),
            List.of(), List.of(), List.of(), List.of());

    public NetworkOptions {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        ipv4Address = ipv4Address == null ? "" : ipv4Address;
        hostname = hostname == null ? "" : hostname;
        publish = publish == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(publish));
        expose = expose == null ? List.of() : List.copyOf(expose);
        addHosts = addHosts == null ? List.of() : List.copyOf(addHosts);
        dns = dns == null ? List.of() : List.copyOf(dns);
        dnsSearch = dnsSearch == null ? List.of() : List.copyOf(dnsSearch);
        dnsOptions = dnsOptions == null ? List.of() : List.copyOf(dnsOptions);
    }
}
