package dev.strata.image;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Times as Go's RFC3339Nano writes them, which is what image configs and Docker's JSON carry: UTC,
 * {@code Z}, and a fraction with trailing zeros dropped ({@code .7784905Z}, not {@code .778490500Z}).
 */
public final class Timestamps {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    /** Go's zero time, which Docker prints for a time never set. */
    public static final String ZERO = "0001-01-01T00:00:00Z";

    private Timestamps() {
    }

    public static String format(Instant instant) {
        StringBuilder out = new StringBuilder(SECONDS.format(instant));
        int nanos = instant.getNano();
        if (nanos != 0) {
            String fraction = String.format("%09d", nanos);
            int end = fraction.length();
            while (fraction.charAt(end - 1) == '0') {
                end--;
            }
            out.append('.').append(fraction, 0, end);
        }
        return out.append('Z').toString();
    }

    /** Now, at the precision the system clock gives. */
    public static String now() {
        return format(Instant.now());
    }
}
