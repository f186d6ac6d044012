package dev.strata.registry.server;

import dev.strata.io.BlockInputStream;
import dev.strata.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Fields;

/**
 * One request and its response, as the registry's handlers see them: the parsed query, headers, a
 * body bounded by what the route allows, and answers as status, headers and bytes. The only class of
 * the API that touches Jetty's types.
 */
final class Exchange {
    private final Request request;
    private final Response response;
    private Fields query;
    private long bytesIn;
    private long bytesOut;
    private int status = 200;
    String user = "-";
    String route = "unknown";

    Exchange(Request request, Response response) {
        this.request = request;
        this.response = response;
    }

    String method() {
        return request.getMethod();
    }

    boolean isHead() {
        return request.getMethod().equals("HEAD");
    }

    /** The path, percent-decoded (a client may send ':' as %3A). */
    String path() {
        String decoded = request.getHttpURI().getDecodedPath();
        return decoded == null ? request.getHttpURI().getPath() : decoded;
    }

    String target() {
        String query = request.getHttpURI().getQuery();
        return request.getHttpURI().getPath() + (query == null ? "" : "?" + query);
    }

    private Fields query() {
        if (query == null) {
            try {
                query = Request.extractQueryParameters(request);
            } catch (RuntimeException e) {
                throw RegistryException.of(ErrorCode.UNSUPPORTED, Map.of("query", "malformed query string"));
            }
        }
        return query;
    }

    String param(String name) {
        return query().getValue(name);
    }

    List<String> params(String name) {
        List<String> values = query().getValues(name);
        return values == null ? List.of() : values;
    }

    String header(String name) {
        return request.getHeaders().get(name);
    }

    /** Every value of a header, commas split as HTTP lists are. */
    List<String> headerList(String name) {
        List<String> out = new ArrayList<>();
        for (HttpField field : request.getHeaders()) {
            if (field.getName().equalsIgnoreCase(name)) {
                for (String part : field.getValue().split(",")) {
                    if (!part.isBlank()) {
                        out.add(part.trim());
                    }
                }
            }
        }
        return out;
    }

    long contentLength() {
        return request.getLength();
    }

    String remoteAddress() {
        return Request.getRemoteAddr(request);
    }

    boolean secure() {
        return request.isSecure();
    }

    String host() {
        String host = request.getHeaders().get("Host");
        return host == null ? Request.getServerName(request) + ":" + Request.getServerPort(request) : host;
    }

    /** The body, at most {@code limit} bytes: more is refused with {@code tooLarge} (413) as it is read. */
    InputStream body(long limit, ErrorCode tooLarge) {
        long declared = request.getLength();
        if (declared > limit) {
            throw new RegistryException(tooLarge, 413, "request body of " + declared + " bytes is over the limit of "
                    + limit, null);
        }
        InputStream in = Content.Source.asInputStream(request);
        return new BlockInputStream() {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = in.read(buffer, offset, length);
                if (n > 0) {
                    bytesIn += n;
                    if (bytesIn > limit) {
                        throw new RegistryException(tooLarge, 413, "request body is over the limit of " + limit + " bytes",
                                null);
                    }
                }
                return n;
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    Exchange status(int code) {
        status = code;
        response.setStatus(code);
        return this;
    }

    int status() {
        return status;
    }

    Exchange header(String name, String value) {
        response.getHeaders().put(name, value);
        return this;
    }

    Exchange addHeader(String name, String value) {
        response.getHeaders().add(name, value);
        return this;
    }

    /** Ends the response with no body. */
    void empty() throws IOException {
        response.getHeaders().put("Content-Length", "0");
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            // nothing to send
        }
    }

    /** Ends the answer to a HEAD: the headers of a body of {@code length} bytes, and no body. */
    void headOnly(long length) throws IOException {
        response.getHeaders().put("Content-Length", Long.toString(length));
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            // HEAD: headers only
        }
    }

    /** Ends the response with {@code bytes} (none for HEAD, though Content-Length says how many). */
    void send(String contentType, byte[] bytes) throws IOException {
        if (contentType != null) {
            response.getHeaders().put("Content-Type", contentType);
        }
        response.getHeaders().put("Content-Length", Long.toString(bytes.length));
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            if (!isHead()) {
                out.write(bytes);
                bytesOut += bytes.length;
            }
        }
    }

    void json(Object value) throws IOException {
        send("application/json", Json.write(value));
    }

    void text(String contentType, String text) throws IOException {
        send(contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Streams {@code length} bytes of {@code in} as the body, whose Content-Length the caller set. */
    void stream(InputStream in, long length) throws IOException {
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            byte[] buffer = new byte[(int) Math.min(256 * 1024, Math.max(length, 1))];
            long left = length;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException("blob ended " + left + " bytes early");
                }
                out.write(buffer, 0, n);
                bytesOut += n;
                left -= n;
            }
        }
    }

    long bytesIn() {
        return bytesIn;
    }

    long bytesOut() {
        return bytesOut;
    }

    boolean committed() {
        return response.isCommitted();
    }

    String userAgent() {
        String agent = request.getHeaders().get("User-Agent");
        return agent == null ? "-" : agent;
    }
}
