package dev.strata.go;

import java.time.Duration;
import java.time.Instant;

/** Sizes and durations written for people, as Docker's CLI writes them with go-units. */
public final class Units {
    private static final String[] DECIMAL = {"B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};

    private Units() {
    }

    /** go-units HumanSizeWithPrecision(size, 3): {@code 1.98MB}, {@code 13.3kB}, {@code 199MB}, {@code 0B}. */
    public static String humanSize(long bytes) {
        return humanSize(bytes, 3);
    }

    public static String humanSize(double size, int precision) {
        int unit = 0;
        while (size >= 1000 && unit < DECIMAL.length - 1) {
            size /= 1000;
            unit++;
        }
        return formatG(size, precision) + DECIMAL[unit];
    }

    private static final String[] BINARY = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"};

    /** go-units BytesSize: powers of 1024, four significant digits ({@code 572KiB}, {@code 23.54GiB}). */
    public static String bytesSize(double size) {
        int unit = 0;
        while (size >= 1024 && unit < BINARY.length - 1) {
            size /= 1024;
            unit++;
        }
        return formatG(size, 4) + BINARY[unit];
    }

    /** Go's {@code %.Ng}: N significant digits, trailing zeros dropped, exponent form when Go would use it. */
    static String formatG(double value, int precision) {
        if (value == 0) {
            return "0";
        }
        String quick = quickFormatG(value, precision);
        return quick != null ? quick : exactFormatG(value, precision);
    }

    private static final double[] POWERS_OF_TEN = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
            1e13, 1e14, 1e15, 1e16, 1e17, 1e18};

    /**
     * {@link #formatG} in plain arithmetic, for the values a size column holds (positive, in plain
     * notation, not close to a rounding tie); null for anything else, which {@link #exactFormatG} rounds
     * exactly. BigDecimal's first use costs a fresh JVM milliseconds, on every {@code images}.
     */
    static String quickFormatG(double value, int precision) {
        if (!(value >= 1 && value < 1e15) || precision < 1 || precision > 15) {
            return null;
        }
        int exponent = (int) Math.log10(value);
        if (value < POWERS_OF_TEN[exponent]) {
            exponent--;
        } else if (exponent + 1 < POWERS_OF_TEN.length && value >= POWERS_OF_TEN[exponent + 1]) {
            exponent++;
        }
        if (exponent >= precision) {
            return null; // exponent form
        }
        int decimals = precision - 1 - exponent;
        double scaled = value * POWERS_OF_TEN[decimals];
        double fraction = scaled - Math.floor(scaled);
        if (Math.abs(fraction - 0.5) < 1e-6) {
            return null; // a tie or nearly: only exact arithmetic rounds it as Go does
        }
        long digits = Math.round(scaled);
        if (digits >= (long) POWERS_OF_TEN[precision]) {
            return null; // rounded up into the next power of ten (999.7 -> 1e+03)
        }
        while (decimals > 0 && digits % 10 == 0) {
            digits /= 10;
            decimals--;
        }
        String text = Long.toString(digits);
        if (decimals == 0) {
            return text;
        }
        return text.substring(0, text.length() - decimals) + "." + text.substring(text.length() - decimals);
    }

    static String exactFormatG(double value, int precision) {
        return Strconv.formatFloat(value, 'g', precision, 64);
    }

    /** go-units HumanDuration, as in "Up 2 seconds" and "5 minutes ago". */
    public static String humanDuration(Duration d) {
        long seconds = d.getSeconds();
        if (seconds < 1) {
            return "Less than a second";
        }
        if (seconds == 1) {
            return "1 second";
        }
        if (seconds < 60) {
            return seconds + " seconds";
        }
        long minutes = d.toMinutes();
        if (minutes == 1) {
            return "About a minute";
        }
        if (minutes < 60) {
            return minutes + " minutes";
        }
        long hours = Math.round(d.toMillis() / 3_600_000.0);
        if (hours == 1) {
            return "About an hour";
        }
        if (hours < 48) {
            return hours + " hours";
        }
        if (hours < 24 * 7 * 2) {
            return hours / 24 + " days";
        }
        if (hours < 24 * 30 * 2) {
            return hours / 24 / 7 + " weeks";
        }
        if (hours < 24 * 365 * 2) {
            return hours / 24 / 30 + " months";
        }
        return d.toHours() / 24 / 365 + " years";
    }

    /** Docker's {@code units.HumanDuration(now.Sub(then)) + " ago"}, as the CREATED columns show; empty for an unknown time. */
    public static String ago(Instant then, Instant now) {
        if (then == null) {
            return "";
        }
        return humanDuration(Duration.between(then, now)) + " ago";
    }
}
