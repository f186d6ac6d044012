package dev.strata.api;

import static dev.strata.api.TestDaemon.IMAGE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.engine.Engine;
import dev.strata.json.Json;
import java.io.InputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Clients that go away part way, and requests too large: a body over the bound is refused; streams
 * are bounded, and those of clients that leave are given back (a {@code logs -f} of a quiet container,
 * a {@code docker run} client killed while its container runs, which runs on and is removed as asked
 * once stopped); a {@code load} cut mid-body leaves no image and no blob half-written, and the same
 * archive then loads whole.
 */
@Tag("integration")
class DisconnectTest {
    private static TestDaemon daemon;

    @BeforeAll
    static void startDaemon() throws Exception {
        daemon = TestDaemon.shared();
    }

    private static String unique() {
        return TestDaemon.unique();
    }

    private static TestDaemon.Run ok(String... args) throws Exception {
        return daemon.ok("/usr/local/bin/docker", args);
    }

    /** Waits (at most a minute, polling) for a state another thread brings about. */
    private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static SocketChannel connect(String head) throws Exception {
        SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(daemon.socket));
        channel.write(ByteBuffer.wrap(head.getBytes(StandardCharsets.UTF_8)));
        return channel;
    }

    @Test
    void aBodyOverTheBoundIsRefused() throws Exception {
        String big = "{\"Image\": \"" + IMAGE + "\", \"Labels\": {\"x\": \"" + "a".repeat(Call.MAX_JSON_BODY) + "\"}}";
        RawHttp.Response response = RawHttp.request(daemon.socket, "POST", "/v1.50/containers/create", big);
        assertThat(response.status()).isEqualTo(400);
        assertThat(Json.requireObject(response.body().getBytes(StandardCharsets.UTF_8)).string("message"))
                .isEqualTo("request body is larger than 4 MiB");
    }

    /** The status a stream request gets now: 200 while a stream may open, 503 past the bound. */
    private static int probe(TestDaemon bounded) {
        // an events stream that ends at once: its until is long past
        return RawHttp.requestQuietly(bounded.socket, "/v1.50/events?since=1&until=2");
    }

    private static SocketChannel follow(TestDaemon bounded, String name) throws Exception {
        SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(bounded.socket));
        channel.write(ByteBuffer.wrap(("GET /v1.50/containers/" + name + "/logs?follow=1&stdout=1 HTTP/1.1\r\n"
                + "Host: docker\r\n\r\n").getBytes(StandardCharsets.UTF_8)));
        InputStream in = Channels.newInputStream(channel);
        String seen = "";
        while (!seen.contains("started")) {
            int b = in.read();
            assertThat(b).as("the log's first line arrives").isNotNegative();
            seen += (char) b;
        }
        return channel;
    }

    /**
     * On a daemon bounded to two streams: two followers of a quiet container's log fill it (a third
     * stream is refused with a 503); the one whose client leaves gives its stream back, though the
     * container writes nothing more. A docker run client SIGKILLed while its --rm container runs held
     * two (attach and wait); the wait is given back at once, the attach when the container stops, and
     * the container runs on until it is stopped, then goes.
     */
    @Test
    void streamsOfClientsThatLeaveAreGivenBack(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        TestDaemon bounded = TestDaemon.dedicated(dir, "--max-concurrent-streams", "2");
        try {
            String docker = "/usr/local/bin/docker";
            String name = unique();
            bounded.ok(docker, "run", "-d", "--name", name, IMAGE, "sh", "-c", "echo started; exec sleep 300");
            assertThat(probe(bounded)).isEqualTo(200);
            try (SocketChannel first = follow(bounded, name); SocketChannel second = follow(bounded, name)) {
                assertThat(probe(bounded)).isEqualTo(503);
                first.close();
                eventually("the follow whose client left gives its stream back", () -> probe(bounded) == 200);
                assertThat(second.isOpen()).isTrue();
            }
            eventually("both follows end", () -> probe(bounded) == 200);
            bounded.ok(docker, "rm", "-f", name);

            String run = unique();
            ProcessBuilder builder = new ProcessBuilder(docker, "run", "--rm", "--name", run, IMAGE,
                    "sh", "-c", "echo up; exec sleep 300");
            builder.environment().put("DOCKER_HOST", bounded.dockerHost());
            builder.environment().put("DOCKER_CONFIG", bounded.dir.resolve("docker-config").toString());
            Process client = builder.redirectErrorStream(true).start();
            try (InputStream out = client.getInputStream()) {
                byte[] line = new byte[3];
                assertThat(out.readNBytes(line, 0, 3)).isEqualTo(3);
                assertThat(new String(line, StandardCharsets.UTF_8)).isEqualTo("up\n");
                assertThat(probe(bounded)).as("the client's attach and wait fill the bound").isEqualTo(503);
                client.destroyForcibly().waitFor();
            }
            eventually("the killed client's wait is given back", () -> probe(bounded) == 200);
            assertThat(bounded.ok(docker, "inspect", "-f", "{{.State.Running}}", run).out()).isEqualTo("true\n");
            bounded.ok(docker, "stop", "-t", "1", run);
            eventually("--rm removes the container once it stops",
                    () -> RawHttp.requestQuietly(bounded.socket, "/v1.50/containers/" + run + "/json") == 404);
            eventually("the attach is given back with the container", () -> probe(bounded) == 200);
        } finally {
            bounded.stop();
        }
    }

    @Test
    void aLoadCutMidBodyLeavesNothingHalfWrittenAndTheArchiveThenLoadsWhole() throws Exception {
        String name = unique();
        String repository = unique() + ":big";
        ok("run", "--name", name, IMAGE, "sh", "-c", "head -c 4000000 /dev/urandom > /big");
        ok("commit", name, repository);
        ok("rm", name);
        Path archive = daemon.dir.resolve(name + ".tar");
        ok("save", "-o", archive.toString(), repository);
        ok("rmi", repository);
        byte[] bytes = Files.readAllBytes(archive);
        try (SocketChannel channel = connect("POST /v1.50/images/load HTTP/1.1\r\nHost: docker\r\n"
                + "Content-Type: application/x-tar\r\nContent-Length: " + bytes.length + "\r\n\r\n")) {
            channel.write(ByteBuffer.wrap(bytes, 0, bytes.length / 2));
        }
        eventually("the daemon answers after the cut", () -> RawHttp.requestQuietly(daemon.socket, "/_ping") == 200);
        assertThat(ok("images", "-q", repository).out()).isEmpty();
        try (Engine engine = Engine.open(daemon.root)) {
            assertThat(engine.check().problems()).isEmpty();
        }
        TestDaemon.Run load = daemon.client(bytes, TestDaemon.args("/usr/local/bin/docker", "load"));
        assertThat(load.exit()).as(load.all()).isZero();
        assertThat(load.out()).isEqualTo("Loaded image: " + repository + "\n");
        assertThat(ok("run", "--rm", repository, "sh", "-c", "wc -c < /big").out().strip()).isEqualTo("4000000");
        ok("rmi", repository);
    }
}
