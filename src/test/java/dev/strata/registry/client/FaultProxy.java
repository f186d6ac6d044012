package dev.strata.registry.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An HTTP/1.1 proxy between a client and the registry under test that breaks what a test tells it to:
 * answer a request itself (a 503, a 429 with Retry-After, a 403), flip a byte of a response body, cut
 * the connection after so many body bytes, or stop sending. Each connection carries one exchange
 * ({@code Connection: close}), so every request is seen. It counts the body bytes it delivered, per
 * request, which is how a test proves that a resumed download fetched only what was missing.
 */
final class FaultProxy implements AutoCloseable {
    /** What to do with one request. */
    sealed interface Action {
    }

    record Pass() implements Action {
    }

    record Respond(int status, Map<String, String> headers, String body) implements Action {
    }

    record FlipByte(long at) implements Action {
    }

    record CutAfter(long bytes) implements Action {
    }

    record StallAfter(long bytes) implements Action {
    }

    /** A request as the proxy saw it, and the response body bytes it passed on. */
    record Exchange(String method, String path, Map<String, String> headers, int status, long bodyBytes) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** Chooses an action from the request and how many requests came before it. */
    interface Rule {
        Action decide(String method, String path, Map<String, String> headers, int index);
    }

    private final String upstreamHost;
    private final int upstreamPort;
    private final ServerSocket server;
    private final AtomicInteger count = new AtomicInteger();
    private volatile Rule rule = (m, p, h, i) -> new Pass();
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
    /** Exchanges read but not yet recorded: a client may have its whole answer before the proxy notes it. */
    private final AtomicInteger inFlight = new AtomicInteger();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    FaultProxy(String upstream) throws IOException {
        int colon = upstream.lastIndexOf(':');
        upstreamHost = upstream.substring(0, colon);
        upstreamPort = Integer.parseInt(upstream.substring(colon + 1));
        server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread.ofVirtual().start(this::accept);
    }

    String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    /** Sets the rule for the next requests, and forgets every exchange so far (those under way first). */
    void rule(Rule next) {
        awaitRecorded();
        rule = next;
        count.set(0);
        exchanges.clear();
    }

    /** Every exchange so far, once those under way are recorded. */
    List<Exchange> exchanges() {
        awaitRecorded();
        return List.copyOf(exchanges);
    }

