package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.json.Json;
import dev.strata.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, done-when 2: one scenario (a user-defined network with an alias, fixed TCP and UDP ports, a
 * loopback-only port, an exposed-only port; a second container on the default bridge) run by the real
 * Docker engine and by Strata, each in turn on the same host ports; {@code port}, ps's PORTS and
 * inspect's NetworkSettings (and HostConfig.PortBindings) compared with addresses and IDs masked.
 */
@Tag("integration")
class NetworkDockerParityTest {
    @TempDir
    static Path root;
    @TempDir
    static Path scratch;
    private static NetworkTestBed bed;
    private static String dockerImage;

    private static final Pattern HEX64 = Pattern.compile("\\b[0-9a-f]{64}\\b");
    private static final Pattern HEX12 = Pattern.compile("\\b[0-9a-f]{12}\\b");
    private static final Pattern MAC = Pattern.compile("\\b02:42(:[0-9a-f]{2}){4}\\b");
    private static final Pattern PRIVATE_IP = Pattern.compile("\\b(10|172)\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\b");

    @BeforeAll
    static void stores() throws IOException {
        bed = new NetworkTestBed(root, 3);
        Path tar = NetworkTestBed.buildImage(scratch);
        bed.ok("import", "-c", "CMD [\"sh\"]", tar.toString(), NetworkTestBed.IMAGE);
        dockerImage = bed.tag + "/busybox:1";
        NetworkTestBed.run("docker", "import", "-c", "CMD [\"sh\"]", tar.toString(), dockerImage);
    }

    @AfterAll
    static void cleanUp() throws IOException {
        for (String container : List.of("-web", "-def")) {
            new ProcessBuilder("docker", "rm", "-f", bed.tag + container).redirectErrorStream(true).start();
        }
        try {
            new ProcessBuilder("docker", "network", "rm", bed.tag + "-net").redirectErrorStream(true).start().waitFor();
            new ProcessBuilder("docker", "rmi", "-f", dockerImage).redirectErrorStream(true).start().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        bed.close();
    }

    /** What the scenario printed, per engine. */
    record Observed(Map<String, String> outputs) {
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static Observed scenario(Function<List<String>, String> engine, String subnet, String image, int tcp,
                                     int udp, int loopback, int other) {
        String net = bed.tag + "-net";
        String web = bed.tag + "-web";
        String def = bed.tag + "-def";
        engine.apply(List.of("network", "create", "--subnet", subnet, net));
        engine.apply(List.of("run", "-d", "--name", web, "--network", net, "--network-alias", "www", "-p", tcp + ":80",
                "-p", udp + ":81/udp", "-p", "127.0.0.1:" + loopback + ":80", "--expose", "90", image, "sleep", "300"));
        engine.apply(List.of("run", "-d", "--name", def, "-p", other + ":80", image, "sleep", "300"));
        Map<String, String> out = new LinkedHashMap<>();
        out.put("port", engine.apply(List.of("port", web)));
        out.put("port 80", engine.apply(List.of("port", web, "80")));
        out.put("port 81/udp", engine.apply(List.of("port", web, "81/udp")));
        out.put("port def", engine.apply(List.of("port", def)));
        for (String container : List.of(web, def)) {
            String ps = engine.apply(List.of("ps", "--format", "{{.Names}} {{.Ports}} {{.Networks}}"));
            out.put("ps " + container, ps.lines().filter(l -> l.startsWith(container + " ")).findFirst().orElse(""));
            JsonObject inspected = Json.list(engine.apply(List.of("inspect", container)).getBytes(StandardCharsets.UTF_8),
                    o -> o).getFirst();
            String settings = mask(Json.writeIndented(inspected.object("NetworkSettings").members()));
            if (container.equals(def)) {
                // the default bridges are docker0's 172.17.0.0/16 and this store's /24: a prefix is an address too
                settings = settings.replaceAll("\"IPPrefixLen\": \\d+", "\"IPPrefixLen\": <prefix>");
            }
            out.put("NetworkSettings " + container, settings);
            out.put("PortBindings " + container, Json.writeIndented(inspected.object("HostConfig").object("PortBindings")
                    .members()));
        }
        engine.apply(List.of("rm", "-f", web, def));
        engine.apply(List.of("network", "rm", net));
        return new Observed(out);
    }

    private static String mask(String text) {
        String out = HEX64.matcher(text).replaceAll("<id>");
        out = HEX12.matcher(out).replaceAll("<short-id>");
        out = MAC.matcher(out).replaceAll("<mac>");
        out = PRIVATE_IP.matcher(out).replaceAll("<ip>");
        return out.replaceAll("\"SandboxKey\": \"[^\"]*\"", "\"SandboxKey\": \"<path>\"");
    }

    private static String docker(List<String> args) {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(args);
        try {
            return NetworkTestBed.run(command.toArray(String[]::new));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String strata(List<String> args) {
        return bed.ok(args).out();
    }

    @Test
    void portPsAndNetworkSettingsAreDockersAddressesAndIdsAside() throws IOException {
        int tcp = freePort();
        int udp = freePort();
        int loopback = freePort();
        int other = freePort();
        Observed docker = scenario(NetworkDockerParityTest::docker, bed.subnet(), dockerImage, tcp, udp, loopback, other);
        Observed strata = scenario(NetworkDockerParityTest::strata, bed.subnet(), NetworkTestBed.IMAGE, tcp, udp, loopback,
                other);
        for (String key : docker.outputs().keySet()) {
            assertThat(strata.outputs().get(key)).as(key).isEqualTo(docker.outputs().get(key));
        }
        // and the comparison is not empty: the ports are there
        assertThat(strata.outputs().get("port")).contains("80/tcp -> 0.0.0.0:" + tcp).contains("81/udp -> [::]:" + udp)
                .contains("80/tcp -> 127.0.0.1:" + loopback);
        assertThat(strata.outputs().get("NetworkSettings " + bed.tag + "-web")).contains("\"www\"");
    }
}
