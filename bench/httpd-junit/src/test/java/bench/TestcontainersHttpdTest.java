package bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/** The test through Testcontainers on dockerd: httpd published on an ephemeral port, its page fetched. */
@Testcontainers
class TestcontainersHttpdTest {
    @Container
    static final GenericContainer<?> web = new GenericContainer<>(DockerImageName.parse(System.getProperty("bench.image")))
            .withCommand("sh", "-c", HttpdScript.SCRIPT)
            .withExposedPorts(8080)
            .waitingFor(Wait.forListeningPort());

    @Test
    void fetchesThePage() throws Exception {
        HttpResponse<String> page = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.getMappedPort(8080) + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertEquals(HttpdScript.PAGE, page.body());
    }
}
