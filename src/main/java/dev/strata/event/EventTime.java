package dev.strata.event;

import dev.strata.go.Durations;
import dev.strata.go.Quote;
import dev.strata.go.TimeParse;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The times {@code --since} and {@code --until} take, read in two steps as Docker reads them. The
 * client turns what the user typed into seconds since the epoch ({@link #timestamp}, docker/cli's
 * timetypes.GetTimestamp): a Go duration before now ({@code 10m}, whole seconds), an RFC 3339 time with
 * or without a fraction and a zone (without one, in the local zone), a date, or a Unix time passed on as
 * typed. The daemon reads that text ({@link #parse}, timetypes.ParseTimestamps).
 */
public final class EventTime {
    private EventTime() {
    }

    /**
     * The Unix time {@code value} names, as the text the docker CLI sends ({@code 1700000000} or
     * {@code 1700000000.500000000}); IllegalArgumentException with Docker's words if it names none.
     */
    public static String timestamp(String value, Instant now, ZoneId localZone) {
        if (!value.equals("0")) {
            try {
                return Long.toString(now.minus(Durations.parse(value)).getEpochSecond());
            } catch (IllegalArgumentException notADuration) {
                // a time, then
            }
        }
        boolean inLocation = !(containsAny(value, "zZ+") || value.chars().filter(c -> c == '-').count() == 3);
        String layout;
        if (value.contains(".")) {
            layout = inLocation ? "2006-01-02T15:04:05.999999999" : "2006-01-02T15:04:05.999999999Z07:00";
        } else if (value.contains("T")) {
            long colons = value.chars().filter(c -> c == ':').count();
            if (!inLocation && !containsAny(value, "zZ") && colons > 0) {
                colons--; // the zone's own colon
            }
            if (inLocation) {
                layout = colons == 0 ? "2006-01-02T15" : colons == 1 ? "2006-01-02T15:04" : "2006-01-02T15:04:05";
            } else {
                layout = colons == 0 ? "2006-01-02T15Z07:00" : colons == 1 ? "2006-01-02T15:04Z07:00"
                        : "2006-01-02T15:04:05Z07:00";
            }
        } else {
            layout = inLocation ? "2006-01-02" : "2006-01-02Z07:00";
        }
        ZoneOffset zone = inLocation ? localZone.getRules().getOffset(now) : ZoneOffset.UTC;
        try {
            Instant t = TimeParse.parse(layout, value, zone);
            return t.getEpochSecond() + "." + String.format("%09d", t.getNano());
        } catch (TimeParse.ParseError e) {
            if (value.contains("-")) {
                throw e; // an RFC 3339 time gone wrong: Go's own words
            }
            try {
                parse(value);
            } catch (IllegalArgumentException notUnix) {
                throw new IllegalArgumentException("failed to parse value as time or duration: " + Quote.quote(value));
            }
            return value;
        }
    }

    /**
     * The instant of {@code seconds[.fraction]}, as the daemon reads its {@code since} and {@code until};
     * IllegalArgumentException with Go's strconv words if it is not one.
     */
    public static Instant parse(String value) {
        int dot = value.indexOf('.');
        long seconds = dev.strata.go.Strconv.parseInt(dot < 0 ? value : value.substring(0, dot), 10, 64);
        if (dot < 0) {
            return Instant.ofEpochSecond(seconds);
        }
        String fraction = value.substring(dot + 1);
        long digits = dev.strata.go.Strconv.parseInt(fraction, 10, 64);
        // Docker scales the fraction's digits to nanoseconds through a float, as here
        long nanos = (long) (digits * Math.pow(10, 9 - fraction.length()));
        return Instant.ofEpochSecond(seconds).plusNanos(nanos);
    }

    private static boolean containsAny(String value, String chars) {
        for (int i = 0; i < chars.length(); i++) {
            if (value.indexOf(chars.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }
}
