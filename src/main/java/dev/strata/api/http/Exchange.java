package dev.strata.api.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * One HTTP request and its response, as an endpoint sees them: no server's types leak through, so the
 * endpoints stay the same whatever serves them. A response is given once, in one of three ways: whole
 * ({@link #respond}), streamed ({@link #stream}: each flush goes out at once, for progress, logs and
 * events), or by taking the connection over ({@link #hijack}: Docker's {@code Upgrade: tcp}, raw bytes
 * both ways, for attach and exec).
 */
public interface Exchange {
    String method();

    /** The decoded path, with the API version prefix ({@code /v1.47}) still on it. */
    String path();

    /** The first value of query parameter {@code name}, or null. */
    String query(String name);

    /** Every value of query parameter {@code name}, in order. */
    List<String> queries(String name);

    /** A request header, or null. */
    String header(String name);

    /** The request body as it arrives; never buffered whole. */
    InputStream body() throws IOException;

    /** Sets a response header; only before the response is committed. */
    void setHeader(String name, String value);

    /** The whole response at once. */
    void respond(int status, String contentType, byte[] body) throws IOException;

    /** Commits the status and headers and returns the body's stream; closing it ends the response. */
    OutputStream stream(int status, String contentType) throws IOException;

    /**
     * Takes the connection over: {@code 101 UPGRADED} when the client asked for {@code Upgrade: tcp}
     * (then raw bytes flow both ways), else {@code 200} and a streamed body, whose input side is empty.
     */
    Hijacked hijack(String contentType) throws IOException;

    /** True once the status line has gone out: an error can then no longer be answered with a status. */
    boolean committed();

    /**
     * Runs {@code action} if the client goes away before the response is over (a closed connection seen
     * while the endpoint waits), so that a wait or a follow can stop; at most once.
     */
    void onDisconnect(Runnable action);
}
