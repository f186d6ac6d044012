package dev.strata.container;

import java.time.Instant;

/**
 * {@code logs} flags: {@code -f}, {@code --tail N} (negative for all), {@code -t}, {@code --since} and
 * {@code --until} (null for no bound; entries at or after since, before until), {@code --details}.
 */
public record LogOptions(boolean follow, int tail, boolean timestamps, Instant since, Instant until, boolean details) {
    public LogOptions(boolean follow, int tail, boolean timestamps) {
        this(follow, tail, timestamps, null, null, false);
    }

    public static LogOptions all() {
        return new LogOptions(false, -1, false);
    }

    /** Whether an entry written at {@code time} (RFC 3339) is inside {@code --since} and {@code --until}. */
    boolean covers(String time) {
        if (since == null && until == null) {
            return true;
        }
        Instant at;
        try {
            at = dev.strata.image.Timestamps.parse(time);
        } catch (RuntimeException unreadable) {
            return true;
        }
        return (since == null || !at.isBefore(since)) && (until == null || at.isBefore(until));
    }
}
