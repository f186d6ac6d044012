package dev.strata.go;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UnitsTest {
    @Test
    void sizesMatchDockersColumns() {
        // values seen in `docker images` / `docker system df` output
        assertThat(Units.humanSize(1_982_373)).isEqualTo("1.98MB");
        // go-units BytesSize, as docker stats shows memory
        assertThat(Units.bytesSize(585_728)).isEqualTo("572KiB");
        assertThat(Units.bytesSize(25_275_000_000.0)).isEqualTo("23.54GiB");
        assertThat(Units.bytesSize(64L << 20)).isEqualTo("64MiB");
        assertThat(Units.bytesSize(0)).isEqualTo("0B");
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
    void theQuickRoundingAgreesWithTheExactOneOrStepsAside() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        int quick = 0;
        for (int i = 0; i < 200_000; i++) {
            // sizes as humanSize divides them (bytes / 1000^k), and arbitrary doubles across the range
            double value = Math.exp(random.nextDouble(-12, 40));
            if (i % 2 == 0) {
                value = random.nextLong(1, 1L << 50);
                while (value >= 1000) {
                    value /= 1000;
                }
            }
            int precision = 1 + random.nextInt(6);
            String fast = Units.quickFormatG(value, precision);
            if (fast != null) {
                quick++;
                assertThat(fast).as(value + " to " + precision).isEqualTo(Units.exactFormatG(value, precision));
            }
        }
        assertThat(quick).isGreaterThan(50_000);
        // ties are left to the exact path: 2.5 rounds to even, the nearest double to 1.005 is below it
        assertThat(Units.quickFormatG(2.5, 1)).isNull();
        assertThat(Units.formatG(2.5, 1)).isEqualTo("2");
        assertThat(Units.formatG(1.005, 3)).isEqualTo("1");
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
        assertThat(Units.humanDuration(Duration.ofMinutes(59))).isEqualTo("59 minutes");
        assertThat(Units.humanDuration(Duration.ofMinutes(80))).isEqualTo("About an hour");
        assertThat(Units.humanDuration(Duration.ofDays(2))).isEqualTo("2 days");
        assertThat(Units.humanDuration(Duration.ofDays(3))).isEqualTo("3 days");
        assertThat(Units.humanDuration(Duration.ofDays(20))).isEqualTo("2 weeks");
        assertThat(Units.humanDuration(Duration.ofDays(90))).isEqualTo("3 months");
        assertThat(Units.humanDuration(Duration.ofDays(800))).isEqualTo("2 years");
    }

    @Test
    void goTimeStringIsUtcWithZone() {
        assertThat(Times.string(Instant.parse("2026-11-25T09:01:46Z"))).isEqualTo("2026-11-25 09:01:46 +0000 UTC");
        assertThat(Times.string(Instant.parse("2026-11-25T09:01:46.778Z"))).isEqualTo("2026-11-25 09:01:46.778 +0000 UTC");
    }
}
