package dev.strata.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Sizes and times written the way Docker's CLI writes them (go-units). */
public final class Units {
    private static final String[] DECIMAL = {"B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};
    private static final DateTimeFormatter GO_TIME_STRING =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z 'UTC'").withZone(ZoneOffset.UTC);

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
        return time == null ? "" : GO_TIME_STRING.format(time);
    }
}
