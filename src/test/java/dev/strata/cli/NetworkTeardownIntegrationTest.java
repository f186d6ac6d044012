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

    /**
     * Monitor and container both SIGKILLed (as by the OOM killer or a reboot of the container's
     * processes): nobody is left to release the network, so the next command does.
     */
    @Test
    void whenMonitorAndContainerAreKilledTheNextCommandReleasesTheNetwork() throws Exception {
        String name = bed.tag + "-killed";
        String id = bed.ok("run", "-d", "--name", name, "-p", "80", NetworkTestBed.IMAGE, "sleep", "300").out().strip();
        String address = bed.inspect(name, "{{.NetworkSettings.IPAddress}}");
        int port = bed.hostPort(name, "80/tcp");
        assertThat(bed.leases()).hasSize(1);
        assertThat(NetworkTestBed.rulesMentioning(List.of(address + "/32"))).isNotEmpty();
        dev.strata.json.JsonObject state = dev.strata.json.Json.requireObject(Files.readAllBytes(
                root.resolve("containers").resolve(id).resolve("config.v2.json"))).object("State");
        for (String pid : List.of("MonitorPid", "Pid")) {
            ProcessHandle process = ProcessHandle.of(state.longValue(pid)).orElseThrow();
            process.destroyForcibly();
            process.onExit().join();
        }

        assertThat(bed.ok("ps", "-a", "--format", "{{.Names}} {{.Status}} [{{.Ports}}]").out())
                .isEqualTo(name + " Exited (255) Less than a second ago []\n");
        assertThat(bed.vethsOn(bed.bridges())).as("veths").isEmpty();
        assertThat(bed.leases()).as("leases").isEmpty();
        assertThat(NetworkTestBed.rulesMentioning(List.of(address + "/32", id))).as("rules").isEmpty();
        assertThat(bed.namespaces()).as("namespaces").isEmpty();
        try (ServerSocket free = new ServerSocket(port)) {
            assertThat(free.getLocalPort()).isEqualTo(port);
        }
        // and it starts again, attached anew
        bed.ok("start", name);
        assertThat(bed.inspect(name, "{{.State.Running}}")).isEqualTo("true");
        assertThat(bed.leases()).hasSize(1);
        bed.ok("rm", "-f", name);
        assertThat(bed.leases()).isEmpty();
    }

    /** {@code strata ARGS} in a JVM of its own, SIGKILLed after {@code millis} if it has not finished. */
    private static void killedAfter(long millis, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "--root", root.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(bed.env);
        Process process = builder.start();
        if (!process.waitFor(millis, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    /**
     * {@code run -d} and {@code rm -f} SIGKILLed at random points (before, during and after the
     * attach and the detach): the next commands leave nothing behind.
     */
    @Test
    void commandsKilledAtAnyPointLeaveNothingTheNextCommandsDoNotClean() throws Exception {
        java.util.Random random = new java.util.Random(12);
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String name = bed.tag + "-k" + i;
            killedAfter(300 + random.nextInt(1500), "run", "-d", "--name", name, "-p", "80", NetworkTestBed.IMAGE,
                    "sleep", "300");
            CliRun address = bed.strata("inspect", "-f", "{{.NetworkSettings.IPAddress}}", name);
            if (address.exitCode() == 0 && !address.out().isBlank()) {
                addresses.add(address.out().strip() + "/32");
            }
            killedAfter(200 + random.nextInt(800), "rm", "-f", name);
            CliRun rm = bed.strata("rm", "-f", name);
            assertThat(rm.exitCode() == 0 || rm.err().contains("No such container")).as(rm.err()).isTrue();
        }
        bed.ok("ps", "-a");
        assertThat(bed.strata("ps", "-aq").out()).as("containers").isEmpty();
        assertThat(bed.vethsOn(bed.bridges())).as("veths").isEmpty();
        assertThat(bed.leases()).as("leases").isEmpty();
        assertThat(NetworkTestBed.rulesMentioning(addresses)).as("rules").isEmpty();
        assertThat(bed.namespaces()).as("namespaces").isEmpty();
        assertThat(bed.mountsUnderRoot()).as("mounts").isEmpty();
        assertThat(bed.memberships()).as("memberships").isEmpty();
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
