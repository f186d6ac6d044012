package dev.strata.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.engine.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /events} through the docker 28 CLI and docker-py against {@code strata daemon}: it lists what
 * the daemon did and what another process recorded in the same store (here, this test JVM tagging an
 * image through the engine, as the CLI does), with Docker's fields, filters and refusals.
 */
@Tag("integration")
class DaemonEventsTest {
    private static final String DOCKER = "/usr/local/bin/docker";
    private static TestDaemon daemon;

    @BeforeAll
    static void startDaemon() throws Exception {
        daemon = TestDaemon.shared();
    }

    @Test
    void theDockerCliListsTheDaemonsEventsAndTheCommandLines() throws Exception {
        String name = TestDaemon.unique();
        String since = Long.toString(Instant.now().getEpochSecond() - 1);
        daemon.ok(DOCKER, "create", "--name", name, "--label", "dmn.test=1", TestDaemon.IMAGE, "true");
        // another process of the same store: the engine records the tag in the log the daemon reads
        try (Engine engine = Engine.open(daemon.root)) {
            engine.names().tag(TestDaemon.IMAGE, name + "/tagged:1");
        }
        daemon.ok(DOCKER, "rm", name);
        String until = Instant.now().plusMillis(200).toString();
        TestDaemon.Run listed = daemon.ok(DOCKER, "events", "--since", since, "--until", until,
                "--filter", "container=" + name, "--filter", "type=image",
                "--format", "{{.Type}} {{.Action}} {{.Actor.Attributes.name}} {{.From}}");
        // different keys must both hold; container= takes any event whose ID or name it begins, as dockerd's
        // fuzzy match does: here the tag event, named NAME/tagged:1
        assertThat(listed.out()).isEqualTo("image tag " + name + "/tagged:1 \n");
        TestDaemon.Run containers = daemon.ok(DOCKER, "events", "--since", since, "--until", until,
                "--filter", "container=" + name, "--filter", "type=container", "--format", "{{.Type}} {{.Action}} {{.Actor.Attributes.name}} {{.From}}");
        assertThat(containers.out()).isEqualTo("container create " + name + " " + TestDaemon.IMAGE + "\n"
                + "container destroy " + name + " " + TestDaemon.IMAGE + "\n");
        TestDaemon.Run images = daemon.ok(DOCKER, "events", "--since", since, "--until", until,
                "--filter", "type=image", "--filter", "event=tag");
        assertThat(images.out()).containsPattern("(?m)^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}(Z|[+-]\\d\\d:\\d\\d)"
                + " image tag sha256:[0-9a-f]{64} \\(name=" + name + "/tagged:1\\)$");
        TestDaemon.Run json = daemon.ok(DOCKER, "events", "--since", since, "--until", until,
                "--filter", "label=dmn.test=1", "--filter", "event=create", "--format", "json");
        assertThat(json.out()).startsWith("{\"status\":\"create\",\"id\":\"").contains("\"from\":\"" + TestDaemon.IMAGE
                + "\",\"Type\":\"container\",\"Action\":\"create\",\"Actor\":{\"ID\":\"")
                .contains("\"Attributes\":{\"dmn.test\":\"1\",\"image\":\"" + TestDaemon.IMAGE + "\",\"name\":\"" + name
                        + "\"}},\"scope\":\"local\",\"time\":");
        try (Engine engine = Engine.open(daemon.root)) {
            engine.removal().removeImage(name + "/tagged:1", false, false);
        }
    }

    @Test
    void theDaemonRefusesSinceAfterUntilInDockersWords() throws Exception {
        TestDaemon.Run refused = daemon.docker(DOCKER, "events", "--since", "5", "--until", "2");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).isEqualTo("Error response from daemon: `since` time (5) cannot be after `until` time (2)\n");
    }

    /** docker-py's client.events(decode=True): a stream of dicts, here bounded by until. */
    @Test
    void dockerPyReadsTheStream() throws Exception {
        String name = TestDaemon.unique();
        long since = Instant.now().getEpochSecond() - 1;
        daemon.ok(DOCKER, "run", "--name", name, TestDaemon.IMAGE, "true");
        daemon.ok(DOCKER, "rm", name);
        Path script = daemon.dir.resolve("events_" + name + ".py");
        Files.writeString(script, """
                import sys, time, docker
                client = docker.from_env()
                for event in client.events(since=int(sys.argv[1]), until=int(time.time()) + 1, decode=True,
                                           filters={"container": sys.argv[2]}):
                    print(event["Type"], event["Action"], event["Actor"]["Attributes"]["name"], event["status"],
                          event["timeNano"] // 1000000000 == event["time"])
                """);
        TestDaemon.Run run = daemon.client(TestDaemon.args("/usr/bin/python3", script.toString(), Long.toString(since), name));
        assertThat(run.exit()).as(run.all()).isZero();
        // docker run: create, attach (the client's /attach), start, and die as the container exits
        assertThat(run.out()).isEqualTo("container create " + name + " create True\n"
                + "container attach " + name + " attach True\n"
                + "container start " + name + " start True\n"
                + "container die " + name + " die True\n"
                + "container destroy " + name + " destroy True\n");
    }
}
