package dev.strata.api.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.HttpStream;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/** An {@link Exchange} over Jetty's core request and response; completes Jetty's callback when done. */
final class JettyExchange implements Exchange {
    private final Request request;
    private final Response response;
    private final Callback callback;
    private final DisconnectWatch disconnects;
    private final AtomicBoolean disconnectSeen = new AtomicBoolean();
    private DisconnectWatch.Watching watching;
    private Fields query;
    private OutputStream streamed;
    private RawConnection hijacked;
    private boolean done;

    JettyExchange(Request request, Response response, Callback callback, DisconnectWatch disconnects) {
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.disconnects = disconnects;
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    @Override
    public String path() {
        String path = request.getHttpURI().getDecodedPath();
        return path == null ? "/" : path;
    }

    private Fields query() {
        if (query == null) {
            try {
                query = Request.extractQueryParameters(request);
            } catch (RuntimeException malformed) {
                // Jetty's BadMessageException: a broken %-escape, a query too large
                throw new dev.strata.error.InvalidInputException("malformed query string: " + malformed.getMessage());
            }
        }
        return query;
    }

    @Override
    public String query(String name) {
        return query().getValue(name);
    }

    @Override
    public List<String> queries(String name) {
        List<String> values = query().getValues(name);
        return values == null ? List.of() : values;
    }

    @Override
    public String header(String name) {
        return request.getHeaders().get(name);
    }

    /** The body; one that ends before its length (Jetty's EofException) is the client's error, a 400. */
    @Override
    public InputStream body() {
        return new java.io.FilterInputStream(Content.Source.asInputStream(request)) {
            @Override
            public int read() throws IOException {
                try {
                    return super.read();
                } catch (org.eclipse.jetty.io.EofException e) {
                    throw early();
                }
            }

            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                try {
                    return super.read(bytes, offset, length);
                } catch (org.eclipse.jetty.io.EofException e) {
                    throw early();
                }
            }
        };
    }

    private static dev.strata.error.InvalidInputException early() {
        return new dev.strata.error.InvalidInputException(
                "the request body ended early: the client sent less than its Content-Length");
    }

    @Override
    public void setHeader(String name, String value) {
        response.getHeaders().put(name, value);
    }

    @Override
    public void respond(int status, String contentType, byte[] body) throws IOException {
        response.setStatus(status);
        if (contentType != null) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        }
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        try (Blocker.Callback written = Blocker.callback()) {
            response.write(true, ByteBuffer.wrap(body), written);
            written.block();
        }
    }

    @Override
    public OutputStream stream(int status, String contentType) throws IOException {
        response.setStatus(status);
        if (contentType != null) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        }
        streamed = Content.Sink.asOutputStream(response);
        // the status line and headers now: a client waiting on them (docker run's wait) must not wait on a first byte
        streamed.flush();
        return streamed;
    }

    @Override
    public Hijacked hijack(String contentType) throws IOException {
        String upgrade = header("Upgrade");
        if (upgrade == null || !upgrade.toLowerCase(Locale.ROOT).contains("tcp")) {
            OutputStream out = stream(200, contentType);
            return new Hijacked() {
                @Override
                public InputStream in() {
                    return InputStream.nullInputStream();
                }

                @Override
                public OutputStream out() {
                    return out;
                }

                @Override
                public void closeOutput() throws IOException {
                    out.close();
                }

                @Override
                public void close() throws IOException {
                    out.close();
                }
            };
        }
        response.setStatus(101);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONNECTION, "Upgrade");
        response.getHeaders().put(HttpHeader.UPGRADE, "tcp");
        hijacked = new RawConnection(request.getConnectionMetaData().getConnection().getEndPoint());
        request.setAttribute(HttpStream.UPGRADE_CONNECTION_ATTRIBUTE, hijacked);
        // the 101 goes out and the connection changes hands when Jetty's request cycle ends
        finish();
        hijacked.awaitOpen();
        return hijacked;
    }

    @Override
    public boolean committed() {
        return hijacked != null || response.isCommitted();
    }

    @Override
    public void onDisconnect(Runnable action) {
        Runnable once = () -> {
            if (disconnectSeen.compareAndSet(false, true)) {
                action.run();
            }
        };
        request.addFailureListener(failure -> once.run());
        // Jetty sees a closed connection only when it next reads or writes: watch it while the answer lasts
        if (request.getConnectionMetaData().getConnection().getEndPoint()
                instanceof org.eclipse.jetty.io.SelectableChannelEndPoint endPoint) {
            synchronized (this) {
                if (!done && watching == null) {
                    watching = disconnects.watch(endPoint.getChannel(), once);
                }
            }
        }
    }

    /** Ends the response as it stands (an empty 204 if the endpoint gave none) and Jetty's request cycle. */
    synchronized void finish() {
        if (done) {
            return;
        }
        done = true;
        stopWatching();
        try {
            if (streamed != null) {
                streamed.close();
            } else if (hijacked == null && !response.isCommitted()) {
                response.setStatus(204);
            }
            callback.succeeded();
        } catch (IOException | RuntimeException e) {
            callback.failed(e);
        }
    }

    /** Ends the request cycle after a failure that came too late to be answered: the connection is dropped. */
    synchronized void abort(Throwable failure) {
        if (done) {
            return;
        }
        done = true;
        stopWatching();
        callback.failed(failure);
    }

    private void stopWatching() {
        if (watching != null) {
            watching.cancel();
        }
    }
}
