package dev.strata.api;

import static dev.strata.api.TestDaemon.IMAGE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.registry.client.RegistryServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The docker clients' registry commands through Strata's daemon, against the CNCF registry (Debian's
 * docker-registry) on 127.0.0.1: push, then pull what was pushed and run it, search, and login to a
 * registry behind htpasswd, whose credentials the client then sends with a push (X-Registry-Auth).
 * skopeo judges what the registry holds.
 */
@Tag("integration")
class RegistryClientsTest {
    private static TestDaemon daemon;
    private static Path dir;
    private static RegistryServer plain;
    private static RegistryServer guarded;

    @BeforeAll
    static void start() throws Exception {
        daemon = TestDaemon.shared();
        dir = Files.createTempDirectory(daemon.dir, "registries-");
        plain = RegistryServer.plain(dir.resolve("plain"));
        guarded = RegistryServer.htpasswd(dir.resolve("guarded"), "dmn-user", "dmn-secret");
    }

    @AfterAll
    static void stop() {
        plain.close();
        guarded.close();
    }

    static java.util.stream.Stream<String> clients() {
        return DockerClientsTest.clients();
    }

    @ParameterizedTest
    @MethodSource("clients")
    void pushThenPullThenRun(String client) throws Exception {
        String repository = plain.address() + "/" + TestDaemon.unique() + "/busybox";
        daemon.ok(client, "tag", IMAGE, repository + ":1");
        TestDaemon.Run push = daemon.ok(client, "push", repository + ":1");
        assertThat(push.out()).contains("The push refers to repository [" + repository + "]")
                .containsPattern("1: digest: sha256:[0-9a-f]{64} size: [0-9]+");
        String digest = push.out().replaceAll("(?s).*1: digest: (sha256:[0-9a-f]{64}).*", "$1");
        TestDaemon.Run inspect = daemon.client(TestDaemon.args("skopeo", "inspect", "--tls-verify=false",
                "--format", "{{.Digest}}", "docker://" + repository + ":1"));
        assertThat(inspect.out()).as(inspect.all()).isEqualTo(digest + "\n");

        RawHttp.Response distribution = RawHttp.request(daemon.socket, "GET", "/v1.50/distribution/" + repository
                + ":1/json", null);
        assertThat(distribution.status()).as(distribution.body()).isEqualTo(200);
        var described = dev.strata.json.Json.requireObject(distribution.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(described.object("Descriptor").string("digest")).isEqualTo(digest);
        assertThat(described.list("Platforms", p -> p.string("os") + "/" + p.string("architecture")))
                .containsExactly("linux/" + dev.strata.image.Platform.host().architecture());

        daemon.ok(client, "rmi", repository + ":1");
        TestDaemon.Run pull = daemon.ok(client, "pull", repository + ":1");
        assertThat(pull.out()).contains("1: Pulling from ").contains("Digest: " + digest)
                .contains("Status: Downloaded newer image for " + repository + ":1").endsWith(repository + ":1\n");
        assertThat(daemon.ok(client, "pull", repository + ":1").out()).contains("Status: Image is up to date for " + repository + ":1");
        assertThat(daemon.ok(client, "inspect", "-f", "{{index .RepoDigests 0}}", repository + ":1").out())
                .isEqualTo(repository + "@" + digest + "\n");
        assertThat(daemon.ok(client, "run", "--rm", repository + ":1", "echo", "pulled").out()).isEqualTo("pulled\n");

        TestDaemon.Run missing = daemon.docker(client, "pull", repository + ":no-such-tag");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).startsWith("Error response from daemon: ").contains("no-such-tag");
        daemon.ok(client, "rmi", repository + ":1");
    }

    @ParameterizedTest
    @MethodSource("clients")
    void searchFindsWhatWasPushed(String client) throws Exception {
        String name = TestDaemon.unique();
        String repository = plain.address() + "/" + name + "/searched";
        daemon.ok(client, "tag", IMAGE, repository + ":1");
        daemon.ok(client, "push", repository + ":1");
        daemon.ok(client, "rmi", repository + ":1");
        TestDaemon.Run search = daemon.ok(client, "search", "--format", "{{.Name}}", plain.address() + "/" + name);
        assertThat(search.out()).isEqualTo(name + "/searched\n");
        TestDaemon.Run badFilter = daemon.docker(client, "search", "--filter", "colour=red", plain.address() + "/" + name);
        assertThat(badFilter.exit()).isEqualTo(1);
        assertThat(badFilter.err()).contains("Invalid filter 'colour'");
    }

    @ParameterizedTest
    @MethodSource("clients")
    void loginThenPushWithTheCredentials(String client) throws Exception {
        String repository = guarded.address() + "/" + TestDaemon.unique() + "/guarded";
        daemon.ok(client, "tag", IMAGE, repository + ":1");
        Path config = Files.createTempDirectory(dir, "docker-config-");
        TestDaemon.Run refused = daemon.client(TestDaemon.args(client, "--config", config.toString(), "push",
                repository + ":1"));
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.all()).contains("no basic auth credentials");

        TestDaemon.Run wrong = daemon.client("wrong\n".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                TestDaemon.args(client, "--config", config.toString(), "login", "-u", "dmn-user", "--password-stdin",
                        guarded.address()));
        assertThat(wrong.exit()).isEqualTo(1);
        assertThat(wrong.err()).containsIgnoringCase("unauthorized");

        TestDaemon.Run login = daemon.client("dmn-secret\n".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                TestDaemon.args(client, "--config", config.toString(), "login", "-u", "dmn-user", "--password-stdin",
                        guarded.address()));
        assertThat(login.exit()).as(login.all()).isZero();
        assertThat(login.out()).contains("Login Succeeded");
        TestDaemon.Run push = daemon.client(TestDaemon.args(client, "--config", config.toString(), "push",
                repository + ":1"));
        assertThat(push.exit()).as(push.all()).isZero();
        assertThat(push.out()).containsPattern("1: digest: sha256:[0-9a-f]{64}");
        daemon.ok(client, "rmi", repository + ":1");
    }
}
