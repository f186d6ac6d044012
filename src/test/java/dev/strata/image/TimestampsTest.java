package dev.strata.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimestampsTest {
    @Test
    void writesGoRfc3339NanoWithTrailingZerosTrimmed() {
        assertThat(Timestamps.format(Instant.parse("2026-11-25T09:01:46.778490554Z"))).isEqualTo("2026-11-25T09:01:46.778490554Z");
        assertThat(Timestamps.format(Instant.parse("2026-11-25T09:01:46.778490500Z"))).isEqualTo("2026-11-25T09:01:46.7784905Z");
        assertThat(Timestamps.format(Instant.parse("2026-11-25T09:01:46Z"))).isEqualTo("2026-11-25T09:01:46Z");
        assertThat(Timestamps.format(Instant.parse("2026-01-02T03:04:05.100Z"))).isEqualTo("2026-01-02T03:04:05.1Z");
    }
}
