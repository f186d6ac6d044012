package dev.strata.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.error.InvalidInputException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The times Docker's timetypes.GetTimestamp takes, as {@code until} and {@code since} give them. */
class FilterTimeTest {
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void goDurationsCountBackFromNow() {
        assertThat(FilterTime.parse("24h", NOW)).isEqualTo(Instant.parse("2026-12-02T10:00:00Z"));
        assertThat(FilterTime.parse("1h30m", NOW)).isEqualTo(Instant.parse("2026-12-03T08:30:00Z"));
        assertThat(FilterTime.parse("1.5h", NOW)).isEqualTo(Instant.parse("2026-12-03T08:30:00Z"));
        assertThat(FilterTime.parse("90s", NOW)).isEqualTo(Instant.parse("2026-12-03T09:58:30Z"));
    }

    @Test
    void unixTimesWithAFractionAndRfc3339Times() {
        assertThat(FilterTime.parse("1700000000", NOW)).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
        assertThat(FilterTime.parse("1700000000.25", NOW)).isEqualTo(Instant.ofEpochSecond(1_700_000_000L, 250_000_000));
        assertThat(FilterTime.parse("0", NOW)).isEqualTo(Instant.EPOCH);
        assertThat(FilterTime.parse("2026-01-02T03:04:05Z", NOW)).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
    }

    @Test
    void anythingElseIsRefused() {
        assertThatThrownBy(() -> FilterTime.parse("yesterday", NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NetworkFilter.prune(List.of("until=yesterday"))).isInstanceOf(InvalidInputException.class)
                .hasMessage("invalid filter 'until=yesterday'");
    }
}
