package dev.strata.api;

import static dev.strata.api.TestDaemon.IMAGE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.go.Units;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the docker clients read about containers from Strata's daemon beyond their records: sizes
 * ({@code ps --size}, {@code inspect --size}), live statistics ({@code stats}) and health in the status.
 */
@Tag("integration")
class ContainerViewsClientsTest {
    private static TestDaemon daemon;

    @BeforeAll
    static void startDaemon() throws Exception {
        daemon = TestDaemon.shared();
    }

    static Stream<String> clients() {
        return DockerClientsTest.clients();
    }

    @ParameterizedTest
    @MethodSource("clients")
    void sizesOfTheWritableLayerAndTheImage(String client) throws Exception {
        String name = TestDaemon.unique();
        daemon.ok(client, "run", "--name", name, IMAGE, "sh", "-c", "dd if=/dev/zero of=/tmp/f bs=1024 count=1024");
        long image = Long.parseLong(daemon.ok(client, "image", "inspect", "-f", "{{.Size}}", IMAGE).out().strip());
        assertThat(daemon.ok(client, "inspect", "-s", "-f", "{{.SizeRw}} {{.SizeRootFs}}", name).out())
                .isEqualTo("1048576 " + (image + 1048576) + "\n");
        assertThat(daemon.ok(client, "ps", "-a", "--size", "--filter", "name=" + name, "--format", "{{.Size}}").out())
                .isEqualTo("1.05MB (virtual " + Units.humanSize(image + 1048576) + ")\n");
        // not asked for: no sizes from the daemon, "0B" in the row (the 20.10 client asks whenever the
        // template reads .Size, --size=false or not)
        String unasked = daemon.ok(client, "ps", "-a", "--size=false", "--filter", "name=" + name, "--format",
                "{{.Size}}").out();
        assertThat(unasked).isEqualTo(client.equals("/usr/local/bin/docker") ? "0B\n"
                : "1.05MB (virtual " + Units.humanSize(image + 1048576) + ")\n");
        // system df's containers carry the same two sizes, as dockerd's do
        dev.strata.json.JsonObject listed = dfContainer(name);
        assertThat(listed.longValue("SizeRw") + " " + listed.longValue("SizeRootFs"))
                .isEqualTo("1048576 " + (image + 1048576));
        daemon.ok(client, "rm", name);
    }

