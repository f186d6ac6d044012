package dev.strata.go;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * Go's time.Parse and ParseInLocation for the layouts Docker's timestamps are read with (the elements
 * {@code 2006 01 02 15 04 05 .999999999 Z07:00} between literal text), with Go's error messages:
 * {@code parsing time "2026-13-01": month out of range}, {@code parsing time "x" as "2006-01-02": cannot
 * parse "x" as "2006"}. Other layout elements are not supported.
 */
public final class TimeParse {
    private static final String[] ELEMENTS = {"2006", "01", "02", "15", "04", "05", ".999999999", "Z07:00"};

    private TimeParse() {
    }

    /** Go's *time.ParseError, worded as its Error() is. */
    public static final class ParseError extends IllegalArgumentException {
        ParseError(String message) {
            super(message);
        }
    }

    /**
     * The instant {@code value} names in {@code layout}; a time without a zone is taken in {@code zone}
     * (ParseInLocation with a fixed zone; time.Parse is {@code ZoneOffset.UTC}).
     */
    public static Instant parse(String layout, String value, ZoneOffset zone) {
        String rest = value;
        String layoutRest = layout;
        int year = 0;
        int month = -1;
        int day = -1;
        int hour = 0;
        int minute = 0;
        int second = 0;
        int nanos = 0;
        Integer offsetSeconds = null;
        while (true) {
            int[] found = nextElement(layoutRest);
            String prefix = layoutRest.substring(0, found[0]);
            int skipped = skip(rest, prefix);
            if (skipped < 0) {
                throw chunkError(layout, value, prefix, rest.substring(-skipped - 1));
            }
            rest = rest.substring(skipped);
            if (found[1] < 0) {
                if (!rest.isEmpty()) {
                    throw new ParseError("parsing time " + Quote.quote(value) + ": extra text: " + Quote.quote(rest));
                }
                break;
            }
            String element = ELEMENTS[found[1]];
            layoutRest = layoutRest.substring(found[0] + element.length());
            String hold = rest;
            String range = null;
            boolean bad = false;
            switch (element) {
                case "2006" -> {
                    if (rest.length() < 4 || !digits(rest, 4)) {
                        bad = true;
                    } else {
                        year = Integer.parseInt(rest.substring(0, 4));
                        rest = rest.substring(4);
                    }
                }
                case "01", "02", "04", "05", "15" -> {
                    boolean fixed = !element.equals("15");
                    int n = number(rest, fixed);
                    if (n < 0) {
                        bad = true;
                        break;
                    }
                    rest = rest.substring(n >= 10 || (rest.length() > 1 && isDigit(rest, 1)) ? 2 : 1);
                    switch (element) {
                        case "01" -> {
                            month = n;
                            range = n <= 0 || n > 12 ? "month" : null;
                        }
                        case "02" -> day = n;
                        case "15" -> {
                            hour = n;
                            range = n >= 24 ? "hour" : null;
                        }
                        case "04" -> {
                            minute = n;
                            range = n >= 60 ? "minute" : null;
                        }
                        default -> {
                            second = n;
                            range = n >= 60 ? "second" : null;
                            // a fraction the layout does not name is read all the same, as Go does
                            if (range == null && rest.length() >= 2 && (rest.charAt(0) == '.' || rest.charAt(0) == ',')
                                    && isDigit(rest, 1) && nextElementIs(layoutRest, ".999999999") == false) {
                                int end = 2;
                                while (end < rest.length() && isDigit(rest, end)) {
                                    end++;
                                }
                                nanos = nanoseconds(rest, end);
                                rest = rest.substring(end);
                            }
                        }
                    }
                }
                case ".999999999" -> {
                    if (rest.length() >= 2 && (rest.charAt(0) == '.' || rest.charAt(0) == ',') && isDigit(rest, 1)) {
                        int end = 1;
                        while (end < rest.length() && isDigit(rest, end)) {
                            end++;
                        }
                        nanos = nanoseconds(rest, end);
                        rest = rest.substring(end);
                    }
                }
                default -> { // Z07:00
                    if (!rest.isEmpty() && rest.charAt(0) == 'Z') {
                        rest = rest.substring(1);
                        offsetSeconds = 0;
                    } else if (rest.length() < 6 || rest.charAt(3) != ':'
                            || number(rest.substring(1, 3), true) < 0 || number(rest.substring(4, 6), true) < 0
                            || (rest.charAt(0) != '+' && rest.charAt(0) != '-')) {
                        bad = true;
                    } else {
                        int hours = number(rest.substring(1, 3), true);
                        int minutes = number(rest.substring(4, 6), true);
                        range = hours > 24 ? "time zone offset hour" : minutes > 60 ? "time zone offset minute" : null;
                        offsetSeconds = (hours * 60 + minutes) * 60 * (rest.charAt(0) == '-' ? -1 : 1);
                        rest = rest.substring(6);
                    }
                }
            }
            if (range != null) {
                throw new ParseError("parsing time " + Quote.quote(value) + ": " + range + " out of range");
            }
            if (bad) {
                throw chunkError(layout, value, element, hold);
            }
        }
        if (month < 0) {
            month = 1;
        }
        if (day < 0) {
            day = 1;
        }
        if (day < 1 || day > YearMonth.of(year, month).lengthOfMonth()) {
            throw new ParseError("parsing time " + Quote.quote(value) + ": day out of range");
        }
        try {
            LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second, nanos);
            return local.toInstant(offsetSeconds == null ? zone : ZoneOffset.ofTotalSeconds(offsetSeconds));
        } catch (DateTimeException e) {
            throw new ParseError("parsing time " + Quote.quote(value) + ": " + e.getMessage());
        }
    }

    private static ParseError chunkError(String layout, String value, String layoutElement, String valueElement) {
        return new ParseError("parsing time " + Quote.quote(value) + " as " + Quote.quote(layout) + ": cannot parse "
                + Quote.quote(valueElement) + " as " + Quote.quote(layoutElement));
    }

    /** Where the next element starts in {@code layout} and which it is; {@code [length, -1]} for none. */
    private static int[] nextElement(String layout) {
        for (int i = 0; i < layout.length(); i++) {
            for (int e = 0; e < ELEMENTS.length; e++) {
                if (layout.startsWith(ELEMENTS[e], i)) {
                    return new int[] {i, e};
                }
            }
        }
        return new int[] {layout.length(), -1};
    }

    private static boolean nextElementIs(String layout, String element) {
        int[] found = nextElement(layout);
        return found[1] >= 0 && ELEMENTS[found[1]].equals(element);
    }

    /**
     * Go's skip: the number of characters of {@code value} the literal {@code prefix} matches; on a
     * mismatch, {@code -(where + 1)}.
     */
    private static int skip(String value, String prefix) {
        int v = 0;
        for (int p = 0; p < prefix.length(); p++) {
            if (v >= value.length() || value.charAt(v) != prefix.charAt(p)) {
                return -(v + 1);
            }
            v++;
        }
        return v;
    }

    /** Go's getnum: one or two digits ({@code fixed}: exactly two); -1 if there are none. */
    private static int number(String s, boolean fixed) {
        if (!isDigit(s, 0)) {
            return -1;
        }
        if (!isDigit(s, 1)) {
            return fixed ? -1 : s.charAt(0) - '0';
        }
        return (s.charAt(0) - '0') * 10 + (s.charAt(1) - '0');
    }

    /** The fraction {@code s[1:end]} as nanoseconds, digits past the ninth dropped. */
    private static int nanoseconds(String s, int end) {
        String digits = s.substring(1, Math.min(end, 10));
        int ns = Integer.parseInt(digits);
        for (int i = digits.length(); i < 9; i++) {
            ns *= 10;
        }
        return ns;
    }

    private static boolean digits(String s, int count) {
        for (int i = 0; i < count; i++) {
            if (!isDigit(s, i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(String s, int i) {
        return i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9';
    }
}
