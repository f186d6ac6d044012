package dev.strata.registry.client.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * What a user logs in with: a user name and password (or personal access token), or an identity
 * token (an OAuth2 refresh token a token server handed out at login, which Docker keeps instead of the
 * password). Never printed: {@link #toString} hides the secrets.
 */
public record Credentials(String username, String password, String identityToken) {
    public Credentials {
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        identityToken = identityToken == null ? "" : identityToken;
    }

    public static Credentials basic(String username, String password) {
        return new Credentials(username, password, "");
    }

    public static Credentials identityToken(String username, String token) {
        return new Credentials(username, "", token);
    }

    public boolean hasPassword() {
        return !username.isEmpty() && !password.isEmpty();
    }

    public boolean hasIdentityToken() {
        return !identityToken.isEmpty();
    }

    /** {@code Basic base64(user:password)}. */
    public String basicHeader() {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username + (hasPassword() ? ", password=***" : "")
                + (hasIdentityToken() ? ", identityToken=***" : "") + "]";
    }
}
