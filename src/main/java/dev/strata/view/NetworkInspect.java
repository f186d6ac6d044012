package dev.strata.view;

import dev.strata.json.JsonOut;
import dev.strata.json.JsonWritable;
import dev.strata.network.Membership;
import dev.strata.network.Network;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Docker's network inspect object ({@code network inspect}, {@code GET /networks/{id}}): the network's
 * own fields and, under {@code Containers}, each container that has an address on it now, by ID.
 */
public record NetworkInspect(Network network, List<Membership> memberships) implements JsonWritable {
    @Override
    public void writeJson(JsonOut out) {
        network.inspect(containers()).writeJson(out);
    }

    private Map<String, Object> containers() {
        Map<String, Object> out = new TreeMap<>();
        for (Membership m : memberships) {
            if (m.live() == null) {
                continue;
            }
            m.live().endpoint(network.id()).filter(e -> !e.address().isEmpty()).ifPresent(e -> {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("Name", m.containerName());
                entry.put("EndpointID", e.endpointId());
                entry.put("MacAddress", e.mac());
                entry.put("IPv4Address", e.address() + "/" + e.prefixLength());
                entry.put("IPv6Address", "");
                out.put(m.containerId(), entry);
            });
        }
        return out;
    }
}
