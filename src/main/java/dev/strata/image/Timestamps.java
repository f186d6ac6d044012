package dev.strata.image;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Times as Go's RFC3339Nano writes them, which is what image configs and Docker's JSON carry: UTC,
 * {@code Z}, and a fraction with trailing zeros dropped ({@code .7784905Z}, not {@code .778490500Z}).
 */
public final class Timestamps {
    /** Go's zero time, which Docker prints for a time never set. */
    public static final String ZERO = "0001-01-01T00:00:00Z";

    private Timestamps() {
    }

    // Written by hand rather than through DateTimeFormatter: its first use in a fresh JVM costs
    // milliseconds, and every listing command formats or parses a time per row.

    public static String format(Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        StringBuilder out = new StringBuilder(30);
        pad(out, t.getYear(), 4).append('-');
        pad(out, t.getMonthValue(), 2).append('-');
        pad(out, t.getDayOfMonth(), 2).append('T');
        pad(out, t.getHour(), 2).append(':');
        pad(out, t.getMinute(), 2).append(':');
        pad(out, t.getSecond(), 2);
        int nanos = instant.getNano();
        if (nanos != 0) {
            int digits = 9;
            while (nanos % 10 == 0) {
                nanos /= 10;
                digits--;
            }
            pad(out.append('.'), nanos, digits);
        }
        return out.append('Z').toString();
    }

    /** Now, at the precision the system clock gives. */
    public static String now() {
        return format(Instant.now());
    }

    /**
     * Parses an RFC 3339 time. The form Go and Docker write ({@code 2024-06-01T12:00:00.5Z}) is read
     * directly; any other (an offset, a lowercase t) goes to {@link Instant#parse}, which throws
     * {@link java.time.format.DateTimeParseException} for what is not a time at all.
     */
    public static Instant parse(String text) {
        int n = text.length();
        if (n >= 20 && n <= 30 && text.charAt(n - 1) == 'Z' && text.charAt(4) == '-' && text.charAt(7) == '-'
                && text.charAt(10) == 'T' && text.charAt(13) == ':' && text.charAt(16) == ':'
                && (n == 20 || text.charAt(19) == '.' && n > 21)) {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 7);
            int day = digits(text, 8, 10);
            int hour = digits(text, 11, 13);
            int minute = digits(text, 14, 16);
            int second = digits(text, 17, 19);
            int nanos = 0;
            if (n > 20) {
                nanos = digits(text, 20, n - 1);
                for (int i = n - 1 - 20; i < 9; i++) {
                    nanos *= 10;
                }
            }
            if (year >= 0 && month >= 1 && month <= 12 && day >= 1 && hour >= 0 && hour < 24 && minute >= 0
                    && minute < 60 && second >= 0 && second < 60 && nanos >= 0
                    && day <= daysIn(year, month)) {
                long epochSecond = epochDay(year, month, day) * 86_400 + hour * 3600L + minute * 60L + second;
                return Instant.ofEpochSecond(epochSecond, nanos);
            }
        }
        return Instant.parse(text);
    }

    /** Days from 1970-01-01 in the proleptic Gregorian calendar (LocalDate's Year class init builds a formatter). */
    private static long epochDay(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }

    private static int daysIn(int year, int month) {
        if (month == 2) {
            return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
        }
        return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
    }

    /** The decimal value of text[from, to), or -1 if any of it is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static StringBuilder pad(StringBuilder out, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        return out.append(digits);
    }
}
