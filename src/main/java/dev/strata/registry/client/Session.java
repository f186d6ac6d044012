package dev.strata.registry.client;

import dev.strata.io.Waits;
import dev.strata.registry.client.auth.Challenge;
import dev.strata.registry.client.auth.Credentials;
import dev.strata.registry.client.auth.Scope;
import dev.strata.registry.client.auth.TokenCache;
import dev.strata.registry.client.config.Hosts;
import dev.strata.registry.client.transport.Body;
import dev.strata.registry.client.transport.Request;
import dev.strata.registry.client.transport.Response;
import dev.strata.registry.client.transport.Transport;
import dev.strata.registry.client.transport.TransportException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The conversation with one registry endpoint (a registry, or one of its mirrors): which base URL
 * answers (HTTPS first; plain HTTP after it for loopback and insecure registries, as Docker tries them),
 * how it authenticates (learnt from the {@code /v2/} ping or a 401's challenge), its tokens, and
 * sending a request with authentication and retries. Thread-safe: parallel transfers share it.
 */
final class Session {
    /** A request to send: relative to the endpoint's base, with the accesses its token must grant. */
    record Call(String method, String path, Map<String, String> headers, Body body, Collection<Scope> scopes,
                boolean replayable) {
        static Call get(String path, Collection<Scope> scopes) {
            return new Call("GET", path, Map.of(), null, scopes, true);
        }

        Call withHeader(String name, String value) {
            Map<String, String> copy = new java.util.LinkedHashMap<>(headers);
            copy.put(name, value);
            return new Call(method, path, copy, body, scopes, replayable);
        }
    }

    private final String registry;
    private final String credentialsKey;
    private final List<URI> candidates;
    private final ClientOptions options;
    private final Transport transport;
    private final TokenCache tokens;

    private volatile URI base;
    private volatile Challenge challenge;
    private Credentials credentials;
    private boolean credentialsLoaded;

    /**
     * @param registry the registry's name as references spell it, for messages ({@code docker.io}, {@code host:5000})
     * @param credentialsKey whose credentials to send ({@code registry}, or a mirror's own host)
     * @param candidates the base URLs to try, in order
     */
    Session(String registry, String credentialsKey, List<URI> candidates, ClientOptions options, Transport transport) {
        this.registry = registry;
        this.credentialsKey = credentialsKey;
        this.candidates = List.copyOf(candidates);
        this.options = options;
        this.transport = transport;
        this.tokens = new TokenCache(options.clock());
    }

    /**
     * The base URLs a registry is tried at: HTTPS; then, as Docker does, plain HTTP for a registry
     * configured insecure and, without configuration, for loopback ones.
     */
    static List<URI> candidatesFor(String hostAndPort, ClientOptions options) {
        List<URI> out = new ArrayList<>();
        out.add(URI.create("https://" + hostAndPort));
        if (Hosts.isLoopback(hostAndPort) || options.config().isInsecure(hostAndPort)) {
            out.add(URI.create("http://" + hostAndPort));
        }
        return out;
    }

    String registry() {
        return registry;
    }

    /** The base URL that answers, pinging the candidates the first time. */
    URI base() throws IOException {
        URI known = base;
        if (known == null) {
            ping();
            known = base;
        }
        return known;
    }

    /**
     * {@code GET /v2/} at each candidate until one answers: 200, or 401 with the challenge that says how
     * to authenticate. The error of the last candidate tried is the one reported, as Docker's is, unless
     * HTTPS failed for a reason plain HTTP cannot cure (an untrusted certificate).
     */
    synchronized void ping() throws IOException {
        if (base != null) {
            return;
        }
        RegistryException last = null;
        for (int i = 0; i < candidates.size(); i++) {
            URI candidate = candidates.get(i);
            Request request = Request.get(candidate.resolve("/v2/"));
            Response response;
            try {
                response = sendRetrying(request, true);
            } catch (RegistryException e) {
                last = e;
                boolean canFallBack = i + 1 < candidates.size() && e.kind() != RegistryException.Kind.TLS;
                if (canFallBack) {
                    continue;
                }
                throw withAdvice(e);
            }
            try (response) {
                if (response.status() == 401) {
                    challenge = pick(Challenge.parseAll(response.headers("WWW-Authenticate")));
                } else if (response.status() == 404) {
                    throw new RegistryException(RegistryException.Kind.PROTOCOL, request.describe()
                            + ": not a registry: it does not serve the registry API v2 at /v2/", 404, List.of(), null);
                } else if (!response.ok()) {
                    throw Failures.status(request, response);
                }
                base = candidate;
                return;
            }
        }
        throw last;
    }

    /** A registry that serves plain HTTP where HTTPS was expected: say how to allow it. */
    private RegistryException withAdvice(RegistryException e) {
        if (e.getCause() instanceof TransportException t && t.kind() == TransportException.Kind.TLS_NOT_SPOKEN) {
            return new RegistryException(e.kind(), e.getMessage() + " (if the registry " + registry
                    + " serves plain HTTP, list it under \"insecure-registries\" in " + options.configFile() + ")",
                    e.status(), e.codes(), e.getCause());
        }
        return e;
    }

    /** The challenge to answer: bearer before basic, as Docker prefers it. */
    private static Challenge pick(List<Challenge> challenges) {
        Challenge basic = null;
        for (Challenge c : challenges) {
            if (c.isBearer()) {
                return c;
            }
            if (c.isBasic() && basic == null) {
                basic = c;
            }
        }
        return basic;
    }

    /**
     * Sends {@code call} with authentication: the credentials or a token covering its scopes, fetched
     * and cached as needed; after a 401 the challenge is read again (it may name more scopes) and the
     * request sent once more with a fresh token. Timeouts, broken connections, 429 and 5xx are retried
     * by {@link RetryPolicy} when the call can be sent again. Any other status is returned.
     */
    Response send(Call call) throws IOException {
        URI root = base();
        Set<Scope> scopes = new LinkedHashSet<>(call.scopes());
        boolean challengedAgain = false;
        while (true) {
            Request request = new Request(call.method(), resolve(root, call.path()), Map.of(), call.body());
            for (var header : call.headers().entrySet()) {
                request = request.header(header.getKey(), header.getValue());
            }
            String authorization = authorization(scopes);
            if (authorization != null) {
                request = request.header("Authorization", authorization);
            }
            Response response = sendRetrying(request, call.replayable());
            if (response.status() != 401) {
                return response;
            }
            byte[] body = response.readSome(Failures.ERROR_BODY_LIMIT);
            Challenge fresh = pick(Challenge.parseAll(response.headers("WWW-Authenticate")));
            if (authorization != null && authorization.startsWith("Bearer ")) {
                tokens.invalidate(authorization.substring("Bearer ".length()));
            }
            boolean worthAnotherTry = !challengedAgain && fresh != null
                    && (fresh.isBearer() || authorization == null && credentials().hasPassword());
            if (!worthAnotherTry) {
                throw unauthorized(request, body, authorization != null);
            }
            challengedAgain = true;
            challenge = fresh;
            scopes.addAll(Scope.parseList(fresh.parameter("scope")));
            scopes = new LinkedHashSet<>(Scope.merge(scopes));
        }
    }

    private static URI resolve(URI root, String path) {
        return path.startsWith("http://") || path.startsWith("https://") ? URI.create(path) : root.resolve(path);
    }

    /** A 401 in Docker's words, with what the user can do about it. */
    private RegistryException unauthorized(Request request, byte[] body, boolean sentCredentials) throws IOException {
        Failures.Refusal plain = Failures.refusal(request, 401, body);
        Credentials known = credentials();
        String advice;
        if (known.hasPassword() || known.hasIdentityToken()) {
            advice = "the credentials stored for " + registry + " were refused or may not do this; run \"strata login "
                    + registry + "\" with an account that may";
        } else {
            advice = "no credentials are stored for " + registry + "; run \"strata login " + registry + "\" first";
        }
        String message = plain.exception().getMessage();
        if (!sentCredentials && challenge != null && challenge.isBasic()) {
            message = request.describe() + ": no basic auth credentials";
        }
        return new RegistryException(RegistryException.Kind.UNAUTHORIZED, message + " (" + advice + ")", 401,
                plain.codes(), null);
    }

    /** The Authorization header for a request needing {@code scopes}, or null when none is due. */
    private String authorization(Collection<Scope> scopes) throws IOException {
        Challenge current = challenge;
        if (current == null) {
            return null;
        }
        Credentials known = credentials();
        if (current.isBasic()) {
            return known.hasPassword() ? known.basicHeader() : null;
        }
        if (!current.isBearer()) {
            return null;
        }
        String token = tokens.find(scopes);
        if (token == null) {
            token = fetchToken(current, scopes, known);
        }
        return "Bearer " + token;
    }

    private synchronized String fetchToken(Challenge current, Collection<Scope> scopes, Credentials known) throws IOException {
        // another thread may have fetched one while this one waited
        String cached = tokens.find(scopes);
        if (cached != null) {
            return cached;
        }
        TokenExchange.Granted granted = withRetries(() -> TokenExchange.fetch(transport, current, scopes, known, false));
        tokens.put(granted.token(), scopes, granted.expiresIn());
        return granted.token();
    }

    /**
     * Logs in: proves {@code login} to the registry (basic auth on {@code /v2/}, or a token fetched with
     * them, asking for a refresh token) and returns the refresh token the token server handed out, if any.
     */
    Optional<String> login(Credentials login) throws IOException {
        URI root = base();
        Challenge current = challenge;
        Request ping = Request.get(root.resolve("/v2/"));
        if (current != null && current.isBearer()) {
            TokenExchange.Granted granted = withRetries(() -> TokenExchange.fetch(transport, current, List.of(), login, true));
            ping = ping.header("Authorization", "Bearer " + granted.token());
            try (Response response = sendRetrying(ping, true)) {
                if (!response.ok()) {
                    throw Failures.status(ping, response);
                }
            }
            return Optional.ofNullable(granted.refreshToken()).filter(s -> !s.isEmpty());
        }
        if (current != null && current.isBasic()) {
            ping = ping.header("Authorization", login.basicHeader());
        }
        try (Response response = sendRetrying(ping, true)) {
            if (response.status() == 401) {
                // the docker engine's words for a refused login
                throw new RegistryException(RegistryException.Kind.UNAUTHORIZED, "login attempt to " + ping.uri()
                        + " failed with status: 401 Unauthorized", 401, List.of(), null);
            }
            if (!response.ok()) {
                throw Failures.status(ping, response);
            }
        }
        return Optional.empty();
    }

    private synchronized Credentials credentials() throws IOException {
        if (!credentialsLoaded) {
            credentials = options.credentials().credentialsFor(credentialsKey).orElse(new Credentials("", "", ""));
            credentialsLoaded = true;
        }
        return credentials;
    }

    /**
     * One request with retries: on a retryable transport failure (when the request can be sent again),
     * and on 429 or 5xx, waiting as {@link RetryPolicy} says. The last refusal becomes the error.
     */
    Response sendRetrying(Request request, boolean replayable) throws IOException {
        int attempt = 1;
        while (true) {
            Response response;
            try {
                response = transport.send(request);
            } catch (TransportException e) {
                Optional<Duration> wait = e.kind().retryable() && replayable
                        ? options.retry().delayBefore(attempt + 1, null, options.clock().instant()) : Optional.empty();
                if (wait.isEmpty()) {
                    throw Failures.transport(e);
                }
                sleep(wait.get());
                attempt++;
                continue;
            }
            if (!RetryPolicy.retryableStatus(response.status()) || !replayable) {
                return response;
            }
            Optional<Duration> wait = options.retry().delayBefore(attempt + 1, response.header("Retry-After").orElse(null),
                    options.clock().instant());
            if (wait.isEmpty()) {
                RegistryException e = Failures.status(request, response);
                String after = attempt == 1 ? "" : " (refused " + attempt + " times; giving up)";
                throw new RegistryException(e.kind(), e.getMessage() + after, e.status(), e.codes(), null);
            }
            response.close();
            sleep(wait.get());
            attempt++;
        }
    }

    interface Attempt<T> {
        T run() throws IOException;
    }

    /** {@code attempt} tried again when it fails for a reason worth retrying (a token server's 5xx, a timeout). */
    <T> T withRetries(Attempt<T> attempt) throws IOException {
        for (int n = 1; ; n++) {
            try {
                return attempt.run();
            } catch (RegistryException e) {
                boolean retryable = e.kind() == RegistryException.Kind.SERVER || e.kind() == RegistryException.Kind.TIMEOUT
                        || e.kind() == RegistryException.Kind.TOO_MANY_REQUESTS;
                Optional<Duration> wait = retryable ? options.retry().delayBefore(n + 1, null, options.clock().instant())
                        : Optional.empty();
                if (wait.isEmpty()) {
                    throw e;
                }
                sleep(wait.get());
            }
        }
    }

    static void sleep(Duration duration) throws InterruptedIOException {
        Waits.run(() -> Thread.sleep(duration), "interrupted while waiting to retry");
    }
}
