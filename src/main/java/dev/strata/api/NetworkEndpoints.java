package dev.strata.api;

import dev.strata.container.Containers;
import dev.strata.error.InvalidInputException;
import dev.strata.filter.NetworkFilter;
import dev.strata.json.JsonObject;
import dev.strata.network.Network;
import dev.strata.network.NetworkSpec;
import dev.strata.view.NetworkInspect;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Networks, over the same {@code network} package the CLI's {@code network} commands use: list (the
 * daemon's filters), inspect (with the containers on it), create, remove, connect, disconnect, prune.
 * What Strata's networks cannot be (IPv6, swarm's ingress, config-only networks, another IPAM driver) is
 * refused by name.
 */
record NetworkEndpoints(Daemon daemon) implements Router.Group, Router.Collection {
    @Override
    public void addTo(Router router) {
        router.collection("/networks", "id", this)
                .post("/networks/{id}/connect", this::connect)
                .post("/networks/{id}/disconnect", this::disconnect);
    }

    private Containers containers() throws IOException {
        return daemon.containers();
    }

    @Override
    public void list(Call call) throws IOException {
        Predicate<Network> selected = NetworkFilter.list(call.filterConditions(), containers());
        List<NetworkInspect> out = new ArrayList<>();
        for (Network network : containers().networks().list()) {
            if (selected.test(network)) {
                out.add(new NetworkInspect(network, List.of()));
            }
        }
        call.json(200, out);
    }

    @Override
    public void inspect(Call call) throws IOException {
        Network network = containers().networks().find(call.path("id"));
        call.json(200, new NetworkInspect(network, containers().attachments().networks().store().memberships()));
    }

    @Override
    public void create(Call call) throws IOException {
        JsonObject body = call.jsonBody();
        if (body == null || body.string("Name") == null) {
            throw new InvalidInputException("network name is required: the body is Docker's NetworkCreateRequest");
        }
        JsonObject ipam = body.object("IPAM");
        String ipamDriver = ipam == null ? null : ipam.string("Driver");
        if (body.bool("Ingress") || body.bool("ConfigOnly") || body.object("ConfigFrom") != null
                && body.object("ConfigFrom").string("Network") != null && !body.object("ConfigFrom").string("Network").isEmpty()
                || ipamDriver != null && !ipamDriver.isEmpty() && !ipamDriver.equals("default")
                || body.members().get("EnableIPv4") != null && !body.bool("EnableIPv4")) {
            throw new InvalidInputException("Strata's networks support none of Ingress, ConfigOnly, ConfigFrom,"
                    + " another IPAM driver or IPv4 disabled");
        }
        List<String> subnets = new ArrayList<>();
        List<String> gateways = new ArrayList<>();
        List<String> ranges = new ArrayList<>();
        List<JsonObject> configs = ipam == null ? null : ipam.list("Config", c -> c);
        for (JsonObject config : configs == null ? List.<JsonObject>of() : configs) {
            addIfGiven(subnets, config.string("Subnet"));
            addIfGiven(gateways, config.string("Gateway"));
            addIfGiven(ranges, config.string("IPRange"));
        }
        Network network = containers().networks().create(new NetworkSpec(body.string("Name"), body.string("Driver"),
                subnets, gateways, ranges, body.bool("Internal"), body.bool("Attachable"), body.bool("EnableIPv6"),
                body.stringMap("Options"), body.stringMap("Labels"), ipam == null ? null : ipam.stringMap("Options")));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Id", network.id());
        out.put("Warning", "");
        call.json(201, out);
    }

    private static void addIfGiven(List<String> values, String value) {
        if (value != null && !value.isEmpty()) {
            values.add(value);
        }
    }

    @Override
    public void remove(Call call) throws IOException {
        Network network = containers().networks().find(call.path("id"));
        containers().sweepNetworks();
        containers().networks().remove(network.id());
        call.noContent();
    }

    private void connect(Call call) throws IOException {
        Network network = containers().networks().find(call.path("id"));
        JsonObject body = requiredBody(call);
        String container = containerOf(body);
        JsonObject endpoint = body.object("EndpointConfig");
        List<String> aliases = endpoint == null ? null : endpoint.strings("Aliases");
        JsonObject ipam = endpoint == null ? null : endpoint.object("IPAMConfig");
        String address = ipam == null ? null : ipam.string("IPv4Address");
        containers().connect(network.id(), container, aliases == null ? List.of() : aliases,
                address == null ? "" : address);
        call.exchange().respond(200, "application/json", new byte[0]);
    }

    private void disconnect(Call call) throws IOException {
        Network network = containers().networks().find(call.path("id"));
        JsonObject body = requiredBody(call);
        String container = containerOf(body);
        containers().disconnect(network.id(), container);
        call.exchange().respond(200, "application/json", new byte[0]);
    }

    private static JsonObject requiredBody(Call call) throws IOException {
        JsonObject body = call.jsonBody();
        if (body == null) {
            throw new InvalidInputException("missing body: {\"Container\": NAME-OR-ID}");
        }
        return body;
    }

    private static String containerOf(JsonObject body) {
        String container = body.string("Container");
        if (container == null || container.isEmpty()) {
            throw new InvalidInputException("missing parameter: Container");
        }
        return container;
    }

    @Override
    public void prune(Call call) throws IOException {
        Predicate<Network> selected = NetworkFilter.prune(call.filterConditions());
        containers().sweepNetworks();
        List<String> removed = containers().networks().prune(selected);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("NetworksDeleted", removed.isEmpty() ? null : removed);
        call.json(200, out);
    }
}
