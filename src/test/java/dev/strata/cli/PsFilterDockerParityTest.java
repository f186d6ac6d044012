package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.container.BusyboxImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ps --filter} with the filters that ask what a container has (volume, network, publish, expose,
 * health, is-task, isolation) against the real Docker engine (20.10, through the docker 28 CLI): the same
 * containers made under both, each filter's list of names compared, and the refusals' wording and
 * exit codes. Names carry a prefix of this test's own, and only those are compared: the shared dockerd
 * holds other work's containers.
 */
@Tag("integration")
class PsFilterDockerParityTest {
    @TempDir
    static Path root;
    @TempDir
    static Path scratch;
    private static final String TAG = BusyboxImage.uniqueTag("psf");
    private static final String IMAGE = "psf-test/busybox:" + TAG;
    private static final List<String> CONTAINERS = List.of("vol", "bind", "pub", "exp", "udp", "net", "host", "health")
            .stream().map(n -> TAG + "-" + n).toList();

    @BeforeAll
    static void images() throws IOException {
        Path tar = BusyboxImage.tar(scratch);
        CliRun imported = CliRun.run(root, "import", "-c", "CMD [\"sh\"]", tar.toString(), IMAGE);
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        NetworkTestBed.run("docker", "import", "-c", "CMD [\"sh\"]", tar.toString(), IMAGE);
        Files.createDirectories(scratch.resolve("bound"));
    }

    @AfterAll
    static void cleanUp() {
        for (String name : CONTAINERS) {
            VolumeDockerParityTest.docker(List.of("rm", "-f", "-v", name));
            CliRun.run(root, "rm", "-f", "-v", name);
        }
        for (List<String> args : List.of(List.of("network", "rm", TAG + "-net"), List.of("volume", "rm", "-f", TAG + "-data"),
                List.of("rmi", "-f", IMAGE))) {
            VolumeDockerParityTest.docker(args);
            CliRun.run(root, args.toArray(String[]::new));
        }
    }

    private static VolumeDockerParityTest.Result strata(List<String> args) {
        CliRun run = CliRun.run(root, args.toArray(String[]::new));
        return new VolumeDockerParityTest.Result(run.exitCode(), run.out(), run.err());
    }

    /** @param hostPort where this engine's container publishes its port 80 (the engines' runs overlap) */
    private static Map<String, String> scenario(Function<List<String>, VolumeDockerParityTest.Result> engine,
                                                int hostPort) throws Exception {
        String bound = scratch.resolve("bound").toString();
        List<List<String>> setup = List.of(
                List.of("network", "create", TAG + "-net"),
                List.of("run", "-d", "--name", TAG + "-vol", "-v", TAG + "-data:/data", IMAGE, "sleep", "600"),
                List.of("create", "--name", TAG + "-bind", "-v", bound + ":/mnt", IMAGE, "true"),
                List.of("run", "-d", "--name", TAG + "-pub", "-p", "127.0.0.1:" + hostPort + ":80", IMAGE, "sleep", "600"),
                List.of("create", "--name", TAG + "-exp", "--expose", "8080", IMAGE, "true"),
                List.of("create", "--name", TAG + "-udp", "-p", "127.0.0.1::53/udp", IMAGE, "true"),
                List.of("create", "--name", TAG + "-net", "--network", TAG + "-net", IMAGE, "true"),
                List.of("create", "--name", TAG + "-host", "--network", "host", IMAGE, "true"),
                List.of("run", "-d", "--name", TAG + "-health", "--health-cmd", "true", "--health-interval", "1s",
                        IMAGE, "sleep", "600"));
        for (List<String> args : setup) {
            VolumeDockerParityTest.Result r = engine.apply(args);
            assertThat(r.code()).as(args + ": " + r.err()).isZero();
        }
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!engine.apply(List.of("ps", "--filter", "name=" + TAG + "-health", "--format", "{{.Status}}")).out()
                .contains("(healthy)") && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        Map<String, String> seen = new LinkedHashMap<>();
        for (String filter : List.of("volume=" + TAG + "-data", "volume=/data", "volume=" + bound, "volume=/mnt",
                "volume=nosuch", "network=" + TAG + "-net", "network=host", "network=bridge", "publish=80",
                "publish=" + hostPort, "publish=" + hostPort + "/tcp", "publish=" + hostPort + "/udp",
                "publish=" + (hostPort - 1) + "-" + (hostPort + 1), "publish=53/udp", "expose=8080", "expose=80",
                "expose=8000-9000/tcp", "health=healthy", "health=none", "health=unhealthy", "is-task=false",
                "is-task=true", "isolation=.*", "isolation=default")) {
            VolumeDockerParityTest.Result r = engine.apply(List.of("ps", "-a", "--filter", filter, "--format", "{{.Names}}"));
            List<String> names = new ArrayList<>(Arrays.stream(r.out().split("\n"))
                    .filter(n -> n.startsWith(TAG + "-")).map(n -> n.substring(TAG.length() + 1)).sorted().toList());
            seen.put(filter.replace(Integer.toString(hostPort - 1), "PORT-1").replace(Integer.toString(hostPort + 1), "PORT+1")
                    .replace(Integer.toString(hostPort), "PORT"), r.code() + " " + names + r.err());
        }
        for (String refused : List.of("publish=80:80", "expose=abc", "expose=90-80", "publish=70000", "publish=1-x/udp",
                "health=bogus", "is-task=maybe")) {
            VolumeDockerParityTest.Result r = engine.apply(List.of("ps", "-a", "--filter", refused));
            seen.put(refused, r.code() + " " + r.out() + r.err());
        }
        return seen;
    }

    @Test
    void filtersOnWhatContainersHaveListWhatDockersDo() throws Exception {
        Map<String, String> docker = scenario(VolumeDockerParityTest::docker, freePort());
        Map<String, String> strata = scenario(PsFilterDockerParityTest::strata, freePort());
        // the scenario is not empty on Docker's side: each kind of filter finds its container there
        assertThat(docker.get("volume=/data")).isEqualTo("0 [vol]");
        assertThat(docker.get("publish=PORT")).isEqualTo("0 [pub]");
        assertThat(docker.get("expose=80")).isEqualTo("0 [pub]");
        assertThat(docker.get("health=healthy")).isEqualTo("0 [health]");
        for (String key : docker.keySet()) {
            assertThat(strata.get(key)).as(key).isEqualTo(docker.get(key));
        }
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
