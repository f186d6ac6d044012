package bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.strata.embed.ContainerSpec;
import dev.strata.embed.Wait;
import dev.strata.junit.StrataContainer;
import dev.strata.junit.StrataTest;
import dev.strata.junit.TestContainer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The test through Strata's extension: httpd published on an ephemeral port, its page fetched. */
@StrataTest
class StrataHttpdTest {
    @StrataContainer
    static final TestContainer web = TestContainer.of(ContainerSpec.of(System.getProperty("bench.image"))
                    .command("sh", "-c", HttpdScript.SCRIPT)
                    .publish(8080))
            .waitingFor(Wait.forListeningPort(8080));

    @Test
    void fetchesThePage() throws Exception {
        HttpResponse<String> page = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.container().hostPort(8080) + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertEquals(HttpdScript.PAGE, page.body());
    }
}
