package dev.strata.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimestampsTest {
    @Test
    void writesGoRfc3339NanoWithTrailingZerosTrimmed() {
        assertThat(Timestamps.format(Instant.parse("2026-11-25T09:01:46.778490554Z"))).isEqualTo("2026-11-25T09:01:46.778490554Z");
        assertThat(Timestamps.format(Instant.parse("2026-11-25T09:01:46.778490500Z"))).isEqualTo("2026-11-25T09:01:46.7784905Z");
        assertThat(Timestamps.format(Instant.parse("2026-11-25T09:01:46Z"))).isEqualTo("2026-11-25T09:01:46Z");
        assertThat(Timestamps.format(Instant.parse("2026-01-02T03:04:05.100Z"))).isEqualTo("2026-01-02T03:04:05.1Z");
        assertThat(Timestamps.format(Instant.parse("0001-01-01T00:00:00Z"))).isEqualTo(Timestamps.ZERO);
        assertThat(Timestamps.format(Instant.parse("1969-12-31T23:59:59.000000001Z"))).isEqualTo("1969-12-31T23:59:59.000000001Z");
    }

    @Test
    void readsWhatItWritesAndAgreesWithTheJdk() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 10_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_135_596_800L, 253_402_300_799L),
                    random.nextBoolean() ? 0 : random.nextInt(1_000_000_000));
            String text = Timestamps.format(instant);
            assertThat(Timestamps.parse(text)).as(text).isEqualTo(instant).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void otherRfc3339FormsGoToTheJdkAndNonsenseIsRefused() {
        assertThat(Timestamps.parse("2024-06-01T14:00:00+02:00")).isEqualTo(Instant.parse("2024-06-01T12:00:00Z"));
        for (String bad : new String[] {"2024-02-30T00:00:00Z", "2024-13-01T00:00:00Z",
                "2024-06-01 12:00:00Z", "yesterday", "20x4-06-01T12:00:00Z"}) {
            assertThatThrownBy(() -> Timestamps.parse(bad)).as(bad).isInstanceOf(DateTimeParseException.class);
        }
    }
}