    /** Waits (5 s at the most) until no exchange is under way: one a client has its answer to may not be noted yet. */
    private void awaitRecorded() {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    /** The exchanges whose path holds {@code part}. */
    List<Exchange> exchanges(String part) {
        return exchanges().stream().filter(e -> e.path().contains(part)).toList();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                open.add(client);
                Thread.ofVirtual().start(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        boolean counted = false;
        try (client) {
            InputStream in = new java.io.PushbackInputStream(client.getInputStream(), 1);
            int first = in.read();
            if (first == 0x16) {
                // a TLS ClientHello: answer as Go's HTTP server answers one, so the client falls back to HTTP
                client.getOutputStream().write("HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                return;
            }
            if (first < 0) {
                return;
            }
            ((java.io.PushbackInputStream) in).unread(first);
            String head = readHead(in);
            if (head == null) {
                return;
            }
            String[] lines = head.split("\r\n");
            String[] requestLine = lines[0].split(" ");
            Map<String, String> headers = headers(lines);
            inFlight.incrementAndGet();
            counted = true;
            long length = Long.parseLong(headers.getOrDefault("content-length", "0"));
            byte[] body = in.readNBytes((int) length);
            Action action = rule.decide(requestLine[0], requestLine[1], headers, count.getAndIncrement());
            OutputStream out = client.getOutputStream();
            if (action instanceof Respond respond) {
                byte[] bytes = respond.body().getBytes(StandardCharsets.UTF_8);
                StringBuilder response = new StringBuilder("HTTP/1.1 " + respond.status() + " Fault\r\n");
                respond.headers().forEach((k, v) -> response.append(k).append(": ").append(v).append("\r\n"));
                response.append("Content-Length: ").append(bytes.length).append("\r\nConnection: close\r\n\r\n");
                out.write(response.toString().getBytes(StandardCharsets.ISO_8859_1));
                out.write(bytes);
                out.flush();
                exchanges.add(new Exchange(requestLine[0], requestLine[1], headers, respond.status(), bytes.length));
                return;
            }
            try (Socket upstream = new Socket(upstreamHost, upstreamPort)) {
                StringBuilder forwarded = new StringBuilder(lines[0]).append("\r\n");
                for (int i = 1; i < lines.length; i++) {
                    String lower = lines[i].toLowerCase(Locale.ROOT);
                    if (!lower.startsWith("connection:")) {
                        forwarded.append(lines[i]).append("\r\n");
                    }
                }
                forwarded.append("Connection: close\r\n\r\n");
                OutputStream up = upstream.getOutputStream();
                up.write(forwarded.toString().getBytes(StandardCharsets.ISO_8859_1));
                up.write(body);
                up.flush();
                InputStream down = upstream.getInputStream();
                String responseHead = readHead(down);
                if (responseHead == null) {
                    return;
                }
                String[] responseLines = responseHead.split("\r\n");
                int status = Integer.parseInt(responseLines[0].split(" ")[1]);
                StringBuilder back = new StringBuilder(responseLines[0]).append("\r\n");
                for (int i = 1; i < responseLines.length; i++) {
                    if (!responseLines[i].toLowerCase(Locale.ROOT).startsWith("connection:")) {
                        back.append(responseLines[i]).append("\r\n");
                    }
                }
                back.append("Connection: close\r\n\r\n");
                out.write(back.toString().getBytes(StandardCharsets.ISO_8859_1));
                long sent = 0;
                byte[] buffer = new byte[16384];
                int n;
                boolean headRequest = requestLine[0].equals("HEAD");
                while (!headRequest && (n = down.read(buffer)) >= 0) {
                    if (action instanceof FlipByte flip && flip.at() >= sent && flip.at() < sent + n) {
                        buffer[(int) (flip.at() - sent)] ^= 0x01;
                    }
                    long stopAt = action instanceof CutAfter cut ? cut.bytes()
                            : action instanceof StallAfter stall ? stall.bytes() : Long.MAX_VALUE;
                    if (sent + n >= stopAt) {
                        out.write(buffer, 0, (int) (stopAt - sent));
                        out.flush();
                        exchanges.add(new Exchange(requestLine[0], requestLine[1], headers, status, stopAt));
                        if (action instanceof CutAfter) {
                            client.setSoLinger(true, 0); // a reset, as a broken network gives
                            return;
                        }
                        // recorded: a test need not wait for the stall to end
                        inFlight.decrementAndGet();
                        counted = false;
                        try {
                            Thread.sleep(60_000);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return;
                    }
                    out.write(buffer, 0, n);
                    sent += n;
                }
                out.flush();
                exchanges.add(new Exchange(requestLine[0], requestLine[1], headers, status, sent));
            }
        } catch (IOException e) {
            // the client went away
        } finally {
            open.remove(client);
            if (counted) {
                inFlight.decrementAndGet();
            }
        }
    }

    private static Map<String, String> headers(String[] lines) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                out.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
            }
        }
        return out;
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            matched = b == '\r' && (matched == 0 || matched == 2) ? matched + 1 : b == '\n' && (matched == 1 || matched == 3) ? matched + 1 : 0;
            if (matched == 4) {
                String text = head.toString(StandardCharsets.ISO_8859_1);
                return text.substring(0, text.length() - 4);
            }
        }
        return null;
    }

    /** Answers {@code status} to the first {@code times} requests whose path holds {@code part}, then passes. */
    static Rule failFirst(String part, int times, int status, Map<String, String> headers, String body) {
        AtomicInteger failed = new AtomicInteger();
        return (method, path, h, index) -> path.contains(part) && failed.getAndIncrement() < times
                ? new Respond(status, headers, body) : new Pass();
    }

    static Rule onPath(String part, Function<Integer, Action> action) {
        AtomicInteger seen = new AtomicInteger();
        return (method, path, h, index) -> path.contains(part) && method.equals("GET")
                ? action.apply(seen.getAndIncrement()) : new Pass();
    }

    List<Long> bodyBytes(String part) {
        List<Long> out = new ArrayList<>();
        exchanges(part).forEach(e -> out.add(e.bodyBytes()));
        return out;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
