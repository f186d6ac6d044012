package dev.strata.registry.server;

import dev.strata.digest.Digest;
import dev.strata.json.Json;
import dev.strata.json.JsonObject;
import dev.strata.registry.client.auth.Scope;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Docker's token flow with the registry as its own issuer: {@code GET /token?service=&scope=} (with
 * basic credentials, or none) returns a JWT whose {@code access} claim lists, per repository, the
 * actions granted; the registry checks each request against it. Tokens are HS256 (HMAC-SHA256) under
 * {@code auth.token.secret}, which replicas share; without one, a random key of this process.
 */
final class TokenIssuer {
    private final byte[] key;
    private final String issuer;
    private final String service;
    private final Duration lifetime;
    private final Clock clock;

    TokenIssuer(String secret, String issuer, String service, Duration lifetime, Clock clock) {
        if (secret != null && !secret.isEmpty()) {
            this.key = secret.getBytes(StandardCharsets.UTF_8);
        } else {
            this.key = new byte[32];
            new SecureRandom().nextBytes(key);
        }
        this.issuer = issuer;
        this.service = service;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    String service() {
        return service;
    }

    Duration lifetime() {
        return lifetime;
    }

    /** A token for {@code subject} ("" when anonymous) granting {@code scopes}. */
    String issue(String subject, List<Scope> scopes) {
        Instant now = clock.instant();
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "HS256");
        header.put("typ", "JWT");
        List<Map<String, Object>> access = new ArrayList<>();
        for (Scope scope : scopes) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("type", scope.type());
            entry.put("name", scope.name());
            entry.put("actions", scope.actions());
            access.add(entry);
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("sub", subject);
        claims.put("aud", service);
        claims.put("exp", now.plus(lifetime).getEpochSecond());
        claims.put("nbf", now.getEpochSecond() - 10);
        claims.put("iat", now.getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("access", access);
        String body = base64(Json.write(header)) + "." + base64(Json.write(claims));
        return body + "." + base64(hmac(body));
    }

    /** The scopes a valid token grants, or null when it is forged, expired or for another service. */
    List<Scope> verify(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return null;
        }
        byte[] signature;
        JsonObject claims;
        try {
            signature = Base64.getUrlDecoder().decode(parts[2]);
            if (!MessageDigest.isEqual(signature, hmac(parts[0] + "." + parts[1]))) {
                return null;
            }
            JsonObject header = Json.object(Base64.getUrlDecoder().decode(parts[0]));
            if (header == null || !"HS256".equals(header.string("alg"))) {
                return null;
            }
            claims = Json.object(Base64.getUrlDecoder().decode(parts[1]));
            if (claims == null) {
                return null;
            }
            long now = clock.instant().getEpochSecond();
            if (claims.longValue("exp") < now || claims.longValue("nbf") > now || !service.equals(claims.string("aud"))
                    || !issuer.equals(claims.string("iss"))) {
                return null;
            }
            List<Scope> scopes = new ArrayList<>();
            List<Scope> listed = claims.list("access", o -> new Scope(o.string("type"), o.string("name"),
                    o.strings("actions") == null ? Set.of() : Set.copyOf(o.strings("actions"))));
            if (listed != null) {
                scopes.addAll(listed);
            }
            return scopes;
        } catch (RuntimeException e) {
            return null; // not base64, not JSON, a claim of the wrong type: not a token of ours
        }
    }

    /** The signature of a token's header and claims (base64url, so ASCII). */
    private byte[] hmac(String data) {
        return Digest.hmacSha256(key, data);
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
