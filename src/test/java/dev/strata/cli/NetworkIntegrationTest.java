package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, done-when 1, through the CLI with the real CNI plugins, runc and iptables: published ports
 * from the host (TCP and UDP on 127.0.0.1) and from another container; names and aliases on a
 * user-defined network, and none across networks; the host through the gateway, and not from an
 * internal network. Traffic goes only to 127.0.0.1 and to the bridges this test makes.
 */
@Tag("integration")
class NetworkIntegrationTest {
    @TempDir
    static Path root;
    @TempDir
    static Path scratch;
    private static NetworkTestBed bed;

    @BeforeAll
    static void store() throws IOException {
        bed = NetworkTestBed.withImage(root, scratch, 4);
    }

    @AfterAll
    static void cleanUp() throws IOException {
        bed.close();
    }

    private static List<String> server(String name, String... flags) {
        List<String> args = new java.util.ArrayList<>(List.of("run", "-d", "--name", name, "-v", "/usr:/usr:ro"));
        args.addAll(List.of(flags));
        args.add(NetworkTestBed.IMAGE);
        return NetworkTestBed.concat(args, NetworkTestBed.SERVER);
    }

    @Test
    void publishedPortsAnswerOnLoopbackOverTcpAndUdpAndFromAnotherContainer() throws Exception {
        String name = bed.tag + "-srv";
        bed.ok(server(name, "-p", "80", "-p", "81/udp"));
        int tcp = bed.hostPort(name, "80/tcp");
        int udp = bed.hostPort(name, "81/udp");

        assertThat(NetworkTestBed.httpGet("127.0.0.1", tcp, 10)).isEqualTo("hello from the container\n");
        assertThat(NetworkTestBed.httpGet("::1", tcp, 5)).isEqualTo("hello from the container\n");
        assertThat(NetworkTestBed.udpExchange("127.0.0.1", udp, "ping", 10)).isEqualTo("echo:ping");

        // another container, through the host's address on the bridge
        CliRun client = bed.ok("run", "--rm", NetworkTestBed.IMAGE, "sh", "-c",
                "echo 'GET /index.html HTTP/1.0' | nc -w 5 " + bed.bridgeGateway() + " " + tcp);
        assertThat(client.out()).startsWith("HTTP/1.").endsWith("hello from the container\n");

        // the container's own address, from the host
        String address = bed.inspect(name, "{{.NetworkSettings.IPAddress}}");
        assertThat(address).startsWith(bed.bridgeSubnet().substring(0, bed.bridgeSubnet().lastIndexOf('.')));
        assertThat(NetworkTestBed.httpGet(address, 80, 5)).isEqualTo("hello from the container\n");
    }

