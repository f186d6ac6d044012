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
 * Testcontainers 2 against Strata's socket: a GenericContainer from the locally imported busybox, waited
 * on by its log line and talked to with execInContainer (ports come with networks, issue 12). Ryuk and
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
}
