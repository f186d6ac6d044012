package dev.strata.registry.client;

import dev.strata.digest.Digest;
import dev.strata.registry.client.auth.Scope;
import dev.strata.registry.client.transport.Body;
import dev.strata.registry.client.transport.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * An upload session of the distribution API, begun with {@code POST /v2/NAME/blobs/uploads/}: chunks
 * sent with {@code PATCH} (each with its {@code Content-Range}), then {@code PUT ?digest=} to finish,
 * which may carry the last bytes (a monolithic upload is that PUT alone). The registry checks the
 * digest of everything sent against the one given when finishing. A chunk whose PATCH fails is resent
 * from what the registry says it has ({@code GET} of the session's {@code Range}), so its body must be
 * able to open its bytes again.
 */
public final class BlobUpload {
    private final Session session;
    private final String repository;
    private final List<Scope> scopes;
    private URI location;
    private long offset;
    private boolean done;

    BlobUpload(Session session, String repository, List<Scope> scopes, URI location) {
        this.session = session;
        this.repository = repository;
        this.scopes = scopes;
        this.location = location;
    }

    /** Bytes the registry has taken so far. */
    public long offset() {
        return offset;
    }

    /** Where the session is (the registry's {@code Location}), for a caller that wants to resume it. */
    public URI location() {
        return location;
    }

    /** Sends {@code chunk} as the next bytes of the blob. */
    public void write(Body chunk) throws IOException {
        requireOpen();
        if (chunk.length() == 0) {
            return;
        }
        long start = offset;
        for (int attempt = 1; ; attempt++) {
            long skip = offset - start;
            Body rest = skip == 0 ? chunk : skipped(chunk, skip);
            Session.Call call = new Session.Call("PATCH", location.toString(), Map.of(
                    "Content-Type", "application/octet-stream",
                    "Content-Range", offset + "-" + (offset + rest.length() - 1)), rest, scopes, false);
            try (Response response = session.send(call)) {
                if (response.status() == 202) {
                    advance(response);
                    if (offset != start + chunk.length()) {
                        throw new RegistryException(RegistryException.Kind.PROTOCOL, "the registry took the chunk of "
                                + repository + " up to byte " + offset + ", not " + (start + chunk.length()));
                    }
                    return;
                }
                if (!RetryPolicy.retryableStatus(response.status()) || attempt >= 3) {
                    throw Failures.status(response.request(), response);
                }
            } catch (RegistryException e) {
                if (e.kind() != RegistryException.Kind.TIMEOUT || attempt >= 3) {
                    throw e;
                }
            }
            // some of the chunk may have arrived: ask how much, and send the rest
            status();
            if (offset < start || offset > start + chunk.length()) {
                throw new RegistryException(RegistryException.Kind.PROTOCOL, "the upload of " + repository
                        + " is at byte " + offset + " after a failed chunk that began at " + start);
            }
            if (offset == start + chunk.length()) {
                return;
            }
        }
    }

    /** Asks the registry how far the upload is ({@code GET} of the session: 204 with {@code Range: 0-LAST}). */
    public long status() throws IOException {
        requireOpen();
        try (Response response = session.send(Session.Call.get(location.toString(), scopes))) {
            if (response.status() != 204 && response.status() != 200) {
                throw Failures.status(response.request(), response);
            }
            advance(response);
            return offset;
        }
    }

    /** Finishes the upload: the blob is {@code digest}, as the registry confirms. */
    public Digest complete(Digest digest) throws IOException {
        return complete(digest, null);
    }

    /** Finishes the upload with {@code last} as its final bytes (all of them, for a monolithic upload). */
    public Digest complete(Digest digest, Body last) throws IOException {
        requireOpen();
        String sep = location.getRawQuery() == null ? "?" : "&";
        URI put = URI.create(location + sep + "digest=" + digest);
        Body body = last == null ? Body.of(new byte[0]) : last;
        Session.Call call = new Session.Call("PUT", put.toString(), Map.of("Content-Type", "application/octet-stream"),
                body, scopes, true);
        try (Response response = session.send(call)) {
            if (response.status() != 201 && response.status() != 204) {
                throw Failures.status(response.request(), response);
            }
            done = true;
            String confirmed = response.header("Docker-Content-Digest").orElse(null);
            if (confirmed != null && Digest.isDigest(confirmed) && !Digest.parse(confirmed).equals(digest)) {
                throw new RegistryException(RegistryException.Kind.DIGEST_MISMATCH, "the registry stored the blob of "
                        + repository + " as " + confirmed + ", not " + digest);
            }
            return digest;
        }
    }

    /** Abandons the upload ({@code DELETE} of the session); what was sent is dropped by the registry. */
    public void cancel() throws IOException {
        if (done) {
            return;
        }
        done = true;
        try (Response response = session.send(new Session.Call("DELETE", location.toString(), Map.of(), null, scopes, true))) {
            // 204 or 404 (already gone): either way nothing is left to cancel
        }
    }

    private void advance(Response response) throws RegistryException {
        String next = response.header("Location").orElse(null);
        if (next != null) {
            location = response.uri().resolve(next);
        }
        String range = response.header("Range").orElse(null);
        if (range != null) {
            int dash = range.indexOf('-');
            try {
                offset = Long.parseLong(range.substring(dash + 1).strip()) + 1;
            } catch (RuntimeException e) {
                throw new RegistryException(RegistryException.Kind.PROTOCOL, "the registry's upload Range is unreadable: " + range);
            }
        }
    }

    private void requireOpen() {
        if (done) {
            throw new IllegalStateException("the upload is finished");
        }
    }

    /** {@code body} without its first {@code skip} bytes. */
    private static Body skipped(Body body, long skip) {
        return new Body() {
            @Override
            public long length() {
                return body.length() - skip;
            }

            @Override
            public InputStream open() throws IOException {
                InputStream in = body.open();
                in.skipNBytes(skip);
                return in;
            }
        };
    }
}
