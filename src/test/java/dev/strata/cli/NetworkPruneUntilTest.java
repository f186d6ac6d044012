package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.error.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code network prune --filter until=...}: the values Docker's timetypes.GetTimestamp takes. */
class NetworkPruneUntilTest {
    @Test
    void goDurationsCountBackFromNow() {
        for (String value : new String[] {"24h", "1h30m", "1.5h", "90s"}) {
            Duration expected = dev.strata.go.Durations.parse(value);
            Instant before = Instant.now().minus(expected);
            Instant until = NetworkCommands.Prune.until(value);
            assertThat(until).as(value).isBetween(before, Instant.now().minus(expected));
        }
    }

    @Test
    void unixTimesWithAFractionAndRfc3339Times() {
        assertThat(NetworkCommands.Prune.until("1700000000")).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
        assertThat(NetworkCommands.Prune.until("1700000000.25")).isEqualTo(Instant.ofEpochSecond(1_700_000_000L, 250_000_000));
        assertThat(NetworkCommands.Prune.until("0")).isEqualTo(Instant.EPOCH);
        assertThat(NetworkCommands.Prune.until("2026-01-02T03:04:05Z")).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
    }

    @Test
    void anythingElseIsDockersInvalidFilter() {
        assertThatThrownBy(() -> NetworkCommands.Prune.until("yesterday")).isInstanceOf(InvalidInputException.class)
                .hasMessage("invalid filter 'until=yesterday'");
    }
}
