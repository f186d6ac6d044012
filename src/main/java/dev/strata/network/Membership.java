package dev.strata.network;

import dev.strata.json.JsonObject;
import dev.strata.json.JsonOut;
import dev.strata.json.JsonWritable;
import dev.strata.network.names.HostsFile;
import dev.strata.network.port.PortBinding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A container's place on the networks, {@code ROOT/network/containers/ID.json}: the networks it asked for
 * (from create to rm) and, while it is attached, what was made for it: its namespace, an endpoint per
 * network with the address the plugins gave and their last result, the host ports it holds, and the
 * process that holds them. The record is written before each step that changes the host, so whatever a
 * crash leaves, the record names it and a DEL can undo it.
 *
 * @param requests the networks in the order asked for: the first is where its default route goes
 * @param live     null while the container is not attached
 */
public record Membership(String containerId, String containerName, List<Request> requests, Live live)
        implements JsonWritable {

    public Membership {
        requests = List.copyOf(requests);
    }

    /** One network asked for: {@code --network}/{@code network connect}, with {@code --network-alias} and {@code --ip}. */
    public record Request(String networkId, List<String> aliases, String ipv4Address) implements JsonWritable {
        public Request {
            aliases = aliases == null ? List.of() : List.copyOf(aliases);
            ipv4Address = ipv4Address == null ? "" : ipv4Address;
        }

        @Override
        public void writeJson(JsonOut out) {
            out.beginObject().field("NetworkID", networkId).field("Aliases", aliases).field("IPv4Address", ipv4Address)
                    .endObject();
        }

        static Request fromJson(JsonObject o) {
            return new Request(o.string("NetworkID"), o.strings("Aliases"), o.string("IPv4Address"));
        }
    }

    /**
     * What an attachment holds.
     *
     * @param netns      the pinned namespace file
     * @param ownerPid   the process that attached it and serves its ports (the container's watcher)
     * @param ownerStart that process's start time (epoch ms), so a reused pid is not taken for it
     * @param hostsFile  the container's hosts file, rewritten when peers come and go
     * @param ports      the host ports bound, by container port ({@code 80/tcp}), as Docker's NetworkSettings.Ports
     */
    public record Live(String netns, long ownerPid, long ownerStart, String hostname, String hostsFile,
                       List<HostsFile.Entry> extraHosts, List<Endpoint> endpoints,
                       Map<String, List<PortBinding>> ports) implements JsonWritable {
        public Live {
            extraHosts = List.copyOf(extraHosts);
            endpoints = List.copyOf(endpoints);
            ports = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(ports));
        }

        public Live withEndpoints(List<Endpoint> newEndpoints) {
            return new Live(netns, ownerPid, ownerStart, hostname, hostsFile, extraHosts, newEndpoints, ports);
        }

        public Live withPorts(Map<String, List<PortBinding>> newPorts) {
            return new Live(netns, ownerPid, ownerStart, hostname, hostsFile, extraHosts, endpoints, newPorts);
        }

        /** The endpoint on {@code networkId}, if attached there. */
        public java.util.Optional<Endpoint> endpoint(String networkId) {
            return endpoints.stream().filter(e -> e.networkId().equals(networkId)).findFirst();
        }

        @Override
        public void writeJson(JsonOut out) {
            out.beginObject().field("Netns", netns).field("OwnerPid", ownerPid).field("OwnerStart", ownerStart)
                    .field("Hostname", hostname).field("HostsFile", hostsFile).name("ExtraHosts").beginArray();
            for (HostsFile.Entry entry : extraHosts) {
                out.beginObject().field("Address", entry.address()).field("Names", entry.names()).endObject();
            }
            out.endArray().field("Endpoints", endpoints).field("Ports", ports).endObject();
        }

        static Live fromJson(JsonObject o) {
            List<HostsFile.Entry> extra = new ArrayList<>();
            List<JsonObject> listed = o.list("ExtraHosts", x -> x);
            for (JsonObject e : listed == null ? List.<JsonObject>of() : listed) {
                extra.add(new HostsFile.Entry(e.string("Address"), e.strings("Names")));
            }
            Map<String, List<PortBinding>> ports = PortBinding.mapFromJson(o.object("Ports"));
            List<Endpoint> endpoints = o.list("Endpoints", Endpoint::fromJson);
            return new Live(o.string("Netns"), o.longValue("OwnerPid"), o.longValue("OwnerStart"), o.string("Hostname"),
                    o.string("HostsFile"), extra, endpoints == null ? List.of() : endpoints, ports);
        }
    }

    /**
     * One interface on one network.
     *
     * @param address  the IPv4 address without prefix, "" until the bridge plugin has given one
     * @param result   the last plugin's result, parsed: what DEL gets as prevResult; null before the first
     * @param added    how many plugins of the network's list have run ADD
     */
    public record Endpoint(String networkId, String endpointId, String ifname, String address, int prefixLength,
                           String gateway, String mac, Map<String, Object> result, int added) implements JsonWritable {
        public Endpoint {
            address = address == null ? "" : address;
            gateway = gateway == null ? "" : gateway;
            mac = mac == null ? "" : mac;
        }

        public Endpoint withResult(Map<String, Object> newResult, int newAdded, String newAddress, int newPrefix,
                                   String newGateway, String newMac) {
            return new Endpoint(networkId, endpointId, ifname, newAddress, newPrefix, newGateway, newMac, newResult,
                    newAdded);
        }

        @Override
        public void writeJson(JsonOut out) {
            out.beginObject().field("NetworkID", networkId).field("EndpointID", endpointId).field("Ifname", ifname)
                    .field("Address", address).field("PrefixLength", prefixLength).field("Gateway", gateway)
                    .field("MacAddress", mac).field("Result", result).field("Added", added).endObject();
        }

        static Endpoint fromJson(JsonObject o) {
            JsonObject result = o.object("Result");
            return new Endpoint(o.string("NetworkID"), o.string("EndpointID"), o.string("Ifname"), o.string("Address"),
                    o.intValue("PrefixLength"), o.string("Gateway"), o.string("MacAddress"),
                    result == null ? null : result.members(), o.intValue("Added"));
        }
    }

    public Membership withLive(Live newLive) {
        return new Membership(containerId, containerName, requests, newLive);
    }

    public Membership withRequests(List<Request> newRequests) {
        return new Membership(containerId, containerName, newRequests, live);
    }

    public java.util.Optional<Request> request(String networkId) {
        return requests.stream().filter(r -> r.networkId().equals(networkId)).findFirst();
    }

    @Override
    public void writeJson(JsonOut out) {
        out.beginObject().field("ContainerID", containerId).field("Name", containerName).field("Requests", requests)
                .field("Live", live).endObject();
    }

    public static Membership fromJson(JsonObject o) {
        List<Request> requests = o.list("Requests", Request::fromJson);
        return new Membership(o.string("ContainerID"), o.string("Name"), requests == null ? List.of() : requests,
                o.object("Live", Live::fromJson));
    }
}
