package dev.strata.go;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Go's strconv number conversions: ParseBool, ParseInt, ParseUint, Atoi and ParseFloat with Go's
 * spellings ({@code 0x1F}, {@code 0o17}, {@code 017}, {@code 1_000} in base 0, {@code inf}, hex floats)
 * and Go's error text ({@code strconv.ParseInt: parsing "x": invalid syntax}), which Docker prints after
 * {@code invalid argument "x" for "-n, --last" flag: }; and FormatFloat, which fmt's float verbs and
 * JSON's numbers are written with.
 */
public final class Strconv {
    private static final long MAX_UINT64 = -1L;

    private Strconv() {
    }

    /** Go's *strconv.NumError: which function failed on which text, and why. */
    public static final class NumError extends IllegalArgumentException {
        private final String function;
        private final String number;
        private final String reason;

        NumError(String function, String number, String reason) {
            super("strconv." + function + ": parsing " + Quote.quote(number) + ": " + reason);
            this.function = function;
            this.number = number;
            this.reason = reason;
        }

        public String function() {
            return function;
        }

        public String number() {
            return number;
        }

        /** Go's Err: "invalid syntax", "value out of range", "invalid base N" or "invalid bit size N". */
        public String reason() {
            return reason;
        }

        public boolean outOfRange() {
            return reason.equals(RANGE);
        }

        NumError renamed(String otherFunction, String otherNumber) {
            return new NumError(otherFunction, otherNumber, reason);
        }
    }

    private static final String SYNTAX = "invalid syntax";
    private static final String RANGE = "value out of range";

