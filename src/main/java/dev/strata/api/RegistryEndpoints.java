package dev.strata.api;

import dev.strata.api.stream.JsonMessages;
import dev.strata.compression.Compression;
import dev.strata.digest.Digest;
import dev.strata.error.InvalidInputException;
import dev.strata.image.Descriptor;
import dev.strata.image.ImageIndex;
import dev.strata.image.Platform;
import dev.strata.json.Json;
import dev.strata.json.JsonObject;
import dev.strata.reference.Reference;
import dev.strata.registry.client.ClientOptions;
import dev.strata.registry.client.CredentialSource;
import dev.strata.registry.client.FetchedManifest;
import dev.strata.registry.client.ImagePush;
import dev.strata.registry.client.RegistryClient;
import dev.strata.registry.client.RemoteImage;
import dev.strata.registry.client.RemoteRepository;
import dev.strata.registry.client.SearchResult;
import dev.strata.registry.client.auth.Credentials;
import dev.strata.remote.RemoteLogin;
import dev.strata.remote.RemotePull;
import dev.strata.remote.RemotePush;
import dev.strata.remote.RemoteSearch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The endpoints that reach registries, over the same {@code remote} verbs as the CLI's pull, push,
 * search and login: {@code /images/create?fromImage=} (pull, as Docker's JSON messages), {@code
 * /images/{name}/push}, {@code /images/search}, {@code /distribution/{name}/json} and {@code /auth}.
 * Credentials come with each request ({@code X-Registry-Auth}, base64url JSON), as dockerd takes them:
 * the daemon reads no credential store of its own. A failure before the first message (no such image or
 * tag, the registry refusing) is answered with a status; once messages flow, with an error message.
 */
record RegistryEndpoints(Daemon daemon) implements Router.Group {
    @Override
    public void addTo(Router router) {
        router.post("/images/{name*}/push", this::push)
                .get("/images/search", this::search)
                .get("/distribution/{name*}/json", this::distribution)
                .post("/auth", this::auth);
    }

    /** A client for one request, with the credentials it carried. */
    private RegistryClient client(Call call) throws IOException {
        Optional<Credentials> credentials = credentials(call.exchange().header("X-Registry-Auth"));
        ClientOptions options = ClientOptions.defaults(daemon.env(), daemon.log())
                .withCredentials(credentials.isEmpty() ? CredentialSource.none() : registry -> credentials);
        return new RegistryClient(options);
    }

    /** Docker's AuthConfig, base64url-encoded JSON; absent, empty ({@code {}}) or without a secret: none. */
    static Optional<Credentials> credentials(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        JsonObject auth;
        try {
            String text = header.strip().replace('+', '-').replace('/', '_');
            auth = Json.requireObject(Base64.getUrlDecoder().decode(text.replace("=", "")));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("invalid X-Registry-Auth header: " + e.getMessage());
        }
        return credentials(auth);
    }

    private static Optional<Credentials> credentials(JsonObject auth) {
        String username = auth.string("username");
        String password = auth.string("password");
        String encoded = auth.string("auth");
        if ((username == null || username.isEmpty()) && encoded != null && !encoded.isEmpty()) {
            String pair;
            try {
                pair = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("invalid auth in X-Registry-Auth: " + e.getMessage());
            }
            int colon = pair.indexOf(':');
            username = colon < 0 ? pair : pair.substring(0, colon);
            password = colon < 0 ? "" : pair.substring(colon + 1);
        }
        String token = auth.string("identitytoken");
        Credentials credentials = new Credentials(username, password, token);
        return credentials.hasPassword() || credentials.hasIdentityToken() ? Optional.of(credentials) : Optional.empty();
    }

    /** {@code fromImage} with its {@code tag} (a tag or a digest); no tag at all means every tag. */
    private static Reference reference(String name, String tag) {
        Reference reference = Reference.parse(name);
        if (tag == null || tag.isEmpty()) {
            return reference;
        }
        return Digest.isDigest(tag) ? reference.withoutTagOrDigest().withDigest(Digest.parse(tag)) : reference.withTag(tag);
    }

    private static Platform platform(Call call, Reference reference) {
        String text = call.query("platform");
        Platform wanted;
        try {
            wanted = text == null || text.isEmpty() ? Platform.host() : Platform.parse(text);
        } catch (dev.strata.image.InvalidImageException e) {
            throw new InvalidInputException(e.getMessage());
        }
        if (!wanted.os().equals("linux") || !wanted.architecture().equals(Platform.host().architecture())) {
            throw new InvalidInputException("image with reference " + reference.familiarString()
                    + " cannot run on this machine: it is " + Platform.host() + ", not " + wanted);
        }
        return wanted;
    }

