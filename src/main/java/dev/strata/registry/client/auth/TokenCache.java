package dev.strata.registry.client.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Bearer tokens of one token service (a realm and service), each kept with the scopes it was granted
 * and when it expires, so that a request reuses any token that covers its scopes and a token is asked
 * for again only when none does or it is about to expire. Thread-safe.
 */
public final class TokenCache {
    /** A token is taken as expired this long before its end: a request must reach the registry in time. */
    static final Duration SKEW = Duration.ofSeconds(10);

    /** A token the service granted. */
    public record Token(String value, Collection<Scope> scopes, Instant expires) {
    }

    private final Clock clock;
    private final List<Token> tokens = new ArrayList<>();

    public TokenCache(Clock clock) {
        this.clock = clock;
    }

    /** A live token that covers {@code scopes}, or null. */
    public synchronized String find(Collection<Scope> scopes) {
        Instant now = clock.instant();
        tokens.removeIf(t -> !t.expires().minus(SKEW).isAfter(now));
        for (Token token : tokens) {
            if (Scope.covers(token.scopes(), scopes)) {
                return token.value();
            }
        }
        return null;
    }

    /**
     * Keeps {@code value}, granted for {@code scopes}, for {@code lifetime} from now. The token spec's
     * minimum lifetime is 60 seconds, and token servers that give none mean that.
     */
    public synchronized void put(String value, Collection<Scope> scopes, Duration lifetime) {
        Duration life = lifetime == null || lifetime.isNegative() || lifetime.isZero() ? Duration.ofSeconds(60) : lifetime;
        tokens.add(new Token(value, List.copyOf(scopes), clock.instant().plus(life)));
    }

    /** Forgets {@code value}: the registry refused it. */
    public synchronized void invalidate(String value) {
        tokens.removeIf(t -> t.value().equals(value));
    }
}
