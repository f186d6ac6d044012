package dev.strata.registry.server;

import dev.strata.digest.Digest;
import dev.strata.image.MediaTypes;
import dev.strata.io.Waits;
import dev.strata.json.Json;
import dev.strata.json.JsonObject;
import dev.strata.registry.server.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A pull-through cache of another registry ({@code proxy.remoteurl}): what the store lacks is fetched
 * upstream and kept, blobs by digest (checked against it as they stream into an upload session, so a
 * corrupt download never becomes a blob), manifests by digest; a tag is asked of upstream again once
 * {@code proxy.ttl} has passed since this replica last did, and when upstream fails (no answer, a 5xx)
 * the tag's cached manifest is served. Upstream's token challenge is answered as Docker's client does,
 * with {@code proxy.username}/{@code password} when given.
 */
final class ProxyCache implements Upstream {
    private static final String ACCEPT = String.join(", ", MediaTypes.OCI_INDEX, MediaTypes.OCI_MANIFEST,
            MediaTypes.DOCKER_MANIFEST_LIST, MediaTypes.DOCKER_MANIFEST);

    private final RegistryConfig.Proxy config;
    private final Storage storage;
    private final Clock clock;
    private final HttpClient http;
    private final Map<String, Instant> checked = new ConcurrentHashMap<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    ProxyCache(RegistryConfig.Proxy config, Storage storage, Clock clock) {
        this.config = config;
        this.storage = storage;
        this.clock = clock;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    @Override
    public Optional<Storage.BlobInfo> fetchBlob(String name, Digest digest) throws IOException {
        try {
            return fetch(name, digest);
        } catch (java.net.ConnectException | java.net.http.HttpTimeoutException e) {
            return Optional.empty(); // upstream is down and the blob was never cached: unknown, not a failure of ours
        }
    }

    private Optional<Storage.BlobInfo> fetch(String name, Digest digest) throws IOException {
        Optional<Storage.BlobInfo> local = storage.blob(digest);
        if (local.isPresent()) {
            // held for another repository: link it here only if upstream has it in this one
            HttpResponse<InputStream> head = send(name, "HEAD", "/v2/" + name + "/blobs/" + digest, null);
            head.body().close();
            if (head.statusCode() != 200) {
                return Optional.empty();
            }
            storage.link(name, Storage.LinkKind.LAYER, digest);
            return local;
        }
        HttpResponse<InputStream> response = send(name, "GET", "/v2/" + name + "/blobs/" + digest, null);
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            Storage.UploadState session = storage.startUpload(name);
            try {
                storage.appendUpload(session.id(), 0, body);
                storage.commitUpload(session.id(), digest);
            } catch (IOException e) {
                storage.cancelUpload(session.id());
                throw new IOException("proxy: fetching " + digest + " from " + config.remoteUrl() + ": " + e.getMessage(), e);
            }
        }
        storage.link(name, Storage.LinkKind.LAYER, digest);
        return storage.blob(digest);
    }

    @Override
    public Optional<Digest> resolveManifest(String name, String reference, boolean byDigest, Optional<Digest> local)
            throws IOException {
        String key = name + ":" + reference;
        if (local.isPresent() && (byDigest || fresh(key))) {
            return local;
        }
        HttpResponse<InputStream> response;
        try {
            response = send(name, "GET", "/v2/" + name + "/manifests/" + reference, ACCEPT);
        } catch (IOException e) {
            return local; // upstream is down: serve what we have, stale or not
        }
        byte[] bytes;
        try (InputStream body = response.body()) {
            if (response.statusCode() >= 500 || response.statusCode() == 429) {
                return local;
            }
            if (response.statusCode() != 200) {
                return byDigest ? Optional.empty() : local.filter(d -> false);
            }
            bytes = body.readNBytes(8 << 20);
        }
        ParsedManifest manifest = ParsedManifest.parse(bytes, response.headers().firstValue("Content-Type").orElse(null));
        if (byDigest && !manifest.digest().toString().equals(reference)) {
            throw new IOException("proxy: upstream answered " + reference + " with a manifest of digest " + manifest.digest());
        }
        Digest digest = storage.putBlob(bytes);
        storage.link(name, Storage.LinkKind.MANIFEST, digest);
        if (!byDigest) {
            storage.tag(name, reference, digest);
            checked.put(key, clock.instant());
        }
        return Optional.of(digest);
    }

    private boolean fresh(String key) {
        Instant last = checked.get(key);
        return last != null && last.plus(config.ttl()).isAfter(clock.instant());
    }

    private HttpResponse<InputStream> send(String name, String method, String path, String accept) throws IOException {
        HttpResponse<InputStream> response = once(method, path, accept, tokens.get(name));
        if (response.statusCode() == 401) {
            String challenge = response.headers().firstValue("WWW-Authenticate").orElse("");
            response.body().close();
            String authorization = answer(challenge, name);
            if (authorization != null) {
                tokens.put(name, authorization);
                response = once(method, path, accept, authorization);
            }
        }
        return response;
    }

    private HttpResponse<InputStream> once(String method, String path, String accept, String authorization) throws IOException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(config.remoteUrl() + path))
                .timeout(Duration.ofMinutes(10)).method(method, HttpRequest.BodyPublishers.noBody());
        if (accept != null) {
            builder.header("Accept", accept);
        }
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return Waits.get(() -> http.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream()),
                "proxy request interrupted");
    }

    /** The Authorization header that answers upstream's challenge, or null when it cannot be answered. */
    private String answer(String challenge, String name) throws IOException {
        String basic = config.username() == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                (config.username() + ":" + (config.password() == null ? "" : config.password())).getBytes(StandardCharsets.UTF_8));
        if (challenge.regionMatches(true, 0, "Basic", 0, 5)) {
            return basic;
        }
        if (!challenge.regionMatches(true, 0, "Bearer", 0, 6)) {
            return null;
        }
        Map<String, String> params = challengeParams(challenge.substring(6));
        String realm = params.get("realm");
        if (realm == null) {
            return null;
        }
        String query = "scope=" + URLEncoder.encode("repository:" + name + ":pull", StandardCharsets.UTF_8)
                + (params.containsKey("service") ? "&service=" + URLEncoder.encode(params.get("service"), StandardCharsets.UTF_8) : "");
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(realm + (realm.contains("?") ? "&" : "?") + query))
                .timeout(Duration.ofSeconds(30)).GET();
        if (basic != null) {
            builder.header("Authorization", basic);
        }
        try {
            HttpResponse<byte[]> token = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (token.statusCode() != 200) {
                return null;
            }
            JsonObject o = Json.object(token.body());
            String value = o == null ? null : o.string("token") != null ? o.string("token") : o.string("access_token");
            return value == null ? null : "Bearer " + value;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("proxy token request interrupted");
        } catch (RuntimeException e) {
            return null;
        }
    }

    static Map<String, String> challengeParams(String text) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\w+)=\"([^\"]*)\"").matcher(text);
        while (m.find()) {
            out.put(m.group(1).toLowerCase(java.util.Locale.ROOT), m.group(2));
        }
        return out;
    }
}
