package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, done-when 3: 200 cycles of {@code run -d -p} and {@code rm -f}, 20 of them with the
 * container's monitor SIGKILLed first; afterwards no veth, lease, firewall rule,
 * namespace, mount, membership, runtime state or host port is left, each kind listed on its own.
 */
@Tag("integration")
class NetworkTeardownIntegrationTest {
    static final int CYCLES = Integer.getInteger("network.cycles", 200);
    static final int KILLED_EVERY = 10;

    @TempDir
    static Path root;
    @TempDir
    static Path scratch;
    private static NetworkTestBed bed;

    @BeforeAll
    static void store() throws IOException {
        bed = NetworkTestBed.withImage(root, scratch, 1);
    }

    @AfterAll
    static void cleanUp() throws IOException {
        bed.close();
    }

    @Test
    void nothingIsLeftAfterManyRunsAndRemovalsSomeWithTheMonitorKilled() throws Exception {
        // two lanes, the odd cycles in a second JVM, as two users' commands would run
        String javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process other = new ProcessBuilder(javaBinary, "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), NetworkCycles.class.getName(), root.toString(),
                bed.env.get("STRATA_BRIDGE_NAME"), bed.env.get("STRATA_BRIDGE_SUBNET"), NetworkTestBed.IMAGE, "1", "2",
                Integer.toString(CYCLES), Integer.toString(KILLED_EVERY))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        other.getOutputStream().close();
        List<NetworkCycles.Used> used = new ArrayList<>(new NetworkCycles(root, bed.env)
                .lane(bed.tag, NetworkTestBed.IMAGE, 0, 2, CYCLES, KILLED_EVERY));
        String otherLane = new String(other.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(other.waitFor()).as("the second lane").isZero();
        otherLane.lines().map(NetworkCycles.Used::parse).forEach(used::add);

        assertThat(used).hasSize(CYCLES);
        assertThat(bed.strata("ps", "-aq").out()).as("containers").isEmpty();

        List<String> words = new ArrayList<>();
        for (NetworkCycles.Used u : used) {
            words.add(u.address() + "/32");
            words.add(u.address() + ":");
            words.add(u.id());
        }
        assertThat(bed.vethsOn(bed.bridges())).as("veths on the store's bridges").isEmpty();
        assertThat(bed.leases()).as("address leases").isEmpty();
        assertThat(NetworkTestBed.rulesMentioning(words)).as("firewall rules for the containers' addresses or IDs").isEmpty();
        assertThat(bed.namespaces()).as("pinned network namespaces").isEmpty();
        assertThat(bed.mountsUnderRoot()).as("mounts under the store").isEmpty();
        assertThat(bed.memberships()).as("network memberships").isEmpty();
        Path runc = root.resolve("runtime/runc");
        try (var states = Files.list(runc)) {
            assertThat(states.toList()).as("runc states").isEmpty();
        }
        for (int port : used.stream().map(NetworkCycles.Used::hostPort).distinct().toList()) {
            try (ServerSocket free = new ServerSocket(port)) {
                assertThat(free.getLocalPort()).as("host port " + port + " is free again").isEqualTo(port);
            }
        }
    }
}