    @Test
    void checkFindsAnAttachmentIntactAndNoticesWhenItIsNot() throws Exception {
        String name = bed.tag + "-check";
        String id = bed.ok("run", "-d", "--name", name, NetworkTestBed.IMAGE, "sleep", "30").out().strip();
        dev.strata.network.Attachments attachments = new dev.strata.network.Attachments(
                new dev.strata.network.Networks(bed.store(), bed.env), bed.env, new dev.strata.network.Attachments.Liveness() {
                    @Override
                    public boolean exists(String containerId) {
                        return true;
                    }

                    @Override
                    public boolean running(String containerId) {
                        return true;
                    }
                });
        attachments.check(id);
        String netns = attachments.membership(id).orElseThrow().live().netns();
        NetworkTestBed.run("nsenter", "--net=" + netns, "ip", "link", "delete", "eth0");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> attachments.check(id))
                .isInstanceOf(dev.strata.network.cni.CniException.class)
                .hasMessageContaining("CNI plugin").hasMessageContaining("(CHECK)");
        bed.ok("rm", "-f", name);
        assertThat(bed.leases()).isEmpty();
    }

    @Test
    void aTakenHostPortIsAClearError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            CliRun refused = bed.strata("run", "-d", "--name", bed.tag + "-taken", "-p", taken.getLocalPort() + ":80",
                    NetworkTestBed.IMAGE, "sleep", "30");
            assertThat(refused.exitCode()).isEqualTo(125);
            assertThat(refused.err()).contains("driver failed programming external connectivity on endpoint "
                    + bed.tag + "-taken").contains("Error starting userland proxy: listen tcp4 0.0.0.0:"
                    + taken.getLocalPort() + ": bind: address already in use");
        }
        String first = bed.tag + "-first";
        bed.ok("run", "-d", "--name", first, "-p", "80", NetworkTestBed.IMAGE, "sleep", "30");
        int port = bed.hostPort(first, "80/tcp");
        CliRun second = bed.strata("run", "-d", "--name", bed.tag + "-second", "-p", port + ":80", NetworkTestBed.IMAGE,
                "sleep", "30");
        assertThat(second.exitCode()).isEqualTo(125);
        assertThat(second.err()).contains("Bind for 0.0.0.0:" + port + " failed: port is already allocated");
        bed.ok("rm", "-f", first, bed.tag + "-second", bed.tag + "-taken");
    }

    @Test
    void containersOnAUserDefinedNetworkFindEachOtherByNameAndAliasAndNotAcrossNetworks() throws Exception {
        String one = bed.tag + "-one";
        String two = bed.tag + "-two";
        bed.ok("network", "create", "--subnet", bed.subnet(), one);
        bed.ok("network", "create", "--subnet", bed.subnet(), two);
        String web = bed.tag + "-web";
        bed.ok(server(web, "--network", one, "--network-alias", "www"));
        String fetch = "echo 'GET /index.html HTTP/1.0' | nc -w 3 %s 80";
        for (String target : List.of(web, "www")) {
            CliRun client = bed.ok("run", "--rm", "--network", one, NetworkTestBed.IMAGE, "sh", "-c",
                    String.format(fetch, target) + "; true");
            assertThat(client.out()).as("by " + target).endsWith("hello from the container\n");
        }
        String address = bed.inspect(web, "{{(index .NetworkSettings.Networks \"" + one + "\").IPAddress}}");
        CliRun across = bed.strata("run", "--rm", "--network", two, NetworkTestBed.IMAGE, "sh", "-c",
                String.format(fetch, address) + "; echo exit=$?; " + String.format(fetch, web) + "; echo exit=$?");
        assertThat(across.out()).doesNotContain("hello").contains("exit=1");
        assertThat(across.err()).contains("bad address '" + web + "'");

        // connect puts the container on the other network too, with its alias; disconnect takes it off
        bed.ok("network", "connect", "--alias", "www2", two, web);
        CliRun connected = bed.ok("run", "--rm", "--network", two, NetworkTestBed.IMAGE, "sh", "-c",
                String.format(fetch, "www2"));
        assertThat(connected.out()).endsWith("hello from the container\n");
        bed.ok("network", "disconnect", two, web);
        CliRun gone = bed.strata("run", "--rm", "--network", two, NetworkTestBed.IMAGE, "sh", "-c",
                String.format(fetch, "www2"));
        assertThat(gone.err()).contains("bad address 'www2'");
        bed.ok("rm", "-f", web);
        bed.ok("network", "rm", one, two);
    }

    @Test
    void theHostIsReachableThroughTheGatewayButNotFromAnInternalNetwork() throws Exception {
        String open = bed.tag + "-open";
        String internal = bed.tag + "-int";
        String openSubnet = bed.subnet();
        String internalSubnet = bed.subnet();
        bed.ok("network", "create", "--subnet", openSubnet, open);
        bed.ok("network", "create", "--internal", "--subnet", internalSubnet, internal);
        String openGateway = openSubnet.replace(".0/24", ".1");
        String internalGateway = internalSubnet.replace(".0/24", ".1");
        try (ServerSocket greeter = NetworkTestBed.greeter("hello from the host\n")) {
            int port = greeter.getLocalPort();
            CliRun reached = bed.ok("run", "--rm", "--network", open, NetworkTestBed.IMAGE, "sh", "-c",
                    "nc -w 3 " + openGateway + " " + port + " </dev/null");
            assertThat(reached.out()).isEqualTo("hello from the host\n");
            CliRun blocked = bed.strata("run", "--rm", "--network", internal, NetworkTestBed.IMAGE, "sh", "-c",
                    "nc -w 2 " + internalGateway + " " + port + " </dev/null; echo exit=$?; ip route");
            assertThat(blocked.out()).doesNotContain("hello").contains("exit=1").doesNotContain("default");
        }
        bed.ok("network", "rm", open, internal);
    }
}
