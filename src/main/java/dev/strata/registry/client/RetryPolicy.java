package dev.strata.registry.client;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how patiently a request is tried again: after a timeout, a broken connection, a 5xx
 * answer (500, 502, 503, 504) or 429 Too Many Requests, up to {@code attempts} tries in all, waiting
 * {@code initialDelay} and doubling up to {@code maxDelay}, with jitter so that parallel transfers do not
 * retry in step. A {@code Retry-After} header (seconds or an HTTP date) is obeyed instead, up to
 * {@code maxRetryAfter}; a server asking for longer is not waited for and its refusal is the error.
 */
public record RetryPolicy(int attempts, Duration initialDelay, Duration maxDelay, Duration maxRetryAfter) {
    public RetryPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
    }

    /** Five tries over about eight seconds; up to a minute when the registry says when to come back. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(4), Duration.ofSeconds(60));
    }

    /** One try: no retries. */
    public static RetryPolicy never() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    /**
     * How long to wait before try {@code next} (2 for the first retry), given the refusal's
     * {@code Retry-After}; empty when no more tries are left or the server asks for too long a wait.
     */
    public Optional<Duration> delayBefore(int next, String retryAfter, Instant now) {
        if (next > attempts) {
            return Optional.empty();
        }
        Duration asked = parseRetryAfter(retryAfter, now);
        if (asked != null) {
            return asked.compareTo(maxRetryAfter) > 0 ? Optional.empty() : Optional.of(asked);
        }
        long base = initialDelay.toMillis() << Math.min(20, next - 2);
        long capped = Math.min(base, maxDelay.toMillis());
        long jittered = capped <= 1 ? capped : capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        return Optional.of(Duration.ofMillis(jittered));
    }

    /** {@code Retry-After} as seconds or an IMF date; null when absent or unreadable. */
    static Duration parseRetryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        try {
            long seconds = Long.parseLong(text);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            // an HTTP date, then
        }
        try {
            Instant when = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, when);
            return wait.isNegative() ? Duration.ZERO : wait;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Whether a registry's status is worth another try. */
    public static boolean retryableStatus(int status) {
        return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
    }
}
