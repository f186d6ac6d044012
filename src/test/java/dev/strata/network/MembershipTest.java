package dev.strata.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.json.Json;
import dev.strata.network.names.HostsFile;
import dev.strata.network.port.PortBinding;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MembershipTest {
    static final String NET = "a".repeat(64);
    static final String BRIDGE_NET = "b".repeat(64);

    static Network network(String id, String name, boolean predefined) {
        Map<String, String> options = predefined ? Map.of("com.docker.network.bridge.default_bridge", "true") : Map.of();
        return new Network(name, id, "2026-01-01T00:00:00Z", "bridge", false, false,
                List.of(new Network.IpamConfig("10.213.1.0/24", "", "")), Map.of(), options, Map.of(), "br-" + name,
                "10.213.1.0/24", "10.213.1.1", "");
    }

    static Membership attached(String id, String name, String address, List<String> aliases) {
        Membership.Endpoint endpoint = new Membership.Endpoint(NET, "e".repeat(64), "eth0", address, 24, "10.213.1.1",
                "02:42:0a:d5:01:02", Map.of("cniVersion", "1.0.0"), 3);
        Membership.Live live = new Membership.Live("/r/network/netns/" + id, 42, 1700000000000L, name + "-host",
                "/r/containers/" + id + "/hosts", List.of(new HostsFile.Entry("1.2.3.4", List.of("foo"))), List.of(endpoint),
                Map.of("80/tcp", List.of(new PortBinding("0.0.0.0", "8080"), new PortBinding("::", "8080"))));
        return new Membership(id, name, List.of(new Membership.Request(NET, aliases, "")), live);
    }

    @Test
    void recordsReadBackAsWritten() {
        Membership m = attached("1".repeat(64), "web", "10.213.1.2", List.of("www"));
        byte[] json = Json.write(m);
        Membership read = Membership.fromJson(Json.requireObject(json));
        assertThat(read).isEqualTo(m);
        assertThat(Json.write(read)).isEqualTo(json);
        Network n = network(NET, "backend", false);
        assertThat(Network.fromJson(Json.requireObject(Json.write(n)))).isEqualTo(n);
    }

    @Test
    void hostsNameEveryMemberOfTheUserDefinedNetworksByNameAliasAndShortId() {
        Membership web = attached("1".repeat(64), "web", "10.213.1.2", List.of("www"));
        Membership db = attached("2".repeat(64), "db", "10.213.1.3", List.of());
        String hosts = Attachments.hostsOf(web, List.of(web, db), Map.of(NET, network(NET, "backend", false)));
        assertThat(hosts).isEqualTo(HostsFile.DEFAULT + "1.2.3.4\tfoo\n10.213.1.2\tweb-host\n"
                + "10.213.1.2\tweb www 111111111111\n10.213.1.3\tdb 222222222222\n");
        // on the default bridge, as in Docker, containers do not find each other by name
        String onBridge = Attachments.hostsOf(web, List.of(web, db), Map.of(NET, network(NET, "bridge", true)));
        assertThat(onBridge).isEqualTo(HostsFile.DEFAULT + "1.2.3.4\tfoo\n10.213.1.2\tweb-host\n");
    }
}
