package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UnitsTest {
    @Test
    void sizesMatchDockersColumns() {
        // values seen in `docker images` / `docker system df` output
        assertThat(Units.humanSize(1_982_373)).isEqualTo("1.98MB");
        assertThat(Units.humanSize(1_982_373, 4)).isEqualTo("1.982MB");
        assertThat(Units.humanSize(13_300)).isEqualTo("13.3kB");
        assertThat(Units.humanSize(199_000_000)).isEqualTo("199MB");
        assertThat(Units.humanSize(0)).isEqualTo("0B");
        assertThat(Units.humanSize(999)).isEqualTo("999B");
        assertThat(Units.humanSize(1000)).isEqualTo("1kB");
        assertThat(Units.humanSize(1_200_000_000)).isEqualTo("1.2GB");
        // Go's %.3g switches to exponent form when rounding reaches 1000
        assertThat(Units.humanSize(999_999)).isEqualTo("1e+03kB");
    }

    @Test
    void durationsMatchGoUnits() {
        assertThat(Units.humanDuration(Duration.ofMillis(300))).isEqualTo("Less than a second");
        assertThat(Units.humanDuration(Duration.ofSeconds(1))).isEqualTo("1 second");
        assertThat(Units.humanDuration(Duration.ofSeconds(59))).isEqualTo("59 seconds");
        assertThat(Units.humanDuration(Duration.ofSeconds(90))).isEqualTo("About a minute");
        assertThat(Units.humanDuration(Duration.ofMinutes(45))).isEqualTo("45 minutes");
        assertThat(Units.humanDuration(Duration.ofMinutes(89))).isEqualTo("About an hour");
        assertThat(Units.humanDuration(Duration.ofHours(47))).isEqualTo("47 hours");
        assertThat(Units.humanDuration(Duration.ofDays(2))).isEqualTo("2 days");
        assertThat(Units.humanDuration(Duration.ofDays(20))).isEqualTo("2 weeks");
        assertThat(Units.humanDuration(Duration.ofDays(90))).isEqualTo("3 months");
        assertThat(Units.humanDuration(Duration.ofDays(800))).isEqualTo("2 years");
    }

    @Test
    void goTimeStringIsUtcWithZone() {
        assertThat(Units.goTimeString(Instant.parse("2026-11-25T09:01:46.778Z"))).isEqualTo("2026-11-25 09:01:46 +0000 UTC");
    }
}
