package dev.strata.registry.client.transport;

import dev.strata.registry.client.tls.CertsDirectories;
import dev.strata.registry.client.tls.TlsMaterial;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * HTTP/1.1 to registries over the JDK's HttpClient: one client per registry host, with that host's
 * TLS (system CAs plus its {@code certs.d}, or no verification for a registry configured insecure);
 * redirects followed here rather than by the client, so that the {@code Authorization} header is
 * dropped when a redirect leaves the registry's host (blob storage must never see a registry token);
 * bodies streamed with a read timeout; failures without an HTTP answer turned into
 * {@link TransportException}s worded as Docker words them. No retries: callers decide those.
 *
 * <p>HTTP/1.1 is forced: the JDK otherwise offers {@code Upgrade: h2c} on every plain-HTTP request,
 * which registries and proxies answer badly.
 */
public final class Transport implements AutoCloseable {
    private static final int MAX_REDIRECTS = 10;

    static {
        // the JDK reads bodies in 16 KiB buffers by default; 64 KiB ones take a blob download through the
        // client's queue at 620 MB/s instead of 440 (bench/registry-blob-memory). Read once, when the
        // first client is made, so it is set here unless the user chose a size.
        if (System.getProperty("jdk.httpclient.bufsize") == null) {
            System.setProperty("jdk.httpclient.bufsize", Integer.toString(64 * 1024));
        }
    }

