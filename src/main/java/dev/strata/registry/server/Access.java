package dev.strata.registry.server;

import dev.strata.registry.client.auth.Scope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Who may do what: nobody is asked without auth; with {@code auth.htpasswd} alone every request
 * carries basic credentials of a listed user, who may do everything; with {@code auth.token} every
 * request carries a bearer token whose scopes must hold the request's (pull for reads, push for
 * uploads and manifest puts, delete for deletes, {@code registry:catalog:*} for the catalog), and
 * {@code /token} issues them. A refusal is 401 with the challenge Docker's client answers.
 */
final class Access {
    /** What a request needs: nothing, any authenticated client, or a scope. */
    record Need(boolean authenticated, Scope scope) {
        static final Need NOTHING = new Need(false, null);
        static final Need AUTHENTICATED = new Need(true, null);

        static Need repository(String name, String action) {
            return new Need(true, new Scope("repository", name, Set.of(action)));
        }
    }

    /** What the request was allowed: its user and which repositories it may read (for a mount's "from"). */
    record Grant(String user, Predicate<String> canPull) {
        static final Grant EVERYTHING = new Grant("-", name -> true);
    }

    private final RegistryConfig.Auth config;
    private final Htpasswd users;
    private final TokenIssuer issuer;

    Access(RegistryConfig.Auth config, Htpasswd users, TokenIssuer issuer) {
        this.config = config;
        this.users = users;
        this.issuer = issuer;
    }

    boolean enabled() {
        return config.enabled();
    }

    Grant authorize(Exchange x, Need need) {
        if (!config.enabled()) {
            return Grant.EVERYTHING;
        }
        String authorization = x.header("Authorization");
        if (config.token()) {
            List<Scope> scopes = null;
            if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                scopes = issuer.verify(authorization.substring(7).trim());
            }
            if (scopes != null && (need.scope() == null || Scope.covers(scopes, List.of(need.scope())))) {
                List<Scope> granted = scopes;
                return new Grant("token", name -> Scope.covers(granted, List.of(Scope.pull(name))));
            }
            if (!need.authenticated() && need.scope() == null) {
                return new Grant("-", name -> false);
            }
            String realm = config.tokenRealm() != null ? config.tokenRealm()
                    : (x.secure() ? "https://" : "http://") + x.host() + "/token";
            StringBuilder challenge = new StringBuilder("Bearer realm=\"" + realm + "\",service=\"" + issuer.service() + "\"");
            if (need.scope() != null) {
                Scope asked = need.scope();
                // ask for pull and push together for a push, as Docker's client expects
                if (asked.actions().contains("push")) {
                    asked = new Scope(asked.type(), asked.name(), Set.of(Scope.PULL, Scope.PUSH));
                }
                challenge.append(",scope=\"").append(asked).append('"');
            }
            if (scopes != null) {
                challenge.append(",error=\"insufficient_scope\"");
            }
            x.header("WWW-Authenticate", challenge.toString());
            throw RegistryException.of(ErrorCode.UNAUTHORIZED, need.scope() == null ? null
                    : List.of(Map.of("Type", need.scope().type(), "Name", need.scope().name(),
                            "Action", need.scope().actions().iterator().next())));
        }
        String user = basicUser(authorization);
        if (user != null) {
            x.user = user;
            return new Grant(user, name -> true);
        }
        if (!need.authenticated()) {
            return new Grant("-", name -> false);
        }
        x.header("WWW-Authenticate", "Basic realm=\"" + config.realm() + "\"");
        throw RegistryException.of(ErrorCode.UNAUTHORIZED);
    }

    /** The user whose valid basic credentials {@code authorization} carries, else null. */
    private String basicUser(String authorization) {
        if (users == null || authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        String user = decoded.substring(0, colon);
        return users.check(user, decoded.substring(colon + 1)) ? user : null;
    }

    /** {@code GET /token}: a token for the scopes asked, as far as the credentials allow. */
    void token(Exchange x) throws IOException {
        if (issuer == null || !config.token()) {
            throw new RegistryException(ErrorCode.UNSUPPORTED, "this registry issues no tokens", null);
        }
        if (!x.method().equals("GET")) {
            throw Distribution.unsupported(x);
        }
        String authorization = x.header("Authorization");
        String user = basicUser(authorization);
        if (authorization != null && user == null) {
            x.header("WWW-Authenticate", "Basic realm=\"" + config.realm() + "\"");
            throw new RegistryException(ErrorCode.UNAUTHORIZED, "incorrect username or password", null);
        }
        String service = x.param("service");
        if (service != null && !service.equals(issuer.service())) {
            throw new RegistryException(ErrorCode.DENIED, "this issuer serves \"" + issuer.service() + "\", not \""
                    + service + "\"", null);
        }
        List<Scope> granted = new ArrayList<>();
        for (String text : x.params("scope")) {
            for (String one : text.split(" ")) {
                Scope asked = Scope.parse(one);
                if (asked == null) {
                    continue;
                }
                Set<String> actions = new TreeSet<>();
                for (String action : asked.actions()) {
                    if (user != null || config.anonymous().contains(action)) {
                        actions.add(action);
                    }
                }
                if (asked.type().equals("repository") && !Names.isName(asked.name())) {
                    continue;
                }
                granted.add(new Scope(asked.type(), asked.name(), actions));
            }
        }
        x.user = user == null ? "-" : user;
        String token = issuer.issue(user == null ? "" : user, granted);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", token);
        body.put("access_token", token);
        body.put("expires_in", issuer.lifetime().toSeconds());
        body.put("issued_at", Instant.now().toString());
        x.status(200).json(body);
    }
}