    /** A container in a busy loop, and one with a pids limit, seen through {@code docker stats --no-stream}. */
    @ParameterizedTest
    @MethodSource("clients")
    void statsOfABusyContainer(String client) throws Exception {
        String name = TestDaemon.unique();
        daemon.ok(client, "run", "-d", "--name", name, "--pids-limit", "50", IMAGE, "sh", "-c", "while :; do :; done");
        TestDaemon.Run stats = daemon.ok(client, "stats", "--no-stream", "--format",
                "{{.Name}} {{.CPUPerc}} {{.MemUsage}} {{.PIDs}}", name);
        java.util.regex.Matcher row = java.util.regex.Pattern.compile(
                "(\\S+) (\\d+\\.\\d\\d)% (\\d+(?:\\.\\d+)?)(B|KiB|MiB) / \\d+(?:\\.\\d+)?[KMG]iB (\\d+)\n")
                .matcher(stats.out());
        assertThat(row.matches()).as(stats.out()).isTrue();
        assertThat(row.group(1)).isEqualTo(name);
        assertThat(Double.parseDouble(row.group(2))).as("CPU %").isGreaterThan(5.0);
        assertThat(Double.parseDouble(row.group(3))).as("memory").isGreaterThan(0);
        assertThat(row.group(5)).isEqualTo("1");
        // no names: the client lists the running containers (and, 28, watches /events) and samples each
        assertThat(daemon.ok(client, "stats", "--no-stream", "--format", "{{.Name}}").out().lines()).contains(name);
        // the whole frame, as a client that reads the JSON sees it
        RawHttp.Response frame = RawHttp.request(daemon.socket, "GET",
                "/containers/" + name + "/stats?stream=false&one-shot=true", null);
        assertThat(frame.status()).isEqualTo(200);
        dev.strata.json.JsonObject json = dev.strata.json.Json.object(
                frame.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(json.string("name")).isEqualTo("/" + name);
        assertThat(json.string("preread")).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(json.object("pids_stats").longValue("current")).isEqualTo(1);
        assertThat(json.object("pids_stats").longValue("limit")).isEqualTo(50);
        assertThat(json.object("memory_stats").object("stats").longOrNull("total_inactive_file")).isNotNull();
        daemon.ok(client, "rm", "-f", name);
        // a stopped container: Docker's empty frame, zeros in the columns
        daemon.ok(client, "create", "--name", name, IMAGE, "true");
        assertThat(daemon.ok(client, "stats", "--no-stream", "--format", "{{.Name}} {{.CPUPerc}} {{.MemUsage}}", name)
                .out()).isEqualTo(name + " 0.00% 0B / 0B\n");
        daemon.ok(client, "rm", name);
    }

    /** A streamed {@code stats} sends a frame a second, each following the one before, and ends when the container goes. */
    @org.junit.jupiter.api.Test
    void statsStreamFollowsItsFramesAndEndsWithTheContainer() throws Exception {
        String name = TestDaemon.unique();
        daemon.ok("/usr/local/bin/docker", "run", "-d", "--name", name, IMAGE, "sleep", "60");
        Process curl = new ProcessBuilder("curl", "-sN", "--unix-socket", daemon.socket.toString(),
                "http://localhost/containers/" + name + "/stats").start();
        java.io.BufferedReader frames = new java.io.BufferedReader(new java.io.InputStreamReader(curl.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8));
        dev.strata.json.JsonObject first = dev.strata.json.Json.object(frames.readLine().getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
        dev.strata.json.JsonObject second = dev.strata.json.Json.object(frames.readLine().getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
        assertThat(first.string("preread")).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(second.string("preread")).isEqualTo(first.string("read"));
        assertThat(java.time.Duration.between(java.time.Instant.parse(first.string("read")),
                java.time.Instant.parse(second.string("read")))).isBetween(java.time.Duration.ofMillis(900),
                java.time.Duration.ofSeconds(3));
        daemon.ok("/usr/local/bin/docker", "rm", "-f", name);
        assertThat(curl.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).as("the stream ended").isTrue();
        assertThat(curl.exitValue()).isZero();
    }

    /** The daemon's list carries the health after "Up ...", as {@code ps} prints it, both ways. */
    @ParameterizedTest
    @MethodSource("clients")
    void statusShowsHealthBothWays(String client) throws Exception {
        String name = TestDaemon.unique();
        daemon.ok(client, "run", "-d", "--name", name, "--health-cmd", "cat /tmp/ok", "--health-interval", "200ms",
                "--health-retries", "2", IMAGE, "sh", "-c", "sleep 2; echo fine > /tmp/ok; exec sleep 60");
        assertThat(awaitStatus(client, name, s -> !s.startsWith("Created"))).matches("Up .* \\(health: starting\\)");
        awaitStatus(client, name, s -> s.endsWith("(healthy)"));
        daemon.ok(client, "exec", name, "rm", "/tmp/ok");
        assertThat(awaitStatus(client, name, s -> s.endsWith("(unhealthy)"))).matches("Up .* \\(unhealthy\\)");
        assertThat(daemon.ok(client, "inspect", "-f", "{{.State.Health.Status}}", name).out()).isEqualTo("unhealthy\n");
        // system df's list of containers says the same
        assertThat(dfContainer(name).string("Status")).matches("Up .* \\(unhealthy\\)");
        daemon.ok(client, "rm", "-f", name);
    }

    private static String awaitStatus(String client, String name, java.util.function.Predicate<String> condition)
            throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (true) {
            String status = daemon.ok(client, "ps", "-a", "--filter", "name=" + name, "--format", "{{.Status}}").out()
                    .strip();
            if (condition.test(status)) {
                return status;
            }
            assertThat(System.nanoTime()).as("status of %s, last %s", name, status).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /**
     * The members of a running container's frame ({@code stream=false}) are dockerd's: the same names at the
     * same paths, in the same order, with values of the same JSON type, for one busy container on each.
     */
    @org.junit.jupiter.api.Test
    void statsFrameHasDockersMembers(@org.junit.jupiter.api.io.TempDir java.nio.file.Path scratch) throws Exception {
        java.nio.file.Path tar = dev.strata.container.BusyboxImage.tar(scratch);
        String name = TestDaemon.unique();
        String dockerImage = name + "/busybox:1";
        ProcessBuilder[] steps = {
                new ProcessBuilder("docker", "import", tar.toString(), dockerImage),
                new ProcessBuilder("docker", "run", "-d", "--name", name, dockerImage, "sh", "-c", "while :; do :; done")};
        try {
            for (ProcessBuilder step : steps) {
                assertThat(step.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
                        .waitFor()).isZero();
            }
            daemon.ok("/usr/local/bin/docker", "run", "-d", "--name", name, IMAGE, "sh", "-c", "while :; do :; done");
            String path = "/containers/" + name + "/stats?stream=false";
            String docker = curl("/var/run/docker.sock", path);
            String strata = curl(daemon.socket.toString(), path);
            assertThat(docker).as("dockerd").startsWith("{");
            assertThat(strata).as("strata").startsWith("{");
            assertThat(shape(strata)).isEqualTo(shape(docker));
        } finally {
            new ProcessBuilder("docker", "rm", "-f", name).start().waitFor();
            new ProcessBuilder("docker", "rmi", dockerImage).start().waitFor();
            daemon.docker("/usr/local/bin/docker", "rm", "-f", name);
        }
    }

    /** The container {@code name} as the daemon's {@code GET /system/df} lists it. */
    private static dev.strata.json.JsonObject dfContainer(String name) throws java.io.IOException {
        return dev.strata.json.Json.object(curl(daemon.socket.toString(), "/system/df")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)).list("Containers", o -> o).stream()
                .filter(o -> o.strings("Names").equals(java.util.List.of("/" + name))).findFirst().orElseThrow();
    }

    private static String curl(String socket, String path) throws java.io.IOException {
        return new String(new ProcessBuilder("curl", "-s", "--unix-socket", socket, "http://localhost" + path).start()
                .getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Each member's path and JSON type, one a line, in order; a list's items are not looked into. */
    private static String shape(String json) {
        StringBuilder out = new StringBuilder();
        shape(dev.strata.json.Json.object(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "", out);
        return out.toString();
    }

    private static void shape(Object value, String path, StringBuilder out) {
        if (value instanceof dev.strata.json.JsonObject object) {
            out.append(path).append(" {}\n");
            object.members().forEach((k, v) -> shape(v, path + "." + k, out));
        } else {
            out.append(path).append(' ').append(value == null ? "null" : value instanceof java.util.List<?> ? "[]"
                    : value instanceof String ? "string" : value instanceof Boolean ? "bool" : "number").append('\n');
        }
    }
}
