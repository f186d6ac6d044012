package dev.strata.go;

import dev.strata.image.Timestamps;
import java.time.Instant;

/** Go's time.Time as it prints itself, for a time in UTC. */
public final class Times {
    private Times() {
    }

    /**
     * time.Time's String(): {@code 2026-11-25 09:01:46.5 +0000 UTC}, the fraction with its trailing zeros
     * dropped and absent when zero. Through {@link Timestamps}, whose RFC 3339 form has the same digits,
     * rather than a DateTimeFormatter, whose first use costs a fresh JVM milliseconds.
     */
    public static String string(Instant time) {
        String rfc3339 = Timestamps.format(time);
        int t = rfc3339.indexOf('T');
        return rfc3339.substring(0, t) + " " + rfc3339.substring(t + 1, rfc3339.length() - 1) + " +0000 UTC";
    }
}
