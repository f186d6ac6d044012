package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.embed.ContainerSpec;
import dev.strata.embed.ExecResult;
import dev.strata.embed.Strata;
import dev.strata.embed.Wait;
import dev.strata.junit.StrataContainer;
import dev.strata.junit.StrataTest;
import dev.strata.junit.TestContainer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * A web server for the whole class and a worker for each test, both busybox: the extension starts them
 * before the tests (waiting until the server listens, until the worker says it is ready) and removes
 * them after. The server's port is published on the host's loopback; the worker reaches it on the bridge.
 */
@StrataTest
class WebServerTest {
    static final String IMAGE = "strata-examples/busybox";

    @StrataContainer
    static final TestContainer web = TestContainer.of(ContainerSpec.of(IMAGE)
                    .command("sh", "-c", "mkdir -p /www && echo '<h1>hello</h1>' > /www/index.html"
                            + " && exec httpd -f -p 8080 -h /www")
                    .publish(8080))
            .waitingFor(Wait.forListeningPort(8080));

    @StrataContainer
    final TestContainer worker = TestContainer.of(ContainerSpec.of(IMAGE).env("ROLE", "worker")
                    .command("sh", "-c", "echo ready as $ROLE; exec sleep 1000"))
            .waitingFor(Wait.forLogLine("^ready as worker$"));

    @Test
    void theServerServesItsPageOnAPublishedPort() throws Exception {
        URI page = URI.create("http://127.0.0.1:" + web.container().hostPort(8080) + "/");
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(HttpRequest.newBuilder(page).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals("<h1>hello</h1>\n", response.body());
    }

    @Test
    void otherContainersReachTheServerAtItsAddress() throws IOException {
        ExecResult page = worker.container().exec("wget", "-q", "-O-", "http://" + web.container().ipAddress() + ":8080/");
        assertEquals(0, page.exitCode(), page.stderr());
        assertEquals("<h1>hello</h1>\n", page.stdout());
    }

    @Test
    void eachTestHasAWorkerOfItsOwn(Strata strata) throws IOException {
        assertEquals("worker\n", worker.container().exec("sh", "-c", "echo $ROLE").stdout());
        assertEquals(2, strata.containers().list().size(), "the class's server and this test's worker");
        assertTrue(web.container().isRunning());
    }
}
