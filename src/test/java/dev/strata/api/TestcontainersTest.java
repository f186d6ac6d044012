package dev.strata.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * Testcontainers 2 against Strata's socket: GenericContainers from the locally imported busybox, one
 * waited on by its log line and talked to with execInContainer, one a web server waited on and talked
 * to through the port Testcontainers had published (PublishAllPorts, read back from inspect). Ryuk and
 * the start-up checks are off (src/test/resources/testcontainers.properties); before anything runs, the
 * test checks the engine it reached is Strata, never the machine's dockerd.
 */
@Tag("integration")
class TestcontainersTest {
    @BeforeAll
    static void pointTestcontainersAtStrata() throws Exception {
        TestDaemon daemon = TestDaemon.shared();
        System.setProperty("DOCKER_HOST", daemon.dockerHost());
        var version = DockerClientFactory.instance().client().versionCmd().exec();
        assertThat(version.getRawValues().get("Platform").toString()).contains("Strata");
    }

    @Test
    void genericContainerStartsWaitsOnItsLogAndAnswersExec() throws Exception {
        try (GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(TestDaemon.IMAGE))
                .withCommand("sh", "-c", "echo 'service is ready'; exec sleep 300")
                .withLabel("dmn", "testcontainers")
                .waitingFor(Wait.forLogMessage(".*service is ready.*\\n", 1).withStartupTimeout(Duration.ofSeconds(30)))) {
            container.start();
            assertThat(container.isRunning()).isTrue();
            Container.ExecResult result = container.execInContainer("sh", "-c", "echo answer $((40+2)); echo oops >&2; exit 5");
            assertThat(result.getExitCode()).isEqualTo(5);
            assertThat(result.getStdout()).isEqualTo("answer 42\n");
            assertThat(result.getStderr()).isEqualTo("oops\n");
            assertThat(container.getLogs()).contains("service is ready");
            String id = container.getContainerId();
            container.stop();
            assertThat(DockerClientFactory.instance().client().listContainersCmd().withShowAll(true).exec())
                    .noneMatch(c -> c.getId().equals(id));
        }
    }

    @Test
    void aPublishedPortIsWaitedOnAndServes() throws Exception {
        try (GenericContainer<?> web = new GenericContainer<>(DockerImageName.parse(TestDaemon.IMAGE))
                .withCommand("sh", "-c", "mkdir /www && echo from-testcontainers > /www/index.html"
                        + " && exec httpd -f -p 8080 -h /www")
                .withExposedPorts(8080)
                .waitingFor(Wait.forHttp("/index.html").forStatusCode(200).withStartupTimeout(Duration.ofSeconds(60)))) {
            web.start();
            String url = "http://" + web.getHost() + ":" + web.getMappedPort(8080) + "/index.html";
            var http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
            var response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("from-testcontainers\n");
            assertThat(web.getMappedPort(8080)).isNotEqualTo(8080);
        }
    }
}