    /** {@code POST /images/create?fromImage=NAME&tag=TAG}: Docker's pull, as its JSON messages. */
    void pull(Call call) throws IOException {
        String tag = call.query("tag");
        Reference reference = reference(call.required("fromImage"), tag);
        boolean allTags = reference.tag().isEmpty() && reference.digest().isEmpty();
        Platform platform = platform(call, reference);
        try (RegistryClient client = client(call);
             JsonMessages messages = new JsonMessages(() -> call.stream(200, "application/json"))) {
            RemoteRepository repository = client.repository(reference);
            int parallel = RemotePull.concurrentDownloads(client.options());
            try {
                for (Reference target : RemotePull.targets(repository, reference, allTags)) {
                    RemoteImage image = RemotePull.resolve(repository, target, platform);
                    messages.status(RemotePull.pointer(target), "Pulling from " + target.path());
                    RemotePull.Pulled pulled = RemotePull.pull(daemon.engine(), image, target, messages, parallel);
                    messages.status("Digest: " + pulled.manifestDigest());
                    if (!allTags) {
                        messages.status("Status: " + (pulled.changed() ? "Downloaded newer image for "
                                : "Image is up to date for ") + target.familiarString());
                    }
                }
                if (allTags) {
                    messages.status("Status: Downloaded newer image for " + reference.familiarString());
                }
            } catch (IOException | RuntimeException e) {
                failed(messages, e);
            }
        }
    }

    /** Before the first message, a failure is the request's status; after it, the stream's last message. */
    private static void failed(JsonMessages messages, Exception e) throws IOException {
        if (!messages.started()) {
            if (e instanceof IOException io) {
                throw io;
            }
            throw (RuntimeException) e;
        }
        messages.error(ApiErrors.message(e));
    }

    /** {@code POST /images/{name}/push?tag=TAG}: every tag of the repository when no tag is given. */
    private void push(Call call) throws IOException {
        Reference reference = reference(call.path("name"), call.query("tag"));
        if (reference.digest().isPresent()) {
            throw new InvalidInputException("cannot push a digest reference");
        }
        List<Reference> tags = RemotePush.tags(daemon.engine(), reference, reference.tag().isEmpty());
        try (RegistryClient client = client(call);
             JsonMessages messages = new JsonMessages(() -> call.stream(200, "application/json"))) {
            messages.status("The push refers to repository [" + reference.withoutTagOrDigest() + "]");
            try {
                RemoteRepository repository = client.repository(reference);
                for (Reference tag : tags) {
                    ImagePush.Result result = RemotePush.push(daemon.engine(), repository, tag,
                            RemotePush.options(Compression.GZIP, 0, messages));
                    String name = tag.tag().orElseThrow();
                    messages.status(name + ": digest: " + result.manifestDigest() + " size: " + result.manifest().length);
                    Map<String, Object> aux = new LinkedHashMap<>();
                    aux.put("Tag", name);
                    aux.put("Digest", result.manifestDigest().toString());
                    aux.put("Size", result.manifest().length);
                    messages.aux(aux);
                }
            } catch (IOException | RuntimeException e) {
                failed(messages, e);
            }
        }
    }

    /** {@code GET /images/search?term=&limit=&filters=}: Docker Hub's search result objects. */
    private void search(Call call) throws IOException {
        String term = call.required("term");
        Integer limit = call.integer("limit");
        List<String> filters = call.filterConditions();
        List<SearchResult> results;
        try (RegistryClient client = client(call)) {
            results = RemoteSearch.search(client, term, limit == null || limit == 0 ? RemoteSearch.DEFAULT_LIMIT : limit,
                    filters);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (SearchResult result : results) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("star_count", result.starCount());
            item.put("is_official", result.official());
            item.put("name", result.name());
            item.put("is_automated", result.automated());
            item.put("description", result.description());
            out.add(item);
        }
        call.json(200, out);
    }

    /**
     * {@code GET /distribution/{name}/json}: the descriptor the registry holds for the name (an index or a
     * manifest) and the platforms it serves: an index's, or the one its image's config names.
     */
    private void distribution(Call call) throws IOException {
        Reference reference = Reference.parse(call.path("name"));
        if (reference.tag().isEmpty() && reference.digest().isEmpty()) {
            reference = reference.withDefaultTag();
        }
        List<Platform> platforms = new ArrayList<>();
        Descriptor descriptor;
        try (RegistryClient client = client(call)) {
            RemoteRepository repository = client.repository(reference);
            FetchedManifest top = repository.manifest(RemotePull.pointer(reference));
            descriptor = top.descriptor();
            if (top.isIndex()) {
                List<Descriptor> manifests = ImageIndex.fromJson(Json.requireObject(top.bytes())).manifests();
                for (Descriptor manifest : manifests == null ? List.<Descriptor>of() : manifests) {
                    if (manifest.platform() != null) {
                        platforms.add(manifest.platform());
                    }
                }
            } else {
                var config = RemotePull.resolve(repository, reference, Platform.host()).image().config();
                platforms.add(Platform.of(config.os(), config.architecture()));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Descriptor", descriptor);
        out.put("Platforms", platforms);
        call.json(200, out);
    }

    /** {@code POST /auth}: proves the credentials to the registry; the client keeps them, not the daemon. */
    private void auth(Call call) throws IOException {
        JsonObject body = call.jsonBody();
        if (body == null) {
            throw new InvalidInputException("missing credentials: the body is Docker's AuthConfig");
        }
        Credentials credentials = credentials(body).orElseThrow(() ->
                new InvalidInputException("missing credentials: username and password, or an identity token"));
        Optional<String> identity;
        try (RegistryClient client = client(call)) {
            identity = client.login(RemoteLogin.registryOf(body.string("serveraddress")), credentials);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Status", "Login Succeeded");
        out.put("IdentityToken", identity.orElse(""));
        call.json(200, out);
    }
}
