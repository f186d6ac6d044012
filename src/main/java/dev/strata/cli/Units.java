package dev.strata.cli;

import java.time.Duration;
import java.time.Instant;

/** Sizes and times written the way Docker's CLI writes them (go-units). */
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
        java.math.BigDecimal rounded = new java.math.BigDecimal(value)
                .round(new java.math.MathContext(precision, java.math.RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= precision) {
            java.math.BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
            String sign = exponent < 0 ? "-" : "+";
            int abs = Math.abs(exponent);
            return mantissa.toPlainString() + "e" + sign + (abs < 10 ? "0" + abs : Integer.toString(abs));
        }
        return rounded.stripTrailingZeros().toPlainString();
    }

    /** go-units HumanDuration: "Less than a second", "About a minute", "3 days", ... */
    public static String humanDuration(Duration d) {
        return dev.strata.container.HumanDuration.of(d);
    }

    /** "2 days ago", as the CREATED columns show; empty for an unknown time. */
    public static String ago(Instant then, Instant now) {
        if (then == null) {
            return "";
        }
        return humanDuration(Duration.between(then, now)) + " ago";
    }

    /** Go's time.Time String() for a UTC time: {@code 2026-11-25 09:01:46 +0000 UTC}. */
    public static String goTimeString(Instant time) {
        if (time == null) {
            return "";
        }
        // through Timestamps rather than a DateTimeFormatter, whose first use costs a fresh JVM milliseconds
        String rfc3339 = dev.strata.image.Timestamps.format(Instant.ofEpochSecond(time.getEpochSecond()));
        int t = rfc3339.indexOf('T');
        return rfc3339.substring(0, t) + " " + rfc3339.substring(t + 1, rfc3339.length() - 1) + " +0000 UTC";
    }

    /** Go's time.Time String() with its fraction, as {@code network ls} shows CreatedAt: {@code 2026-12-03 00:05:46.802276801 +0000 UTC}. */
    public static String goTimeStringPrecise(Instant time) {
        String rfc3339 = dev.strata.image.Timestamps.format(time);
        int t = rfc3339.indexOf('T');
        return rfc3339.substring(0, t) + " " + rfc3339.substring(t + 1, rfc3339.length() - 1) + " +0000 UTC";
    }

    /**
     * Docker's {@code until} filter value: a Unix time ({@code 1700000000}, with a fraction), a duration
     * before now ({@code 24h}, {@code 90m}, {@code 30s}), or an RFC 3339 time.
     */
    public static Instant parseUntil(String value) {
        try {
            if (value.matches("\\d+(\\.\\d+)?")) {
                java.math.BigDecimal seconds = new java.math.BigDecimal(value);
                return Instant.ofEpochSecond(seconds.longValue(),
                        seconds.remainder(java.math.BigDecimal.ONE).movePointRight(9).intValue());
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(h|m|s)").matcher(value);
            if (value.matches("((\\d+)(h|m|s))+")) {
                Duration d = Duration.ZERO;
                while (m.find()) {
                    long n = Long.parseLong(m.group(1));
                    d = d.plus(switch (m.group(2)) {
                        case "h" -> Duration.ofHours(n);
                        case "m" -> Duration.ofMinutes(n);
                        default -> Duration.ofSeconds(n);
                    });
                }
                return Instant.now().minus(d);
            }
            return dev.strata.image.Timestamps.parse(value);
        } catch (RuntimeException e) {
            throw new CommandFailure(1, CommandContext.DAEMON + "invalid filter 'until=" + value + "'");
        }
    }
}
