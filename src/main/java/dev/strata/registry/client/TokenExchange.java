package dev.strata.registry.client;

import dev.strata.json.Json;
import dev.strata.json.JsonObject;
import dev.strata.registry.client.auth.Challenge;
import dev.strata.registry.client.auth.Credentials;
import dev.strata.registry.client.auth.Scope;
import dev.strata.registry.client.transport.Body;
import dev.strata.registry.client.transport.Request;
import dev.strata.registry.client.transport.Response;
import dev.strata.registry.client.transport.Transport;
import dev.strata.registry.client.transport.TransportException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Docker's token protocol, client side, as the docker engine speaks it: with a password (or none), a
 * GET to the challenge's realm with {@code service} and one {@code scope} parameter per scope, and the
 * credentials as basic auth; with an identity token, the OAuth2 form POSTed to the realm
 * ({@code grant_type=refresh_token}). At login the GET also asks for {@code offline_token=true}, so a
 * token server that hands out refresh tokens gives one, which is then kept instead of the password.
 */
final class TokenExchange {
    static final String CLIENT_ID = "strata";
    private static final int MAX_RESPONSE = 1 << 20;

    /** A token granted: its value, lifetime (null when the server gave none) and any refresh token. */
    record Granted(String token, Duration expiresIn, String refreshToken) {
    }

    private TokenExchange() {
    }

    static Granted fetch(Transport transport, Challenge challenge, Collection<Scope> scopes, Credentials credentials,
                         boolean offline) throws IOException {
        String realm = challenge.parameter("realm");
        if (realm == null || realm.isEmpty()) {
            throw new RegistryException(RegistryException.Kind.PROTOCOL,
                    "the registry asks for a bearer token but names no realm to get one from");
        }
        URI realmUri;
        try {
            realmUri = URI.create(realm);
        } catch (IllegalArgumentException e) {
            throw new RegistryException(RegistryException.Kind.PROTOCOL, "the registry's token realm is not a URL: " + realm);
        }
        String service = challenge.parameter("service");
        Request request;
        if (credentials.hasIdentityToken()) {
            List<String> form = new ArrayList<>();
            form.add(param("grant_type", "refresh_token"));
            form.add(param("refresh_token", credentials.identityToken()));
            if (service != null) {
                form.add(param("service", service));
            }
            if (!scopes.isEmpty()) {
                form.add(param("scope", String.join(" ", scopes.stream().map(Scope::toString).toList())));
            }
            form.add(param("client_id", CLIENT_ID));
            if (offline) {
                form.add(param("access_type", "offline"));
            }
            request = new Request("POST", realmUri, java.util.Map.of(), Body.of(String.join("&", form).getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/x-www-form-urlencoded");
        } else {
            List<String> query = new ArrayList<>();
            if (service != null) {
                query.add(param("service", service));
            }
            for (Scope scope : scopes) {
                query.add(param("scope", scope.toString()));
            }
            if (offline) {
                query.add(param("offline_token", "true"));
                query.add(param("client_id", CLIENT_ID));
            }
            String joined = String.join("&", query);
            URI uri = joined.isEmpty() ? realmUri
                    : URI.create(realm + (realm.contains("?") ? "&" : "?") + joined);
            request = Request.get(uri);
            if (credentials.hasPassword()) {
                request = request.header("Authorization", credentials.basicHeader());
            }
        }
        Response response;
        try {
            response = transport.send(request);
        } catch (TransportException e) {
            throw Failures.transport(e);
        }
        try (response) {
            byte[] body = response.readBody(MAX_RESPONSE, "the token response");
            if (response.status() == 401 || response.status() == 403) {
                List<RegistryException.ErrorEntry> errors = RegistryException.parseErrors(body);
                String said = errors.isEmpty() ? fallbackText(body, credentials) : RegistryException.describe(errors);
                throw new RegistryException(RegistryException.Kind.UNAUTHORIZED, request.describe() + ": " + said,
                        response.status(), RegistryException.codesOf(errors), null);
            }
            if (!response.ok()) {
                throw new RegistryException(RetryPolicy.retryableStatus(response.status()) ? RegistryException.Kind.SERVER
                        : RegistryException.Kind.PROTOCOL, request.describe() + ": token server answered "
                        + response.status() + snippet(body), response.status(), List.of(), null);
            }
            JsonObject answer;
            try {
                answer = Json.requireObject(body);
            } catch (RuntimeException e) {
                throw new RegistryException(RegistryException.Kind.PROTOCOL, request.describe()
                        + ": unable to decode token response: " + e.getMessage());
            }
            String token = answer.string("token");
            if (token == null || token.isEmpty()) {
                token = answer.string("access_token");
            }
            if (token == null || token.isEmpty()) {
                throw new RegistryException(RegistryException.Kind.PROTOCOL, request.describe()
                        + ": the token server's answer holds no token");
            }
            Long expires = answer.longOrNull("expires_in");
            return new Granted(token, expires == null ? null : Duration.ofSeconds(expires), answer.string("refresh_token"));
        }
    }

    private static String fallbackText(byte[] body, Credentials credentials) {
        return credentials.hasPassword() || credentials.hasIdentityToken()
                ? "unauthorized: incorrect username or password" : "unauthorized: authentication required" + snippet(body);
    }

    private static String snippet(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "" : ": " + text;
    }

    private static String param(String name, String value) {
        return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
