package dev.strata.network.cni;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Plugin results and errors as the Debian plugins (1.1.1) print them, and the input a runtime derives. */
class CniResultTest {
    /** The bridge plugin's ADD result, as printed here. */
    static final String BRIDGE = """
            {
                "cniVersion": "1.0.0",
                "interfaces": [
                    {"name": "nw-proto0", "mac": "82:16:af:4c:10:3b"},
                    {"name": "veth06f659be", "mac": "8a:60:a9:39:3f:2a"},
                    {"name": "eth0", "mac": "1a:26:4b:a9:b4:4f", "sandbox": "/tmp/nw-proto/ns1"}
                ],
                "ips": [{"interface": 2, "address": "10.213.250.2/24", "gateway": "10.213.250.1"}],
                "routes": [{"dst": "0.0.0.0/0"}],
                "dns": {}
            }
            """;

    @Test
    void bridgeResult() {
        CniResult result = CniResult.parse(BRIDGE.getBytes(StandardCharsets.UTF_8));
        assertThat(result.cniVersion()).isEqualTo("1.0.0");
        assertThat(result.interfaces()).containsExactly(
                new CniResult.Interface("nw-proto0", "82:16:af:4c:10:3b", ""),
                new CniResult.Interface("veth06f659be", "8a:60:a9:39:3f:2a", ""),
                new CniResult.Interface("eth0", "1a:26:4b:a9:b4:4f", "/tmp/nw-proto/ns1"));
        assertThat(result.ips()).containsExactly(new CniResult.IpConfig("10.213.250.2/24", "10.213.250.1", 2));
        assertThat(result.routes()).containsExactly(new CniResult.Route("0.0.0.0/0", ""));
        assertThat(result.containerInterface("eth0")).contains(result.interfaces().get(2));
        CniResult.IpConfig ip = result.ipv4("eth0").orElseThrow();
        assertThat(ip.ip()).isEqualTo("10.213.250.2");
        assertThat(ip.prefixLength()).isEqualTo(24);
        // the tree goes on as prevResult exactly as the plugin printed it
        assertThat(result.tree()).containsKeys("cniVersion", "interfaces", "ips", "routes", "dns");
    }

    @Test
    void loopbackResultHasAnAddressPerFamily() {
        CniResult result = CniResult.parse("""
                {"cniVersion":"1.0.0","interfaces":[{"name":"lo","mac":"00:00:00:00:00:00","sandbox":"/n"}],
                 "ips":[{"interface":0,"address":"127.0.0.1/8"},{"interface":0,"address":"::1/128"}],"dns":{}}
                """.getBytes(StandardCharsets.UTF_8));
        assertThat(result.ips()).extracting(CniResult.IpConfig::address).containsExactly("127.0.0.1/8", "::1/128");
        assertThat(result.ipv4("lo").orElseThrow().gateway()).isEmpty();
        assertThat(result.routes()).isEmpty();
    }

    @Test
    void malformedResultsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> CniResult.parse("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("malformed CNI result: ");
        assertThatThrownBy(() -> CniResult.parse("{\"ips\":[{\"gateway\":\"1.2.3.4\"}]}".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("malformed CNI result: an entry of ips has no address");
        assertThatThrownBy(() -> CniResult.parse("{\"ips\":{}}".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("malformed CNI result: ips: expected an array, found an object");
    }

    @Test
    void errorsKeepThePluginsWords() {
        byte[] printed = """
                {"code": 999, "msg": "running [/usr/sbin/iptables -t nat -D POSTROUTING]: exit status 2", "details": "x"}
                """.getBytes(StandardCharsets.UTF_8);
        assertThat(CniError.parse(printed, "", 1)).isEqualTo(
                new CniError(999, "running [/usr/sbin/iptables -t nat -D POSTROUTING]: exit status 2", "x"));
        assertThat(CniError.parse(new byte[0], "panic: oops\n", 2)).isEqualTo(new CniError(999, "panic: oops", ""));
        assertThat(CniError.parse(new byte[0], "", 2).msg()).isEqualTo("exit status 2");
    }

    @Test
    void derivedInputCarriesNameVersionDeclaredCapabilitiesAndPrevResult() {
        ConfigList list = new ConfigList("1.0.0", "net1", List.of(
                ConfigList.plugin("bridge", "bridge", "br0", "capabilities", Map.of("ips", true)),
                ConfigList.plugin("tuning", "capabilities", Map.of("mac", true, "ips", false))));
        CniResult previous = CniResult.parse(BRIDGE.getBytes(StandardCharsets.UTF_8));
        Map<String, Object> capabilities = Map.of("ips", List.of("10.0.0.9/24"), "mac", "02:42:0a:00:00:09");

        Map<String, Object> first = Cni.derive(list, 0, capabilities, null);
        assertThat(first).containsExactly(Map.entry("cniVersion", "1.0.0"), Map.entry("name", "net1"),
                Map.entry("type", "bridge"), Map.entry("bridge", "br0"),
                Map.entry("runtimeConfig", Map.of("ips", List.of("10.0.0.9/24"))));

        Map<String, Object> second = Cni.derive(list, 1, capabilities, previous);
        assertThat(second).containsEntry("runtimeConfig", Map.of("mac", "02:42:0a:00:00:09"))
                .containsEntry("prevResult", previous.tree()).doesNotContainKey("capabilities");
    }

    @Test
    void aMissingPluginNamesTheDebianPackage() {
        Cni cni = new Cni(List.of(java.nio.file.Path.of("/nonexistent/cni")), null);
        assertThatThrownBy(() -> cni.plugin("bridge")).isInstanceOf(CniException.class).hasMessage(
                "the CNI plugin \"bridge\" is not installed (looked in /nonexistent/cni): install Debian's"
                        + " containernetworking-plugins package (apt-get install containernetworking-plugins)");
    }
}
