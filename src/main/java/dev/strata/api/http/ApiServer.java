package dev.strata.api.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP/1.1 server under the Engine API, on Jetty 12's core API: one connector per {@link Listen}
 * address, each request handled on a virtual thread of its own (endpoints block on files, processes and
 * streams as they please). Jetty is kept to this package: endpoints see {@link Exchange} only.
 *
 * <p>Chosen after trying the one thing said to be awkward in Jetty, Docker's stream takeover: answering
 * {@code 101} with {@code HttpStream.UPGRADE_CONNECTION_ATTRIBUTE} set hands the end point to a
 * {@link RawConnection}, which reads and writes it as blocking streams, half-close included. No idle
 * timeout: {@code docker wait} and {@code docker logs -f} may wait for hours, as against dockerd.
 */
public final class ApiServer implements AutoCloseable {
    /** The largest request line and header block accepted; Docker's clients send a few hundred bytes. */
    private static final int MAX_HEADER_BYTES = 64 * 1024;

    /** What serves each request; runs on its own virtual thread and may block. */
    @FunctionalInterface
    public interface Dispatcher {
        void handle(Exchange exchange);
    }

    private final Server server;
    private final List<Path> sockets = new ArrayList<>();
    private final DisconnectWatch disconnects = new DisconnectWatch();

    private ApiServer(Server server) {
        this.server = server;
    }

    /** Starts listening on every address; a unix socket is made (replacing a stale one) with mode 0660. */
    public static ApiServer start(List<Listen> addresses, Dispatcher dispatcher) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("strata-api");
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        Server server = new Server(threads);
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setSendDateHeader(true);
        config.setRequestHeaderSize(MAX_HEADER_BYTES);
        // image names go in paths unescaped (/images/localhost:5000/a/b:c/json), as Docker's clients send them
        config.setUriCompliance(UriCompliance.LEGACY);
        HttpConnectionFactory http = new DockerHttpConnectionFactory(config);
        ApiServer api = new ApiServer(server);
        for (Listen address : addresses) {
            switch (address) {
                case Listen.Unix(Path path) -> {
                    Files.createDirectories(path.toAbsolutePath().getParent());
                    Files.deleteIfExists(path);
                    UnixDomainServerConnector unix = new UnixDomainServerConnector(server, http);
                    unix.setUnixDomainPath(path);
                    unix.setIdleTimeout(-1);
                    server.addConnector(unix);
                    api.sockets.add(path);
                }
                case Listen.Tcp(String host, int port) -> {
                    ServerConnector tcp = new ServerConnector(server, http);
                    tcp.setHost(host);
                    tcp.setPort(port);
                    tcp.setIdleTimeout(-1);
                    server.addConnector(tcp);
                }
                case Listen.Inherited() -> {
                    UnixDomainServerConnector inherited = new UnixDomainServerConnector(server, http);
                    inherited.setInheritChannel(true);
                    inherited.setIdleTimeout(-1);
                    server.addConnector(inherited);
                }
            }
        }
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                JettyExchange exchange = new JettyExchange(request, response, callback, api.disconnects);
                Thread.ofVirtual().name("strata-api-request").start(() -> {
                    try {
                        dispatcher.handle(exchange);
                        exchange.finish();
                    } catch (Throwable t) {
                        exchange.abort(t);
                    }
                });
                return true;
            }
        });
        server.setErrorHandler(new JsonErrors());
        server.start();
        for (Path socket : api.sockets) {
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw----"));
        }
        return api;
    }

    /**
     * What Jetty answers itself, before any endpoint sees the request (a request line or header it cannot
     * parse, a header block too large): Docker's {@code {"message": ...}} instead of an HTML page.
     */
    private static final class JsonErrors extends org.eclipse.jetty.server.handler.ErrorHandler {
        @Override
        public boolean errorPageForMethod(String method) {
            return true; // Jetty writes bodies for GET, POST and HEAD only; Docker's clients read DELETE's too
        }

        @Override
        protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                        Callback callback) {
            String text = message != null && !message.isBlank() ? message
                    : org.eclipse.jetty.http.HttpStatus.getMessage(code);
            byte[] body = (dev.strata.json.Json.writeString(java.util.Map.of("message", "bad request: " + text))
                    + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            response.getHeaders().put(org.eclipse.jetty.http.HttpHeader.CONTENT_TYPE, "application/json");
            response.write(true, java.nio.ByteBuffer.wrap(body), callback);
        }
    }

    /** The TCP port a {@code tcp://HOST:0} address was given, for tests. */
    public int tcpPort() {
        for (var connector : server.getConnectors()) {
            if (connector instanceof ServerConnector tcp) {
                return tcp.getLocalPort();
            }
        }
        return -1;
    }

    public void join() throws InterruptedException {
        server.join();
    }

    @Override
    public void close() throws IOException {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IOException("stopping the API server: " + e.getMessage(), e);
        } finally {
            disconnects.close();
            for (Path socket : sockets) {
                Files.deleteIfExists(socket);
            }
        }
    }
}
