package dev.strata.go;

import java.time.Duration;

/**
 * Go's time.Duration as text: ParseDuration ({@code 30s}, {@code 1m30s}, {@code 1.5h}, {@code 500ms}),
 * which is what HEALTHCHECK's flags take, and String, which is how Docker prints one.
 */
public final class Durations {
    private Durations() {
    }

    private static final long MAX_MAGNITUDE = Long.MIN_VALUE; // 1<<63, read unsigned

    /**
     * Parses a Go duration; an {@link IllegalArgumentException} when the text is not one. As Go's
     * ParseDuration, in integer nanoseconds (a fraction through a double, which is exact for any
     * fraction of an hour), so every value up to the int64 limits reads back exactly.
     */
    public static Duration parse(String text) {
        String s = text;
        boolean negative = false;
        if (s.startsWith("-") || s.startsWith("+")) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw invalid(text);
        }
        long total = 0; // unsigned, at most 1<<63
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (!(c == '.' || c >= '0' && c <= '9')) {
                throw invalid(text);
            }
            // [0-9]*
            long whole = 0;
            int start = i;
            for (; i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9'; i++) {
                if (Long.compareUnsigned(whole, Long.divideUnsigned(MAX_MAGNITUDE, 10)) > 0) {
                    throw invalid(text);
                }
                whole = whole * 10 + (s.charAt(i) - '0');
                if (Long.compareUnsigned(whole, MAX_MAGNITUDE) > 0) {
                    throw invalid(text);
                }
            }
            boolean digitsBefore = i > start;
            // (\.[0-9]*)?: digits past what a uint64 holds only stop adding precision
            long fraction = 0;
            double scale = 1;
            boolean digitsAfter = false;
            if (i < s.length() && s.charAt(i) == '.') {
                i++;
                boolean overflow = false;
                for (; i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9'; i++) {
                    digitsAfter = true;
                    if (overflow) {
                        continue;
                    }
                    if (Long.compareUnsigned(fraction, Long.MAX_VALUE / 10) > 0) {
                        overflow = true;
                        continue;
                    }
                    long next = fraction * 10 + (s.charAt(i) - '0');
                    if (Long.compareUnsigned(next, MAX_MAGNITUDE) > 0) {
                        overflow = true;
                        continue;
                    }
                    fraction = next;
                    scale *= 10;
                }
            }
            if (!digitsBefore && !digitsAfter) {
                throw invalid(text);
            }
            int unitStart = i;
            while (i < s.length() && !(s.charAt(i) == '.' || s.charAt(i) >= '0' && s.charAt(i) <= '9')) {
                i++;
            }
            String unitName = s.substring(unitStart, i);
            long unit = switch (unitName) {
                case "ns" -> 1L;
                case "us", "\u00b5s", "\u03bcs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                case "" -> throw new IllegalArgumentException("missing unit in duration \"" + text + "\"");
                default -> throw new IllegalArgumentException(
                        "unknown unit \"" + unitName + "\" in duration \"" + text + "\"");
            };
            if (Long.compareUnsigned(whole, Long.divideUnsigned(MAX_MAGNITUDE, unit)) > 0) {
                throw invalid(text);
            }
            whole *= unit;
            if (fraction > 0) {
                whole += (long) (fraction * (unit / scale));
                if (Long.compareUnsigned(whole, MAX_MAGNITUDE) > 0) {
                    throw invalid(text);
                }
            }
            total += whole;
            if (Long.compareUnsigned(total, MAX_MAGNITUDE) > 0) {
                throw invalid(text);
            }
        }
        if (negative) {
            return Duration.ofNanos(-total); // 1<<63 negates to itself: Long.MIN_VALUE
        }
        if (total < 0) {
            throw invalid(text);
        }
        return Duration.ofNanos(total);
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("invalid duration \"" + text + "\"");
    }

    /** Writes a duration as Go's {@code time.Duration.String} does: {@code 1h2m3.5s}, {@code 1.5ms}, {@code 0s}. */
    public static String format(Duration duration) {
        long n = duration.toNanos();
        if (n == 0) {
            return "0s";
        }
        String sign = n < 0 ? "-" : "";
        long u = n < 0 ? -n : n; // unsigned: the magnitude of Long.MIN_VALUE is 1<<63
        if (Long.compareUnsigned(u, 1_000_000_000L) < 0) {
            if (u < 1_000) {
                return sign + u + "ns";
            }
            if (u < 1_000_000) {
                return sign + fraction(u, 1_000) + "\u00b5s";
            }
            return sign + fraction(u, 1_000_000) + "ms";
        }
        long hours = Long.divideUnsigned(u, 3_600_000_000_000L);
        long minutes = Long.divideUnsigned(u, 60_000_000_000L) % 60;
        long secondsNanos = Long.remainderUnsigned(u, 60_000_000_000L);
        StringBuilder out = new StringBuilder(sign);
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            out.append(minutes).append('m');
        }
        return out.append(fraction(secondsNanos, 1_000_000_000L)).append('s').toString();
    }

    private static String fraction(long value, long unit) {
        long whole = value / unit;
        long rest = value % unit;
        if (rest == 0) {
            return Long.toString(whole);
        }
        String digits = Long.toString(unit + rest).substring(1);
        int end = digits.length();
        while (digits.charAt(end - 1) == '0') {
            end--;
        }
        return whole + "." + digits.substring(0, end);
    }
}
