package dev.strata.registry.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    final RetryPolicy policy = new RetryPolicy(4, Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofSeconds(30));

    @Test
    void backsOffExponentiallyWithJitterUpToTheCap() {
        for (int i = 0; i < 50; i++) {
            assertThat(policy.delayBefore(2, null, NOW).orElseThrow()).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
            assertThat(policy.delayBefore(3, null, NOW).orElseThrow()).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
            assertThat(policy.delayBefore(4, null, NOW).orElseThrow()).isBetween(Duration.ofMillis(150), Duration.ofMillis(300));
        }
        assertThat(policy.delayBefore(5, null, NOW)).isEmpty();
        assertThat(RetryPolicy.never().delayBefore(2, null, NOW)).isEmpty();
    }

    @Test
    void obeysRetryAfterInSecondsOrAsADate() {
        assertThat(policy.delayBefore(2, "7", NOW)).contains(Duration.ofSeconds(7));
        assertThat(policy.delayBefore(2, "Sun, 01 Mar 2026 12:00:12 GMT", NOW)).contains(Duration.ofSeconds(12));
        assertThat(policy.delayBefore(2, "Sun, 01 Mar 2026 11:00:00 GMT", NOW)).contains(Duration.ZERO);
        // too long a wait is not waited for: the refusal is the error
        assertThat(policy.delayBefore(2, "3600", NOW)).isEmpty();
        // unreadable: the policy's own delay
        assertThat(policy.delayBefore(2, "soon", NOW).orElseThrow()).isLessThanOrEqualTo(Duration.ofMillis(100));
    }

    @Test
    void retriesTheStatusesThatMayPass() {
        assertThat(RetryPolicy.retryableStatus(429)).isTrue();
        assertThat(RetryPolicy.retryableStatus(503)).isTrue();
        assertThat(RetryPolicy.retryableStatus(404)).isFalse();
        assertThat(RetryPolicy.retryableStatus(501)).isFalse();
    }
}
