package dev.strata.registry.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.strata.json.Json;
import dev.strata.registry.client.tls.Pem;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A token server of Docker's token spec for the registry under test: GET with basic auth (or none) and
 * the OAuth2 form POST, issuing RS256 JWTs with an {@code x5c} header of the signing certificate, which
 * the registry trusts through its {@code rootcertbundle}. One user, who may pull and push everything;
 * anonymous callers get pull on {@code rc-public/*} only. A login's GET with {@code offline_token=true}
 * gets a refresh token, which the POST then takes.
 */
final class TokenServer implements AutoCloseable {
    static final String SERVICE = "rc-token-registry";
    static final String ISSUER = "rc-token-issuer";
    static final String REFRESH_TOKEN = "rc-refresh-token-1";

    /** A request as the token server saw it. */
    record Seen(String method, String user, List<String> scopes, Map<String, String> form) {
    }

    private final HttpServer server;
    private final String user;
    private final String password;
    private final PrivateKey key;
    private final X509Certificate certificate;
    final List<Seen> seen = new CopyOnWriteArrayList<>();
    volatile long expiresIn = 300;

    TokenServer(Path certificateFile, Path keyFile, String user, String password) throws IOException {
        this.user = user;
        this.password = password;
        this.key = Pem.privateKey(keyFile);
        this.certificate = Pem.certificates(certificateFile).getFirst();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/token", this::handle);
        server.start();
    }

    String realm() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, List<String>> params = new LinkedHashMap<>();
            parse(exchange.getRequestURI().getRawQuery(), params);
            Map<String, String> form = new LinkedHashMap<>();
            String caller = null;
            boolean authenticated = false;
            if (exchange.getRequestMethod().equals("POST")) {
                Map<String, List<String>> posted = new LinkedHashMap<>();
                parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), posted);
                posted.forEach((k, v) -> form.put(k, v.getFirst()));
                if ("refresh_token".equals(form.get("grant_type")) && REFRESH_TOKEN.equals(form.get("refresh_token"))) {
                    caller = user;
                    authenticated = true;
                } else if ("password".equals(form.get("grant_type")) && user.equals(form.get("username"))
                        && password.equals(form.get("password"))) {
                    caller = user;
                    authenticated = true;
                } else {
                    deny(exchange);
                    return;
                }
                String scope = form.get("scope");
                params.put("scope", scope == null ? List.of() : List.of(scope.split(" ")));
            } else {
                String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                if (authorization != null) {
                    String pair = new String(Base64.getDecoder().decode(authorization.substring("Basic ".length())),
                            StandardCharsets.UTF_8);
                    if (!pair.equals(user + ":" + password)) {
                        deny(exchange);
                        return;
                    }
                    caller = user;
                    authenticated = true;
                }
            }
            List<String> scopes = params.getOrDefault("scope", List.of());
            seen.add(new Seen(exchange.getRequestMethod(), caller, scopes, form));
            List<Object> access = new ArrayList<>();
            for (String scope : scopes) {
                String[] parts = scope.split(":");
                if (parts.length < 3) {
                    continue;
                }
                List<String> actions = new ArrayList<>();
                for (String action : parts[parts.length - 1].split(",")) {
                    if (authenticated || action.equals("pull") && parts[1].startsWith("rc-public/")) {
                        actions.add(action);
                    }
                }
                String name = scope.substring(parts[0].length() + 1, scope.length() - parts[parts.length - 1].length() - 1);
                access.add(Map.of("type", parts[0], "name", name, "actions", actions));
            }
            String token = jwt(caller == null ? "" : caller, access);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("token", token);
            answer.put("access_token", token);
            answer.put("expires_in", expiresIn);
            if (authenticated && ("true".equals(first(params, "offline_token")) || "offline".equals(form.get("access_type")))) {
                answer.put("refresh_token", REFRESH_TOKEN);
            }
            byte[] body = Json.write(answer);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null ? null : values.getFirst();
    }

    private void deny(HttpExchange exchange) throws IOException {
        seen.add(new Seen(exchange.getRequestMethod(), "!denied", List.of(), Map.of()));
        byte[] body = "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"incorrect username or password\"}]}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(401, body.length);
        exchange.getResponseBody().write(body);
    }

    private static void parse(String query, Map<String, List<String>> into) {
        if (query == null || query.isEmpty()) {
            return;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            into.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
    }

    private String jwt(String subject, List<Object> access) throws IOException {
        try {
            Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
            Map<String, Object> header = new LinkedHashMap<>();
            header.put("typ", "JWT");
            header.put("alg", "RS256");
            header.put("x5c", List.of(Base64.getEncoder().encodeToString(certificate.getEncoded())));
            long now = System.currentTimeMillis() / 1000;
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("iss", ISSUER);
            claims.put("sub", subject);
            claims.put("aud", SERVICE);
            claims.put("exp", now + expiresIn);
            claims.put("nbf", now - 10);
            claims.put("iat", now);
            claims.put("jti", Long.toHexString(System.nanoTime()));
            claims.put("access", access);
            String signingInput = url.encodeToString(Json.write(header)) + "." + url.encodeToString(Json.write(claims));
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + url.encodeToString(signature.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
