package dev.strata.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * HTTP/1.1 spoken byte by byte over the daemon's unix socket, for tests that must send what no client
 * library would (malformed requests) and see exactly what comes back. Each request closes its connection.
 */
final class RawHttp {
    record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private RawHttp() {
    }

    /** A request with a body (null for none); {@code Content-Length} and {@code Connection: close} are added. */
    static Response request(Path socket, String method, String path, String body) throws Exception {
        return parse(exchange(socket, bytes(method, path, body, Map.of()), 20));
    }

    /** The same with extra request headers. */
    static Response request(Path socket, String method, String path, String body, Map<String, String> headers)
            throws Exception {
        return parse(exchange(socket, bytes(method, path, body, headers), 20));
    }

    /** The status of a GET, or -1 when the daemon does not answer it: for tests that wait on a state. */
    static int requestQuietly(Path socket, String path) {
        try {
            return request(socket, "GET", path, null).status();
        } catch (Exception | AssertionError e) {
            return -1;
        }
    }

    /** The bytes of a well-formed request that closes its connection. */
    static byte[] bytes(String method, String path, String body, Map<String, String> headers) {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n");
        if (body != null) {
            head.append("Content-Type: application/json\r\n");
        }
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("Content-Length: ").append(content.length).append("\r\n\r\n");
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        raw.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        raw.writeBytes(content);
        return raw.toByteArray();
    }

    /** Sends {@code request} as is and returns every byte the daemon answered until it closed (or the timeout). */
    static byte[] exchange(Path socket, byte[] request, int timeoutSeconds) throws Exception {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            CompletableFuture<byte[]> answer = CompletableFuture.supplyAsync(() -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try {
                    channel.write(ByteBuffer.wrap(request));
                    channel.shutdownOutput();
                    ByteBuffer buffer = ByteBuffer.allocate(8192);
                    while (channel.read(buffer) >= 0) {
                        out.write(buffer.array(), 0, buffer.position());
                        buffer.clear();
                    }
                } catch (IOException closed) {
                    // what came is the answer
                }
                return out.toByteArray();
            });
            try {
                return answer.get(timeoutSeconds, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError("no answer within " + timeoutSeconds + " s to: "
                        + new String(request, 0, Math.min(request.length, 300), StandardCharsets.UTF_8));
            } catch (ExecutionException e) {
                throw new IOException(e.getCause());
            }
        }
    }

    static Response parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || end < 0) {
            throw new AssertionError("not an HTTP response: " + text.substring(0, Math.min(200, text.length())));
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].substring(9, 12));
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
            int lineEnd = indexOf(body, at);
            if (lineEnd < 0) {
                break;
            }
            String sizeText = new String(body, at, lineEnd - at, StandardCharsets.ISO_8859_1).strip();
            int semicolon = sizeText.indexOf(';');
            int size = Integer.parseInt(semicolon < 0 ? sizeText : sizeText.substring(0, semicolon), 16);
            if (size == 0) {
                break;
            }
            out.write(body, lineEnd + 2, Math.min(size, body.length - lineEnd - 2));
            at = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
