package dev.strata.registry.server;

import dev.strata.registry.server.storage.Storage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A registry server running in the test's JVM on an ephemeral loopback port, and a plain HTTP client
 * for it. What the server logs (access lines, failures) is kept, so a test can assert no stack trace.
 */
final class Served implements AutoCloseable {
    final RegistryServer server;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    Served(RegistryConfig config) throws Exception {
        this.server = RegistryServer.start(config.withAddr("127.0.0.1:0"), new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    /** A server over a storage the test made (to choose its touch interval, or share a bucket). */
    Served(RegistryConfig config, Storage storage) throws Exception {
        this.server = RegistryServer.start(config.withAddr("127.0.0.1:0"), storage,
                new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    static Served filesystem(Path root) throws Exception {
        return new Served(RegistryConfig.defaults(root, "127.0.0.1:0"));
    }

    Storage storage() {
        return server.storage();
    }

    String base() {
        return "http://127.0.0.1:" + server.port();
    }

    String hostPort() {
        return "127.0.0.1:" + server.port();
    }

    synchronized String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    HttpResponse<byte[]> send(String method, String path, byte[] body, String... headers) throws IOException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        try {
            return http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    /** The code of the first error in an error response. */
    static String code(HttpResponse<byte[]> response) {
        var o = dev.strata.json.Json.object(response.body());
        return o.list("errors", e -> e.string("code")).getFirst();
    }

    static Map<String, Object> json(HttpResponse<byte[]> response) {
        return dev.strata.json.Json.object(response.body()).members();
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
