package dev.strata.registry.server;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A test load balancer: each HTTP request goes to the next backend in turn, whatever connection it came
 * on, so the requests of one upload (POST, PATCH, PUT) land on different replicas. Records which
 * backend served what.
 */
final class AlternatingProxy implements AutoCloseable {
    private static final Set<String> HOP = Set.of("connection", "keep-alive", "transfer-encoding", "te", "trailer",
            "upgrade", "host", "content-length", "expect", "proxy-connection");

    record Served(int backend, String method, String path, int status) {
    }

    private final List<URI> backends;
    private final AtomicInteger next = new AtomicInteger();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final Server server;
    private final ServerConnector connector;
    final ConcurrentLinkedQueue<Served> log = new ConcurrentLinkedQueue<>();

    AlternatingProxy(List<URI> backends) throws Exception {
        this.backends = backends;
        QueuedThreadPool threads = new QueuedThreadPool(8, 2);
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server = new Server(threads);
        connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract(org.eclipse.jetty.util.thread.Invocable.InvocationType.BLOCKING) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                forward(request, response);
                callback.succeeded();
                return true;
            }
        });
        server.start();
    }

    int port() {
        return connector.getLocalPort();
    }

    private void forward(Request request, Response response) throws Exception {
        int backend = Math.floorMod(next.getAndIncrement(), backends.size());
        String query = request.getHttpURI().getQuery();
        URI target = URI.create(backends.get(backend) + request.getHttpURI().getPath() + (query == null ? "" : "?" + query));
        long length = request.getLength();
        boolean chunked = request.getHeaders().contains("Transfer-Encoding");
        InputStream in = Content.Source.asInputStream(request);
        HttpRequest.BodyPublisher body = length > 0
                ? HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> in), length)
                : chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> in) : HttpRequest.BodyPublishers.noBody();
        HttpRequest.Builder builder = HttpRequest.newBuilder(target).timeout(Duration.ofMinutes(5)).method(request.getMethod(), body);
        for (HttpField field : request.getHeaders()) {
            if (!HOP.contains(field.getLowerCaseName())) {
                builder.header(field.getName(), field.getValue());
            }
        }
        HttpResponse<InputStream> answer = http.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
        log.add(new Served(backend, request.getMethod(), request.getHttpURI().getPath(), answer.statusCode()));
        response.setStatus(answer.statusCode());
        HttpHeaders headers = answer.headers();
        headers.map().forEach((name, values) -> {
            if (!HOP.contains(name.toLowerCase(java.util.Locale.ROOT)) || name.equalsIgnoreCase("content-length")) {
                for (String value : values) {
                    response.getHeaders().add(name, value);
                }
            }
        });
        try (InputStream from = answer.body(); OutputStream to = Content.Sink.asOutputStream(response)) {
            from.transferTo(to);
        }
    }

    @Override
    public void close() throws Exception {
        server.stop();
        http.close();
    }
}
