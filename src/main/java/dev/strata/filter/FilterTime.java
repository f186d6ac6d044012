package dev.strata.filter;

import dev.strata.go.Durations;
import dev.strata.image.Timestamps;
import java.time.Instant;

/**
 * A time as Docker's filters and {@code --since}/{@code --until} take one (its timetypes.GetTimestamp):
 * a Go duration before now ({@code 24h}, {@code 1h30m}), a Unix time ({@code 1700000000}, with a
 * fraction of up to nine digits), or an RFC 3339 time.
 */
public final class FilterTime {
    private FilterTime() {
    }

    /** The instant {@code value} names, relative to {@code now} for a duration; IllegalArgumentException if none. */
    public static Instant parse(String value, Instant now) {
        if (!value.equals("0")) {
            try {
                return now.minus(Durations.parse(value));
            } catch (IllegalArgumentException notADuration) {
                // a time, then
            }
        }
        if (value.matches("\\d+(\\.\\d{1,9})?")) {
            int dot = value.indexOf('.');
            long seconds = Long.parseLong(dot < 0 ? value : value.substring(0, dot));
            int nanos = dot < 0 ? 0 : Integer.parseInt((value.substring(dot + 1) + "00000000").substring(0, 9));
            return Instant.ofEpochSecond(seconds, nanos);
        }
        try {
            return Timestamps.parse(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a duration, a Unix time or an RFC 3339 time: " + value, e);
        }
    }
}
