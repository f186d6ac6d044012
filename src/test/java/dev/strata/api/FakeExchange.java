package dev.strata.api;

import dev.strata.api.http.Exchange;
import dev.strata.api.http.Hijacked;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An {@link Exchange} in memory, for tests of the router without a server: records what was answered. */
final class FakeExchange implements Exchange {
    private final String method;
    private final String path;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private int status;
    private boolean committed;

    FakeExchange(String method, String path) {
        this.method = method;
        this.path = path;
    }

    int status() {
        return status;
    }

    String answered() {
        return body.toString(StandardCharsets.UTF_8);
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String query(String name) {
        return null;
    }

    @Override
    public List<String> queries(String name) {
        return List.of();
    }

    @Override
    public String header(String name) {
        return null;
    }

    @Override
    public InputStream body() {
        return new ByteArrayInputStream(new byte[0]);
    }

    @Override
    public void setHeader(String name, String value) {
        headers.put(name, value);
    }

    @Override
    public synchronized void respond(int status, String contentType, byte[] bytes) {
        this.status = status;
        committed = true;
        body.writeBytes(bytes);
    }

    @Override
    public synchronized OutputStream stream(int status, String contentType) {
        this.status = status;
        committed = true;
        return body;
    }

    @Override
    public Hijacked hijack(String contentType) {
        throw new UnsupportedOperationException("no connection to take over in memory");
    }

    @Override
    public synchronized boolean committed() {
        return committed;
    }

    @Override
    public void onDisconnect(Runnable action) {
        // an exchange in memory never loses its client
    }
}
