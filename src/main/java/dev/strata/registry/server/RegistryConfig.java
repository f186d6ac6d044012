package dev.strata.registry.server;

import dev.strata.json.Json;
import dev.strata.json.JsonException;
import dev.strata.json.JsonObject;
import dev.strata.registry.server.storage.S3Store;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server's configuration, read from a JSON file with the keys of CNCF Distribution's YAML
 * ({@code storage.filesystem.rootdirectory}, {@code storage.s3.bucket}, {@code auth.htpasswd.path},
 * {@code http.tls.certificate}, {@code proxy.remoteurl} ...): an operator's config converts with any
 * YAML-to-JSON tool, and Strata needs no YAML parser. Durations are Go's ({@code 168h}, {@code 90s}).
 * Keys of our own are listed in {@code docs} of each record; unknown keys are ignored, as Distribution
 * ignores them.
 */
public record RegistryConfig(
        String addr,
        Storage storage,
        Auth auth,
        Tls tls,
        Proxy proxy,
        Limits limits,
        boolean readOnly,
        boolean accessLog,
        Duration gcGrace,
        Map<String, SearchEntry> search) {

    /** Where blobs live: a directory, or an S3 bucket; whether blob GETs redirect to presigned URLs. */
    public record Storage(Path rootDirectory, S3Store.Settings s3, boolean redirect, Duration uploadAge,
            Duration purgeInterval) {
    }

    /**
     * {@code auth.htpasswd.path} (bcrypt users) and {@code auth.token}: with a token section the registry
     * asks for bearer tokens, which its own issuer at {@code realm} (default: this server's /token) gives
     * to the htpasswd users, signed with {@code auth.token.secret} (ours: HMAC-SHA256, shared by replicas).
     */
    public record Auth(Path htpasswd, String realm, boolean token, String tokenRealm, String service, String issuer,
            String secret, Duration tokenExpiration, java.util.List<String> anonymous) {
        public boolean enabled() {
            return htpasswd != null || token;
        }
    }

    public record Tls(Path certificate, Path key) {
    }

    /** A pull-through cache of {@code remoteurl}; tags are checked again upstream after {@code ttl}. */
    public record Proxy(URI remoteUrl, String username, String password, Duration ttl) {
    }

    /** Ours ({@code limits.*}): bounds on what one request may make the server hold or write. */
    public record Limits(long manifestBytes, long blobBytes, long jsonBytes) {
    }

    /** What {@code /v1/search} says of a repository (ours: {@code search.repositories.NAME}). */
    public record SearchEntry(String description, long stars, boolean official, boolean automated) {
    }

    public static final long DEFAULT_MANIFEST_BYTES = 4L << 20;

    /** The defaults: a filesystem store at {@code root}, no auth, on {@code addr}. */
    public static RegistryConfig defaults(Path root, String addr) {
        return new RegistryConfig(addr, new Storage(root, null, false, Duration.ofHours(168), Duration.ofHours(24)),
                new Auth(null, null, false, null, "strata-registry", "strata-registry", null, Duration.ofMinutes(5),
                        java.util.List.of()),
                null, null, new Limits(DEFAULT_MANIFEST_BYTES, 1L << 40, 1L << 20), false, true, Duration.ofHours(1),
                Map.of());
    }

    public RegistryConfig withAddr(String newAddr) {
        return new RegistryConfig(newAddr, storage, auth, tls, proxy, limits, readOnly, accessLog, gcGrace, search);
    }

    public static RegistryConfig read(Path file, Path defaultRoot) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException("config file " + file + " does not exist");
        }
        try {
            JsonObject o = Json.object(bytes);
            if (o == null) {
                throw new IOException("config file " + file + ": expected a JSON object");
            }
            return parse(o, file.toAbsolutePath().getParent(), defaultRoot);
        } catch (IllegalArgumentException e) {
            throw new IOException("config file " + file + ": " + e.getMessage());
        }
    }

    static RegistryConfig parse(JsonObject o, Path base, Path defaultRoot) {
        RegistryConfig d = defaults(defaultRoot, "127.0.0.1:5000");
        JsonObject http = obj(o, "http");
        String addr = http.string("addr") == null ? d.addr : http.string("addr");
        JsonObject tlsJson = obj(http, "tls");
        Tls tls = tlsJson.string("certificate") == null ? null
                : new Tls(base.resolve(tlsJson.string("certificate")), base.resolve(required(tlsJson, "key", "http.tls")));

        JsonObject storageJson = obj(o, "storage");
        JsonObject fs = obj(storageJson, "filesystem");
        JsonObject s3 = storageJson.object("s3");
        S3Store.Settings s3Settings = null;
        if (s3 != null) {
            String endpoint = s3.string("regionendpoint");
            String region = s3.string("region") == null ? "us-east-1" : s3.string("region");
            s3Settings = new S3Store.Settings(
                    URI.create(endpoint == null ? "https://s3." + region + ".amazonaws.com" : endpoint), region,
                    required(s3, "bucket", "storage.s3"), env(s3.string("accesskey"), "AWS_ACCESS_KEY_ID"),
                    env(s3.string("secretkey"), "AWS_SECRET_ACCESS_KEY"), s3.string("rootdirectory"),
                    s3.members().containsKey("forcepathstyle") ? s3.bool("forcepathstyle") : endpoint != null,
                    (int) Math.max(5L << 20, longOr(s3, "chunksize", 10L << 20)));
        }
        JsonObject maintenance = obj(storageJson, "maintenance");
        JsonObject purging = obj(maintenance, "uploadpurging");
        boolean redirect = s3Settings != null && storageJson.object("redirect") != null
                && !obj(storageJson, "redirect").bool("disable");
        Storage storage = new Storage(
                fs.string("rootdirectory") == null ? d.storage.rootDirectory : base.resolve(fs.string("rootdirectory")),
                s3Settings, redirect, durationOr(purging, "age", d.storage.uploadAge),
                durationOr(purging, "interval", d.storage.purgeInterval));

        JsonObject authJson = obj(o, "auth");
        JsonObject htpasswd = obj(authJson, "htpasswd");
        JsonObject token = authJson.object("token");
        JsonObject t = token == null ? obj(authJson, "token") : token;
        Auth auth = new Auth(htpasswd.string("path") == null ? null : base.resolve(htpasswd.string("path")),
                htpasswd.string("realm") == null ? "strata-registry" : htpasswd.string("realm"), token != null,
                t.string("realm"), t.string("service") == null ? d.auth.service : t.string("service"),
                t.string("issuer") == null ? d.auth.issuer : t.string("issuer"), t.string("secret"),
                durationOr(t, "expiration", d.auth.tokenExpiration),
                t.strings("anonymous") == null ? java.util.List.of() : t.strings("anonymous"));

        JsonObject proxyJson = o.object("proxy");
        Proxy proxy = proxyJson == null || proxyJson.string("remoteurl") == null ? null
                : new Proxy(URI.create(proxyJson.string("remoteurl").replaceAll("/+$", "")), proxyJson.string("username"),
                        proxyJson.string("password"), durationOr(proxyJson, "ttl", Duration.ofHours(168)));

        JsonObject limitsJson = obj(o, "limits");
        Limits limits = new Limits(longOr(limitsJson, "manifestbytes", d.limits.manifestBytes),
                longOr(limitsJson, "blobbytes", d.limits.blobBytes), longOr(limitsJson, "jsonbytes", d.limits.jsonBytes));

        boolean readOnly = o.bool("readonly") || obj(maintenance, "readonly").bool("enabled");
        boolean accessLog = !obj(obj(o, "log"), "accesslog").bool("disabled");
        Duration grace = durationOr(obj(o, "gc"), "grace", d.gcGrace);
        Map<String, SearchEntry> search = new LinkedHashMap<>();
        Map<String, JsonObject> repos = obj(o, "search").map("repositories", x -> x);
        if (repos != null) {
            repos.forEach((name, entry) -> search.put(name, new SearchEntry(entry.string("description"),
                    entry.longValue("stars"), entry.bool("official"), entry.bool("automated"))));
        }
        return new RegistryConfig(addr, storage, auth, tls, proxy, limits, readOnly, accessLog, grace, Map.copyOf(search));
    }

    /** A Go duration ({@code 90s}, {@code 1h30m}), as the command line takes them. */
    public static Duration duration(String text) {
        return GoDuration.parse(text);
    }

    private static JsonObject obj(JsonObject o, String name) {
        JsonObject child = o.object(name);
        return child == null ? Json.object("{}".getBytes()) : child;
    }

    private static String required(JsonObject o, String name, String where) {
        String value = o.string(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(where + "." + name + " is required");
        }
        return value;
    }

    private static String env(String value, String variable) {
        return value != null ? value : System.getenv(variable);
    }

    private static long longOr(JsonObject o, String name, long fallback) {
        Long value = o.longOrNull(name);
        return value == null ? fallback : value;
    }

    private static Duration durationOr(JsonObject o, String name, Duration fallback) {
        Object value = o.members().get(name);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Long seconds) {
            return Duration.ofSeconds(seconds); // Distribution's YAML reads a bare number as nanoseconds; JSON users mean seconds
        }
        return GoDuration.parse(o.string(name));
    }
}