    public static boolean parseBool(String text) {
        return switch (text) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            case "0", "f", "F", "FALSE", "false", "False" -> false;
            default -> throw new NumError("ParseBool", text, SYNTAX);
        };
    }

    /**
     * strconv.ParseUint: {@code base} 0 takes it from the prefix ({@code 0x}, {@code 0o}, {@code 0b}, a
     * leading 0 for octal, else 10) and allows underscores between digits; {@code bitSize} 0 is 64. The
     * result is unsigned: read it with {@link Long#toUnsignedString}.
     */
    public static long parseUint(String text, int base, int bitSize) {
        return parseUint("ParseUint", text, base, bitSize);
    }

    private static long parseUint(String function, String text, int base, int bitSize) {
        if (text.isEmpty()) {
            throw new NumError(function, text, SYNTAX);
        }
        boolean base0 = base == 0;
        String s = text;
        if (base == 0) {
            base = 10;
            if (s.charAt(0) == '0') {
                char prefix = s.length() >= 3 ? Character.toLowerCase(s.charAt(1)) : 0;
                switch (prefix) {
                    case 'b' -> base = 2;
                    case 'o' -> base = 8;
                    case 'x' -> base = 16;
                    default -> base = 8;
                }
                s = s.substring(prefix == 'b' || prefix == 'o' || prefix == 'x' ? 2 : 1);
            }
        } else if (base < 2 || base > 36) {
            throw new NumError(function, text, "invalid base " + base);
        }
        if (bitSize == 0) {
            bitSize = 64;
        } else if (bitSize < 0 || bitSize > 64) {
            throw new NumError(function, text, "invalid bit size " + bitSize);
        }
        long cutoff = Long.divideUnsigned(MAX_UINT64, base) + 1; // the smallest n for which n*base overflows
        long maxValue = bitSize == 64 ? MAX_UINT64 : (1L << bitSize) - 1;
        boolean underscores = false;
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int digit;
            char lower = (char) (c | 0x20);
            if (c == '_' && base0) {
                underscores = true;
                continue;
            } else if (c >= '0' && c <= '9') {
                digit = c - '0';
            } else if (lower >= 'a' && lower <= 'z') {
                digit = lower - 'a' + 10;
            } else {
                throw new NumError(function, text, SYNTAX);
            }
            if (digit >= base) {
                throw new NumError(function, text, SYNTAX);
            }
            if (Long.compareUnsigned(n, cutoff) >= 0) {
                throw new NumError(function, text, RANGE);
            }
            n *= base;
            long n1 = n + digit;
            if (Long.compareUnsigned(n1, n) < 0 || Long.compareUnsigned(n1, maxValue) > 0) {
                throw new NumError(function, text, RANGE);
            }
            n = n1;
        }
        if (underscores && !underscoresSeparateDigits(text)) {
            throw new NumError(function, text, SYNTAX);
        }
        return n;
    }

    /** strconv.ParseInt: a sign, then as {@link #parseUint}; in range for a signed {@code bitSize}. */
    public static long parseInt(String text, int base, int bitSize) {
        return parseInt("ParseInt", text, base, bitSize);
    }

    private static long parseInt(String function, String text, int base, int bitSize) {
        if (text.isEmpty()) {
            throw new NumError(function, text, SYNTAX);
        }
        String s = text;
        boolean negative = false;
        if (s.charAt(0) == '+' || s.charAt(0) == '-') {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        long magnitude;
        boolean overflow = false;
        try {
            magnitude = parseUint(function, s, base, bitSize);
        } catch (NumError e) {
            if (!e.outOfRange()) {
                throw e.renamed(function, text);
            }
            magnitude = MAX_UINT64;
            overflow = true;
        }
        int bits = bitSize == 0 ? 64 : bitSize;
        long cutoff = 1L << (bits - 1); // unsigned: 2^63 for 64 bits
        if (overflow || (!negative && Long.compareUnsigned(magnitude, cutoff) >= 0)
                || (negative && Long.compareUnsigned(magnitude, cutoff) > 0)) {
            throw new NumError(function, text, RANGE);
        }
        return negative ? -magnitude : magnitude;
    }

    /** strconv.Atoi: ParseInt(s, 10, 0), its errors naming Atoi. */
    public static long atoi(String text) {
        return parseInt("Atoi", text, 10, 0);
    }

    /** Go's underscoreOK: each underscore between two digits, or between the base prefix and a digit. */
    private static boolean underscoresSeparateDigits(String s) {
        int i = !s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-') ? 1 : 0;
        char saw = '^'; // ^ start, 0 digit or prefix, _ underscore, ! anything else
        boolean hex = false;
        if (s.length() - i >= 2 && s.charAt(i) == '0' && "box".indexOf(Character.toLowerCase(s.charAt(i + 1))) >= 0) {
            hex = Character.toLowerCase(s.charAt(i + 1)) == 'x';
            i += 2;
            saw = '0';
        }
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            char lower = Character.toLowerCase(c);
            if (c >= '0' && c <= '9' || hex && lower >= 'a' && lower <= 'f') {
                saw = '0';
            } else if (c == '_') {
                if (saw != '0') {
                    return false;
                }
                saw = '_';
            } else {
                if (saw == '_') {
                    return false;
                }
                saw = '!';
            }
        }
        return saw != '_';
    }

    /**
     * strconv.ParseFloat(s, bitSize): decimal or hexadecimal (with a {@code p} exponent) mantissas,
     * underscores as in Go source, {@code inf}, {@code infinity} and {@code nan} in any case, rounded
     * to the nearest float64 (or float32 for {@code bitSize} 32). A value too large for the type is a
     * range error, as in Go; one too small becomes zero.
     */
    public static double parseFloat(String text, int bitSize) {
        String special = special(text);
        if (special != null) {
            return Double.parseDouble(special);
        }
        int end = floatSyntaxEnd(text);
        if (end != text.length()) {
            throw new NumError("ParseFloat", text, SYNTAX);
        }
        // the syntax is Go's and checked: what is left is also Java's, once the underscores are gone
        String plain = text.indexOf('_') >= 0 ? text.replace("_", "") : text;
        double value = bitSize == 32 ? Float.parseFloat(plain) : Double.parseDouble(plain);
        if (Double.isInfinite(value)) {
            throw new NumError("ParseFloat", text, RANGE);
        }
        return value;
    }

    /** Go's special(): the text of an infinity or NaN as Java spells it, or null. */
    private static String special(String s) {
        if (s.isEmpty()) {
            return null;
        }
        int i = 0;
        String sign = "";
        char c = s.charAt(0);
        if (c == '+' || c == '-') {
            sign = c == '-' ? "-" : "";
            i = 1;
        } else if (c == 'n' || c == 'N') {
            return s.equalsIgnoreCase("nan") ? "NaN" : null;
        }
        String rest = s.substring(i);
        return rest.equalsIgnoreCase("inf") || rest.equalsIgnoreCase("infinity") ? sign + "Infinity" : null;
    }

    /** Go's readFloat: where the float syntax at the start of {@code s} ends, or -1 if there is none. */
    private static int floatSyntaxEnd(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        boolean hex = false;
        if (i + 2 < n && s.charAt(i) == '0' && (s.charAt(i + 1) | 0x20) == 'x') {
            hex = true;
            i += 2;
        }
        boolean underscores = false;
        boolean sawDot = false;
        boolean sawDigits = false;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c == '_') {
                underscores = true;
            } else if (c == '.') {
                if (sawDot) {
                    break;
                }
                sawDot = true;
            } else if (c >= '0' && c <= '9' || hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f') {
                sawDigits = true;
            } else {
                break;
            }
        }
        if (!sawDigits) {
            return -1;
        }
        char exponent = hex ? 'p' : 'e';
        if (i < n && (s.charAt(i) | 0x20) == exponent) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            if (i >= n || s.charAt(i) < '0' || s.charAt(i) > '9') {
                return -1;
            }
            for (; i < n && (s.charAt(i) >= '0' && s.charAt(i) <= '9' || s.charAt(i) == '_'); i++) {
                if (s.charAt(i) == '_') {
                    underscores = true;
                }
            }
        } else if (hex) {
            return -1; // a hexadecimal mantissa needs its exponent
        }
        if (underscores && !underscoresSeparateDigits(s.substring(0, i))) {
            return -1;
        }
        return i;
    }

    /**
     * strconv.FormatFloat(v, fmt, prec, bitSize) for the formats e, E, f, g, G ({@code prec} -1: the
     * fewest digits that read back as {@code v}); {@code bitSize} 32 formats {@code v} as a float32.
     * The formats b, x and X are not implemented.
     */
    public static String formatFloat(double v, int fmt, int prec, int bitSize) {
        int verb = fmt;
        int size = bitSize;
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        boolean negative = (Double.doubleToRawLongBits(v) & Long.MIN_VALUE) != 0;
        double abs = Math.abs(v);
        String body = switch (verb) {
            case 'f', 'F' -> fixed(abs, prec, size);
            case 'e', 'E' -> exponent(abs, prec, size, verb == 'E' ? 'E' : 'e');
            case 'g', 'G' -> general(abs, prec, size, verb == 'G' ? 'E' : 'e');
            default -> null;
        };
        if (body == null) {
            return "%" + (char) verb; // Go's answer to an unknown format
        }
        return negative ? "-" + body : body;
    }

    /** Decimal digits (no leading or trailing zeros) and the decimal point position. */
    private record Digits(String d, int dp) {
    }

    private static Digits shortest(double abs, int size) {
        if (abs == 0) {
            return new Digits("", 0);
        }
        // Java's Double/Float.toString give the shortest repr that round-trips, as Go's does, except
        // that they never give fewer than two digits: where one digit would do (5e-324, which Java
        // writes 4.9E-324), Go's shortest has one.
        String repr = size == 32 ? Float.toString((float) abs) : Double.toString(abs);
        Digits digits = digitsOf(new BigDecimal(repr));
        if (digits.d().length() == 2) {
            Digits one = oneDigit(abs, size);
            if (one != null) {
                return one;
            }
        }
        return digits;
    }

    /** The one-digit decimal nearest {@code abs} that reads back as it, if there is one. */
    private static Digits oneDigit(double abs, int size) {
        BigDecimal exact = exact(abs, size);
        Digits best = null;
        BigDecimal bestDistance = null;
        for (RoundingMode mode : new RoundingMode[] {RoundingMode.FLOOR, RoundingMode.CEILING}) {
            BigDecimal candidate = exact.round(new MathContext(1, mode));
            if (candidate.signum() == 0) {
                continue;
            }
            boolean readsBack = size == 32
                    ? Float.parseFloat(candidate.toString()) == (float) abs
                    : Double.parseDouble(candidate.toString()) == abs;
            BigDecimal distance = candidate.subtract(exact).abs();
            if (readsBack && (bestDistance == null || distance.compareTo(bestDistance) < 0)) {
                best = digitsOf(candidate);
                bestDistance = distance;
            }
        }
        return best;
    }

    private static Digits digitsOf(BigDecimal value) {
        if (value.signum() == 0) {
            return new Digits("", 0);
        }
        BigDecimal stripped = value.stripTrailingZeros();
        String d = stripped.unscaledValue().toString();
        return new Digits(d, d.length() - stripped.scale());
    }

    private static BigDecimal exact(double abs, int size) {
        return size == 32 ? new BigDecimal((float) abs) : new BigDecimal(abs);
    }

    private static Digits significant(double abs, int size, int n) {
        if (abs == 0) {
            return new Digits("", 0);
        }
        return digitsOf(exact(abs, size).round(new MathContext(n, RoundingMode.HALF_EVEN)));
    }

    private static String fixed(double abs, int prec, int size) {
        if (prec < 0) {
            Digits digits = shortest(abs, size);
            return fixedFrom(digits, Math.max(digits.d().length() - digits.dp(), 0));
        }
        return exact(abs, size).setScale(prec, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static String fixedFrom(Digits digits, int prec) {
        StringBuilder s = new StringBuilder();
        String d = digits.d();
        if (digits.dp() > 0) {
            for (int k = 0; k < digits.dp(); k++) {
                s.append(k < d.length() ? d.charAt(k) : '0');
            }
        } else {
            s.append('0');
        }
        if (prec > 0) {
            s.append('.');
            for (int k = 0; k < prec; k++) {
                int j = digits.dp() + k;
                s.append(j >= 0 && j < d.length() ? d.charAt(j) : '0');
            }
        }
        return s.toString();
    }

    private static String exponent(double abs, int prec, int size, char e) {
        Digits digits = prec < 0 ? shortest(abs, size) : significant(abs, size, prec + 1);
        return exponentFrom(digits, prec < 0 ? Math.max(digits.d().length() - 1, 0) : prec, e);
    }

    private static String exponentFrom(Digits digits, int prec, char e) {
        String d = digits.d();
        StringBuilder s = new StringBuilder();
        s.append(d.isEmpty() ? '0' : d.charAt(0));
        if (prec > 0) {
            s.append('.');
            for (int k = 1; k <= prec; k++) {
                s.append(k < d.length() ? d.charAt(k) : '0');
            }
        }
        int exp = d.isEmpty() ? 0 : digits.dp() - 1;
        s.append(e).append(exp < 0 ? '-' : '+');
        int a = Math.abs(exp);
        if (a < 10) {
            s.append('0');
        }
        return s.append(a).toString();
    }

    private static String general(double abs, int prec, int size, char e) {
        boolean shortest = prec < 0;
        Digits digits;
        int eprec;
        if (shortest) {
            digits = shortest(abs, size);
            eprec = 6;
        } else {
            if (prec == 0) {
                prec = 1;
            }
            digits = significant(abs, size, prec);
            eprec = prec;
            if (eprec > digits.d().length() && digits.d().length() >= digits.dp()) {
                eprec = digits.d().length();
            }
        }
        int exp = digits.dp() - 1; // -1 for zero, which so prints as 0, never 0e+00
        if (exp < -4 || exp >= eprec) {
            return exponentFrom(digits, Math.max(digits.d().length() - 1, 0), e);
        }
        return fixedFrom(digits, Math.max(digits.d().length() - digits.dp(), 0));
    }
}
