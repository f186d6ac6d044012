package dev.strata.cli.flag;

import dev.strata.template.GoQuote;

/**
 * Go's strconv.ParseBool and strconv.ParseInt(s, 0, 64), which pflag uses for bool and int flags: the
 * same spellings accepted ({@code T}, {@code 0x1F}, {@code 0o17}, {@code 017}, {@code 1_000}) and the
 * same error text, which Docker prints after {@code invalid argument "x" for "-n, --last" flag: }.
 */
final class GoStrconv {
    private GoStrconv() {
    }

    static boolean parseBool(String text) {
        return switch (text) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            case "0", "f", "F", "FALSE", "false", "False" -> false;
            default -> throw error("ParseBool", text, "invalid syntax");
        };
    }

    /** Base from the prefix as Go's base 0: {@code 0x}, {@code 0o}, {@code 0b}, a leading 0 for octal, else 10. */
    static long parseInt(String text) {
        String s = text;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.isEmpty()) {
            throw error("ParseInt", text, "invalid syntax");
        }
        int base = 10;
        if (s.charAt(0) == '0') {
            char prefix = s.length() >= 3 ? Character.toLowerCase(s.charAt(1)) : 0;
            base = switch (prefix) {
                case 'b' -> 2;
                case 'o' -> 8;
                case 'x' -> 16;
                default -> 8;
            };
            s = s.substring(prefix == 'b' || prefix == 'o' || prefix == 'x' ? 2 : 1);
        }
        long magnitude = 0; // unsigned
        boolean underscores = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '_') {
                underscores = true;
                continue;
            }
            char lower = (char) (c | 0x20);
            int digit = c >= '0' && c <= '9' ? c - '0' : lower >= 'a' && lower <= 'z' ? lower - 'a' + 10 : base;
            if (digit >= base) {
                throw error("ParseInt", text, "invalid syntax");
            }
            if (Long.compareUnsigned(magnitude, Long.divideUnsigned(-1L, base)) > 0
                    || Long.compareUnsigned(magnitude * base + digit, magnitude * base) < 0) {
                throw error("ParseInt", text, "value out of range");
            }
            magnitude = magnitude * base + digit;
        }
        if (underscores && !underscoresSeparateDigits(text)) {
            throw error("ParseInt", text, "invalid syntax");
        }
        if (negative ? Long.compareUnsigned(magnitude, Long.MIN_VALUE) > 0 : magnitude < 0) {
            throw error("ParseInt", text, "value out of range");
        }
        return negative ? -magnitude : magnitude;
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

    private static IllegalArgumentException error(String function, String text, String reason) {
        return new IllegalArgumentException("strconv." + function + ": parsing " + GoQuote.quote(text) + ": " + reason);
    }
}