    /**
     * @param connectTimeout to open a connection
     * @param responseTimeout from sending a request to its response's headers
     * @param readTimeout the longest wait for the next bytes of a body
     * @param userAgent the {@code User-Agent} header
     */
    public record Settings(Duration connectTimeout, Duration responseTimeout, Duration readTimeout, String userAgent) {
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(60), "strata/0.1.0");
        }
    }

    private final CertsDirectories certs;
    private final Predicate<String> insecure;
    private final Settings settings;
    private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();

    /**
     * @param certs where per-registry certificates are
     * @param insecure which {@code host[:port]} are reached without verifying their certificate
     */
    public Transport(CertsDirectories certs, Predicate<String> insecure, Settings settings) {
        this.certs = certs;
        this.insecure = insecure;
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    public CertsDirectories certs() {
        return certs;
    }

    /** Sends {@code request}, following redirects of GET and HEAD; the caller closes the response. */
    public Response send(Request request) throws IOException {
        Request current = request;
        for (int hop = 0; ; hop++) {
            Response response = once(current);
            int status = response.status();
            boolean redirect = status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
            if (!redirect || !(current.method().equals("GET") || current.method().equals("HEAD"))) {
                return response;
            }
            String location = response.header("Location").orElse(null);
            response.close();
            if (location == null) {
                return response;
            }
            if (hop >= MAX_REDIRECTS) {
                throw new IOException(request.describe() + ": stopped after " + MAX_REDIRECTS + " redirects");
            }
            URI next = current.uri().resolve(location);
            Request redirected = current.withUri(next);
            if (!sameOrigin(current.uri(), next)) {
                redirected = redirected.withoutHeader("Authorization");
            }
            current = redirected;
        }
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && String.valueOf(a.getRawAuthority())
                .equalsIgnoreCase(String.valueOf(b.getRawAuthority()));
    }

    private Response once(Request request) throws IOException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).timeout(settings.responseTimeout())
                .header("User-Agent", settings.userAgent());
        request.headers().forEach((name, values) -> values.forEach(v -> builder.header(name, v)));
        Body body = request.body();
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : body instanceof Body.Bytes bytes ? HttpRequest.BodyPublishers.ofByteArray(bytes.bytes())
                // with the length given, the JDK sends Content-Length instead of chunks
                : HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> open(body)),
                        body.length());
        builder.method(request.method(), publisher);
        HttpClient client = clientFor(request.uri());
        try {
            HttpResponse<InputStream> response = client.send(builder.build(),
                    info -> new StreamingBody(settings.readTimeout()));
            return new Response(request, response.statusCode(), response.headers(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException(request.describe() + ": interrupted");
        } catch (IOException e) {
            throw failure(request, e);
        }
    }

    private static InputStream open(Body body) {
        try {
            return body.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpClient clientFor(URI uri) throws IOException {
        String authority = uri.getRawAuthority();
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        String key = (https ? "https://" : "http://") + authority;
        HttpClient client = clients.get(key);
        if (client != null) {
            return client;
        }
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(settings.connectTimeout());
        if (https) {
            TlsMaterial material = certs.materialFor(authority);
            builder.sslContext(material.sslContext(!insecure.test(authority)));
        }
        HttpClient made = builder.build();
        HttpClient raced = clients.putIfAbsent(key, made);
        if (raced != null) {
            made.close();
            return raced;
        }
        return made;
    }

    /** A failure with no HTTP answer, in Go's words, with what to do where there is something to do. */
    TransportException failure(Request request, IOException e) {
        String what = request.describe() + ": ";
        URI uri = request.uri();
        String host = uri.getHost();
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        String dial = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        String message = String.valueOf(e.getMessage());
        if (e instanceof HttpConnectTimeoutException) {
            return new TransportException(TransportException.Kind.TIMEOUT, what + "dial tcp " + dial + ": i/o timeout", e);
        }
        if (e instanceof HttpTimeoutException) {
            return new TransportException(TransportException.Kind.TIMEOUT, what + "net/http: timeout awaiting response headers", e);
        }
        if (e instanceof SocketTimeoutException) {
            return new TransportException(TransportException.Kind.TIMEOUT, what + message, e);
        }
        if (hasCause(e, UnresolvedAddressException.class) || e instanceof UnknownHostException) {
            return new TransportException(TransportException.Kind.UNKNOWN_HOST, what + "dial tcp: lookup " + host + ": no such host", e);
        }
        if (e instanceof ConnectException) {
            return new TransportException(TransportException.Kind.REFUSED, what + "dial tcp " + dial + ": connect: connection refused", e);
        }
        SSLException ssl = cause(e, SSLException.class);
        if (ssl != null) {
            String sslMessage = String.valueOf(ssl.getMessage());
            String authority = uri.getRawAuthority();
            if (sslMessage.contains("Unsupported or unrecognized SSL message") || sslMessage.contains("plaintext connection")) {
                return new TransportException(TransportException.Kind.TLS_NOT_SPOKEN,
                        what + "http: server gave HTTP response to HTTPS client", e);
            }
            if (sslMessage.contains("bad_certificate") || sslMessage.contains("certificate_required")
                    || sslMessage.contains("unknown_ca") && !hasCause(e, CertificateException.class)) {
                return new TransportException(TransportException.Kind.TLS_CLIENT_CERTIFICATE,
                        what + "remote error: tls: " + (sslMessage.contains("certificate_required") ? "certificate required" : "bad certificate")
                                + " (the registry wants a client certificate it trusts: put it in "
                                + certsPaths(authority, "client.cert") + ", with its key beside it as client.key)", e);
            }
            if (ssl instanceof SSLHandshakeException && (hasCause(e, CertificateException.class)
                    || sslMessage.contains("PKIX") || sslMessage.contains("subject alternative") || sslMessage.contains("certificate"))) {
                String reason = sslMessage.contains("subject alternative") || sslMessage.contains("No name matching")
                        ? "x509: certificate is not valid for " + host
                        : "x509: certificate signed by unknown authority";
                return new TransportException(TransportException.Kind.TLS_UNTRUSTED, what + "tls: failed to verify certificate: "
                        + reason + " (if the registry's certificate is signed by your own CA, put that CA's certificate in "
                        + certsPaths(authority, "ca.crt") + ")", e);
            }
            if (ssl instanceof SSLHandshakeException && sslMessage.contains("terminated the handshake")) {
                return new TransportException(TransportException.Kind.TLS_NOT_SPOKEN, what + "tls: handshake failure: " + sslMessage, e);
            }
            return new TransportException(TransportException.Kind.BROKEN, what + "tls: " + sslMessage, e);
        }
        if (e instanceof EOFException || message.contains("reset") || message.contains("closed") || message.contains("EOF")
                || message.contains("no bytes")) {
            return new TransportException(TransportException.Kind.BROKEN, what + (message.contains("reset")
                    ? "read: connection reset by peer" : "EOF"), e);
        }
        return new TransportException(TransportException.Kind.BROKEN, what + message, e);
    }

    private String certsPaths(String authority, String file) {
        List<Path> dirs = certs.directoriesFor(authority);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < dirs.size(); i++) {
            out.append(i == 0 ? "" : i == dirs.size() - 1 ? " or " : ", ").append(dirs.get(i).resolve(file));
        }
        return out.toString();
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        return cause(e, type) != null;
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** What a body stream throws mid-way, in the same words as a failed request. */
    public TransportException bodyFailure(Request request, IOException e) {
        return failure(request, e);
    }

    @Override
    public void close() {
        clients.values().forEach(HttpClient::close);
        clients.clear();
    }
}
