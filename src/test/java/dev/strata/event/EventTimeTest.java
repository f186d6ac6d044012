package dev.strata.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * {@code --since}/{@code --until} as the docker CLI sends them: each expectation is what docker 28 sent
 * dockerd (read back from the daemon's "`since` time (...) cannot be after" refusal) on a UTC machine.
 */
class EventTimeTest {
    private static final Instant NOW = Instant.parse("2026-12-03T12:48:28Z");
    private static final ZoneId UTC = ZoneOffset.UTC;

    private static String sent(String value) {
        return EventTime.timestamp(value, NOW, UTC);
    }

    @Test
    void rfc3339TimesWithOrWithoutFractionAndZone() {
        assertThat(sent("2026-12-03T12:00:00")).isEqualTo("1796299200.000000000");
        assertThat(sent("2026-12-03T12:00:00.5")).isEqualTo("1796299200.500000000");
        assertThat(sent("2026-12-03T12:00:00.123456789Z")).isEqualTo("1796299200.123456789");
        assertThat(sent("2026-12-03T12:00:00+01:00")).isEqualTo("1796295600.000000000");
        assertThat(sent("2026-12-03T12:00:00.5+01:00")).isEqualTo("1796295600.500000000");
        assertThat(sent("2026-12-03T12")).isEqualTo("1796299200.000000000");
        assertThat(sent("2026-12-03T12:30")).isEqualTo("1796301000.000000000");
        assertThat(sent("2026-12-03T12:00Z")).isEqualTo("1796299200.000000000");
        assertThat(sent("2026-12-03")).isEqualTo("1796256000.000000000");
        assertThat(sent("2026-12-03Z")).isEqualTo("1796256000.000000000");
    }

    @Test
    void aTimeWithoutZoneIsLocal() {
        assertThat(EventTime.timestamp("2026-12-03T12:00:00", NOW, ZoneId.of("Europe/Paris")))
                .isEqualTo("1796295600.000000000");
    }

    @Test
    void unixTimesPassAsTypedAndDurationsCountBackInWholeSeconds() {
        assertThat(sent("1796299200.25")).isEqualTo("1796299200.25");
        assertThat(sent("0")).isEqualTo("0");
        assertThat(sent("10m")).isEqualTo(Long.toString(NOW.getEpochSecond() - 600));
        assertThat(sent("1.5s")).isEqualTo(Long.toString(NOW.getEpochSecond() - 2));
        assertThat(EventTime.parse("1796299200.25")).isEqualTo(Instant.ofEpochSecond(1796299200L, 250_000_000));
        assertThat(EventTime.parse("5")).isEqualTo(Instant.ofEpochSecond(5));
    }

    @Test
    void refusalsInDockersWords() {
        assertThatThrownBy(() -> sent("2026-13-01")).hasMessage("parsing time \"2026-13-01\": month out of range");
        assertThatThrownBy(() -> sent("2026-02-30")).hasMessage("parsing time \"2026-02-30\": day out of range");
        assertThatThrownBy(() -> sent("2026-12-03T25:00")).hasMessage("parsing time \"2026-12-03T25:00\": hour out of range");
        assertThatThrownBy(() -> sent("2026-12-0x"))
                .hasMessage("parsing time \"2026-12-0x\" as \"2006-01-02\": cannot parse \"0x\" as \"02\"");
        assertThatThrownBy(() -> sent("2026-12-03T12:00:00x"))
                .hasMessage("parsing time \"2026-12-03T12:00:00x\": extra text: \"x\"");
        assertThatThrownBy(() -> sent("1x")).hasMessage("failed to parse value as time or duration: \"1x\"");
        assertThatThrownBy(() -> sent("foo")).hasMessage("failed to parse value as time or duration: \"foo\"");
        assertThatThrownBy(() -> EventTime.parse("foo")).hasMessage("strconv.ParseInt: parsing \"foo\": invalid syntax");
    }
}
