package dev.strata.registry.client;

import dev.strata.json.Json;
import dev.strata.json.JsonObject;
import dev.strata.reference.Reference;
import dev.strata.registry.client.auth.Credentials;
import dev.strata.registry.client.auth.Scope;
import dev.strata.registry.client.config.RegistryConfig;
import dev.strata.registry.client.transport.Response;
import dev.strata.registry.client.transport.Transport;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A client of container registries (the OCI distribution spec and Docker's registry API v2): open a
 * {@link RemoteRepository} for what a pull or push does, or use the registry-wide calls here (ping,
 * login, catalog, search). One client per command; it keeps, per registry, which URL answers, how it
 * authenticates and the tokens it gave, so parallel transfers share them. {@code docker.io} is
 * {@code registry-1.docker.io}, as in Docker; a registry's mirrors are tried first for reads.
 */
public final class RegistryClient implements AutoCloseable {
    static final String DOCKER_HUB_REGISTRY = "registry-1.docker.io";
    static final String DOCKER_HUB_INDEX = "index.docker.io";

    private final ClientOptions options;
    private final Transport transport;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Set<URI> failedMirrors = ConcurrentHashMap.newKeySet();

    public RegistryClient(ClientOptions options) {
        this.options = options;
        this.transport = new Transport(options.certs(), options.config()::isInsecure, options.transport());
    }

    public ClientOptions options() {
        return options;
    }

    /** The repository a reference names ({@code 127.0.0.1:5000/app:1}: registry {@code 127.0.0.1:5000}, name {@code app}). */
    public RemoteRepository repository(Reference reference) {
        String domain = reference.domain().isEmpty() ? Reference.DEFAULT_DOMAIN : reference.domain();
        return repository(domain, reference.path());
    }

    public RemoteRepository repository(String registry, String name) {
        return new RemoteRepository(this, canonical(registry), name);
    }

    private static String canonical(String registry) {
        String lower = registry.toLowerCase(Locale.ROOT);
        return lower.equals(DOCKER_HUB_INDEX) || lower.equals(DOCKER_HUB_REGISTRY) ? RegistryConfig.DOCKER_HUB : registry;
    }

    /** The host a registry's API is at: Docker Hub's is not {@code docker.io}. */
    static String apiHost(String registry) {
        return registry.equals(RegistryConfig.DOCKER_HUB) ? DOCKER_HUB_REGISTRY : registry;
    }

    /** The session with the registry itself. */
    Session source(String registry) {
        String name = canonical(registry);
        return sessions.computeIfAbsent(name, n -> new Session(n, n,
                Session.candidatesFor(apiHost(n), options), options, transport));
    }

    private Session mirror(String registry, URI mirror) {
        String key = mirror.getRawAuthority();
        return sessions.computeIfAbsent("mirror " + mirror, n -> new Session(registry, key, List.of(mirror), options, transport));
    }

    /** Something done at one endpoint. */
    interface Read<T> {
        T run(Session session) throws IOException;
    }

    /**
     * Does {@code read} at the registry's mirrors, in order, and then at the registry: the first to
     * succeed answers. A mirror that fails is reported on the warnings stream and skipped; one that could
     * not be reached at all is skipped for the rest of this client's life.
     */
    <T> T read(String registry, Read<T> read) throws IOException {
        for (URI mirror : options.config().mirrorsOf(registry)) {
            if (failedMirrors.contains(mirror)) {
                continue;
            }
            try {
                return read.run(mirror(registry, mirror));
            } catch (java.io.InterruptedIOException e) {
                throw e;
            } catch (IOException e) {
                if (!(e instanceof RegistryException r) || r.kind() == RegistryException.Kind.UNREACHABLE
                        || r.kind() == RegistryException.Kind.TLS || r.kind() == RegistryException.Kind.TIMEOUT) {
                    failedMirrors.add(mirror);
                }
                options.warnings().println("WARNING: skipping mirror " + mirror + " of " + registry + ": " + e.getMessage());
            }
        }
        return read.run(source(registry));
    }

    /** Checks that the registry answers its API ({@code GET /v2/}), learning how it authenticates. */
    public void ping(String registry) throws IOException {
        source(registry).ping();
    }

    /**
     * Proves {@code credentials} to the registry, as {@code docker login} does: basic auth on
     * {@code /v2/}, or a token fetched with them. Returns the identity token (refresh token) the token
     * server handed out, which is then kept instead of the password; empty when it gave none.
     */
    public Optional<String> login(String registry, Credentials credentials) throws IOException {
        String name = canonical(registry);
        // a session of its own: the login's credentials, not the stored ones
        Session session = new Session(name, name, Session.candidatesFor(apiHost(name), options),
                options.withCredentials(r -> Optional.of(credentials)), transport);
        return session.login(credentials);
    }

    /** The registry's repositories ({@code GET /v2/_catalog}, every page). */
    public List<String> catalog(String registry, int pageSize) throws IOException {
        Session session = source(registry);
        List<String> out = new ArrayList<>();
        String next = "/v2/_catalog?n=" + pageSize;
        while (next != null) {
            try (Response response = session.send(Session.Call.get(next, List.of(Scope.catalog())))) {
                if (!response.ok()) {
                    throw Failures.status(response);
                }
                List<String> page = Json.requireObject(response.readBody(64 << 20, "the catalog")).strings("repositories");
                if (page != null) {
                    out.addAll(page);
                }
                next = nextLink(response);
            }
        }
        return out;
    }

    /**
     * Searches a registry as Docker does: {@code GET /v1/search?q=TERM&n=LIMIT}, which Docker Hub
     * answers; a registry without that API (404, 405, or 401 where the v1 API needs credentials it cannot
     * take) is searched through its catalog, each repository whose name holds {@code term}, up to
     * {@code limit}.
     */
    public List<SearchResult> search(String registry, String term, int limit) throws IOException {
        String name = canonical(registry);
        String host = name.equals(RegistryConfig.DOCKER_HUB) ? DOCKER_HUB_INDEX : name;
        Session session = source(name);
        // the v1 API needs no /v2/ ping: each base URL is tried as the ping would try it
        List<URI> candidates = Session.candidatesFor(host, options);
        for (int i = 0; i < candidates.size(); i++) {
            var request = dev.strata.registry.client.transport.Request.get(candidates.get(i).resolve("/v1/search?q="
                    + URLEncoder.encode(term, StandardCharsets.UTF_8) + "&n=" + limit));
            Response response;
            try {
                response = session.sendRetrying(request, true);
            } catch (RegistryException e) {
                if (i + 1 < candidates.size() && e.kind() == RegistryException.Kind.UNREACHABLE) {
                    continue;
                }
                throw e;
            }
            try (response) {
                if (response.ok()) {
                    return searchResults(response.readBody(16 << 20, "the search results"));
                }
                if (response.status() != 404 && response.status() != 405 && response.status() != 401) {
                    throw Failures.status(response);
                }
            }
            break;
        }
        List<SearchResult> out = new ArrayList<>();
        String lowered = term.toLowerCase(Locale.ROOT);
        for (String repository : catalog(name, 1000)) {
            if (repository.toLowerCase(Locale.ROOT).contains(lowered)) {
                out.add(new SearchResult(repository, "", 0, false, false));
                if (out.size() >= limit) {
                    break;
                }
            }
        }
        return out;
    }

    private static List<SearchResult> searchResults(byte[] body) {
        JsonObject root = Json.requireObject(body);
        List<SearchResult> out = new ArrayList<>();
        List<SearchResult> results = root.list("results", r -> new SearchResult(r.string("name"),
                r.string("description") == null ? "" : r.string("description"), r.longValue("star_count"),
                r.bool("is_official"), r.bool("is_automated")));
        if (results != null) {
            results.stream().filter(java.util.Objects::nonNull).forEach(out::add);
        }
        return out;
    }

    /** The next page of a paginated listing: the {@code Link} header's {@code rel="next"} target, or null. */
    static String nextLink(Response response) {
        for (String link : response.headers("Link")) {
            for (String part : link.split(",")) {
                int open = part.indexOf('<');
                int close = part.indexOf('>');
                if (open >= 0 && close > open && part.substring(close).replace(" ", "").contains("rel=\"next\"")) {
                    return response.uri().resolve(part.substring(open + 1, close)).toString();
                }
            }
        }
        return null;
    }

    @Override
    public void close() {
        transport.close();
    }
}
