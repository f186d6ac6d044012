package dev.strata.go;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Go's fmt package over Java values seen as Go values ({@link Values}): Sprint, Sprintln, Sprintf and
 * the {@code %v} rendering of every printed value, as templates' {@code print}, {@code println} and
 * {@code printf} use them. Java's Formatter disagrees with Go on too much
 * ({@code %v}, {@code %q}, {@code %x} of strings, rounding half to even, {@code %!d(string=x)}
 * errors, zero-padded strings), so the verbs are implemented here from Go's documented rules.
 */
public final class Fmt {

    private Fmt() {
    }

    /** fmt.Sprint: a space between operands when neither is a string. */
    public static String sprint(List<Object> args) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < args.size(); i++) {
            Object arg = args.get(i);
            if (i > 0 && !(arg instanceof String) && !(args.get(i - 1) instanceof String)) {
                out.append(' ');
            }
            out.append(valueString(arg));
        }
        return out.toString();
    }

    /** fmt.Sprintln: spaces between all operands and a final newline. */
    public static String sprintln(List<Object> args) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(valueString(args.get(i)));
        }
        return out.append('\n').toString();
    }

    /** {@code %v} of one value. */
    public static String valueString(Object value) {
        Printer p = new Printer();
        p.printArg(value, 'v', 0);
        return p.buf.toString();
    }

    public static String sprintf(String format, List<Object> args) {
        Printer p = new Printer();
        p.doPrintf(format, args);
        return p.buf.toString();
    }

    /** One formatting run; the flags describe the verb being formatted. */
    private static final class Printer {
        final StringBuilder buf = new StringBuilder();
        boolean plus;
        boolean minus;
        boolean sharp;
        boolean space;
        boolean zero;
        boolean plusV;
        boolean sharpV;
        boolean widPresent;
        boolean precPresent;
        int wid;
        int prec;

        private void clearFlags() {
            plus = minus = sharp = space = zero = plusV = sharpV = false;
            widPresent = precPresent = false;
            wid = prec = 0;
        }

        private boolean goodArgNum;
        private boolean reordered;
        // where doPrintf is in the format, which operand is next, and whether an explicit [n] came just before
        private int pos;
        private int argNum;
        private boolean afterIndex;

        /** Go's doPrintf, step for step: flags, [n], width or *, .precision or *, [n], verb. */
        void doPrintf(String format, List<Object> args) {
            int end = format.length();
            argNum = 0;
            reordered = false;
            pos = 0;
            while (pos < end) {
                goodArgNum = true;
                int lasti = pos;
                while (pos < end && format.charAt(pos) != '%') {
                    pos++;
                }
                buf.append(format, lasti, pos);
                if (pos >= end) {
                    break;
                }
                pos++; // skip %
                clearFlags();
                flags:
                for (; pos < end; pos++) {
                    switch (format.charAt(pos)) {
                        case '#' -> sharp = true;
                        case '0' -> zero = !minus; // only pad with zeros on the left
                        case '+' -> plus = true;
                        case '-' -> {
                            minus = true;
                            zero = false;
                        }
                        case ' ' -> space = true;
                        default -> {
                            break flags;
                        }
                    }
                }
                argNumber(format, args.size());
                Size width = size(format, args, end);
                wid = width.value();
                widPresent = width.present();
                if (width.star()) {
                    if (!widPresent) {
                        buf.append("%!(BADWIDTH)");
                    }
                    if (wid < 0) {
                        wid = -wid;
                        minus = true;
                        zero = false;
                    }
                } else if (afterIndex && widPresent) { // "%[3]2d"
                    goodArgNum = false;
                }
                if (pos + 1 < end && format.charAt(pos) == '.') {
                    pos++;
                    if (afterIndex) { // "%[3].2d"
                        goodArgNum = false;
                    }
                    argNumber(format, args.size());
                    Size precision = size(format, args, end);
                    prec = precision.value();
                    precPresent = precision.present();
                    if (precision.star()) {
                        if (prec < 0) {
                            prec = 0;
                            precPresent = false;
                        }
                        if (!precPresent) {
                            buf.append("%!(BADPREC)");
                        }
                    } else if (!precPresent) {
                        prec = 0;
                        precPresent = true;
                    }
                }
                if (!afterIndex) {
                    argNumber(format, args.size());
                }
                if (pos >= end) {
                    buf.append("%!(NOVERB)");
                    break;
                }
                int verb = format.codePointAt(pos);
                pos += Character.charCount(verb);
                if (verb == '%') {
                    buf.append('%'); // takes no operand and ignores width and precision
                } else if (!goodArgNum) {
                    buf.append("%!").appendCodePoint(verb).append("(BADINDEX)");
                } else if (argNum >= args.size()) {
                    buf.append("%!").appendCodePoint(verb).append("(MISSING)");
                } else {
                    if (verb == 'v') {
                        sharpV = sharp;
                        sharp = false;
                        plusV = plus;
                        plus = false;
                    }
                    printArg(args.get(argNum), verb, 0);
                    argNum++;
                }
            }
            if (!reordered && argNum < args.size()) {
                clearFlags();
                buf.append("%!(EXTRA ");
                for (int k = argNum; k < args.size(); k++) {
                    if (k > argNum) {
                        buf.append(", ");
                    }
                    Object arg = args.get(k);
                    if (Values.isNil(arg) && !(arg instanceof Values.TypedNil)) {
                        buf.append("<nil>");
                    } else {
                        buf.append(Values.typeName(arg)).append('=');
                        printArg(arg, 'v', 0);
                    }
                }
                buf.append(')');
            }
        }

        /** A width or precision: its value, whether one was given, and whether a {@code *} took it from an operand. */
        private record Size(int value, boolean present, boolean star) {
        }

        /** Go's width and precision parsing: a {@code *} takes the next operand (Go's intFromArg), else digits. */
        private Size size(String format, List<Object> args, int end) {
            if (pos < end && format.charAt(pos) == '*') {
                pos++;
                int[] star = intFromArg(args, argNum);
                argNum = star[2];
                afterIndex = false;
                return new Size(star[0], star[1] == 1, true);
            }
            int[] num = parsenum(format, pos, end);
            pos = num[2];
            return new Size(num[0], num[1] == 1, false);
        }

        /** Go's argNumber: an explicit {@code [n]} at the position makes operand n next and sets afterIndex. */
        private void argNumber(String format, int numArgs) {
            afterIndex = false;
            int i = pos;
            if (i >= format.length() || format.charAt(i) != '[') {
                return;
            }
            reordered = true;
            // parseArgNumber: at least "[n]"; the index is one-based
            int wid = 1;
            boolean ok = false;
            int index = 0;
            if (format.length() - i >= 3) {
                for (int k = i + 1; k < format.length(); k++) {
                    if (format.charAt(k) == ']') {
                        int[] num = parsenum(format, i + 1, k);
                        wid = k - i + 1;
                        if (num[1] == 1 && num[2] == k) {
                            ok = true;
                            index = num[0] - 1;
                        }
                        break;
                    }
                }
            }
            pos = i + wid;
            if (ok && index >= 0 && index < numArgs) {
                argNum = index;
                afterIndex = true;
                return;
            }
            goodArgNum = false;
            afterIndex = ok;
        }

        /** Go's parsenum: {value, isNumber, newI}; a number past a million jumps to the end (malformed). */
        private static int[] parsenum(String s, int start, int end) {
            if (start >= end) {
                return new int[] {0, 0, end};
            }
            int num = 0;
            boolean isNum = false;
            int i = start;
            for (; i < end && s.charAt(i) >= '0' && s.charAt(i) <= '9'; i++) {
                if (num > 1_000_000) {
                    return new int[] {0, 0, end};
                }
                num = num * 10 + (s.charAt(i) - '0');
                isNum = true;
            }
            return new int[] {num, isNum ? 1 : 0, i};
        }

        /** A {@code *} width or precision: {value, ok, newArgNum}. */
        private static int[] intFromArg(List<Object> args, int argNum) {
            if (argNum < args.size()) {
                Object arg = args.get(argNum);
                long n = 0;
                boolean isInt = false;
                if (Values.isInt(arg)) {
                    if (arg instanceof BigInteger big) {
                        isInt = big.bitLength() < 64;
                        n = big.longValue();
                    } else {
                        n = Values.asLong(arg);
                        isInt = true;
                    }
                }
                if (!isInt || n > 1_000_000 || n < -1_000_000) {
                    return new int[] {0, 0, argNum + 1};
                }
                return new int[] {(int) n, 1, argNum + 1};
            }
            return new int[] {0, 0, argNum};
        }

        // ---- padding ----

        private void writePadding(int n) {
            char pad = zero ? '0' : ' ';
            for (int k = 0; k < n; k++) {
                buf.append(pad);
            }
        }

        private void pad(String s) {
            if (!widPresent || wid == 0) {
                buf.append(s);
                return;
            }
            int width = wid - s.codePointCount(0, s.length());
            if (!minus) {
                writePadding(width);
                buf.append(s);
            } else {
                buf.append(s);
                writePadding(width);
            }
        }

        /** Go's badVerb: {@code %!d(string=x)}, the value printed with %v under the verb's own flags and width. */
        private void badVerb(int verb, Object arg) {
            buf.append("%!").appendCodePoint(verb).append('(');
            if (arg == null || arg == Values.NO_VALUE) {
                buf.append("<nil>");
            } else {
                buf.append(Values.typeName(arg)).append('=');
                printArg(arg, 'v', 0);
            }
            buf.append(')');
        }

        // ---- dispatch ----

        void printArg(Object arg, int verb, int depth) {
            if (arg == null || arg == Values.NO_VALUE) {
                if (verb == 'T' || verb == 'v') {
                    pad("<nil>");
                } else {
                    badVerb(verb, null);
                }
                return;
            }
            if (verb == 'T') {
                pad(Values.typeName(arg));
                return;
            }
            // instanceof rather than a pattern switch: see dev.strata.template.Exec.walk on start-up cost
            if (arg instanceof String s) {
                fmtString(s, verb);
            } else if (arg instanceof Long || arg instanceof Integer || arg instanceof Short || arg instanceof Byte) {
                fmtInteger(BigInteger.valueOf(((Number) arg).longValue()), verb, arg);
            } else if (arg instanceof Boolean b) {
                if (verb == 't' || verb == 'v') {
                    pad(b.toString());
                } else {
                    badVerb(verb, arg);
                }
            } else if (arg instanceof BigInteger b) {
                fmtInteger(b, verb, arg);
            } else if (arg instanceof Character c) {
                fmtInteger(BigInteger.valueOf(c), verb, arg);
            } else if (arg instanceof Float f) {
                fmtFloat(f, 32, verb, arg);
            } else if (arg instanceof Double d) {
                fmtFloat(d, 64, verb, arg);
            } else if (arg instanceof BigDecimal d) {
                fmtFloat(d.doubleValue(), 64, verb, arg);
            } else if (arg instanceof Values.TypedNil nil) {
                if (nil.isList()) {
                    printList(List.of(), verb, depth);
                } else if (nil.isMap()) {
                    printMap(Map.of(), verb, depth);
                } else if (verb == 'v' || verb == 's') {
                    pad("<nil>");
                } else {
                    badVerb(verb, arg);
                }
            } else if (arg instanceof Map<?, ?> map) {
                printMap(map, verb, depth);
            } else if (arg instanceof Record r) {
                printRecord(r, verb, depth);
            } else if (arg instanceof Instant t) {
                fmtString(Times.string(t), verb == 'v' ? 's' : verb);
            } else {
                List<?> list = Values.asList(arg);
                if (list != null) {
                    printList(list, verb, depth);
                } else if (verb == 'v' || verb == 's' || verb == 'q' || verb == 'x' || verb == 'X') {
                    // Java's toString (an enum's name too) plays the part of Go's Stringer
                    fmtString(arg.toString(), verb == 'v' ? 's' : verb);
                } else {
                    badVerb(verb, arg);
                }
            }
        }

        /** {@code [a b]}, or with {@code %#v} Go syntax: {@code []interface {}{a, b}}. */
        private void printList(List<?> list, int verb, int depth) {
            buf.append(sharpV ? "[]interface {}{" : "[");
            for (int k = 0; k < list.size(); k++) {
                if (k > 0) {
                    buf.append(sharpV ? ", " : " ");
                }
                printArg(list.get(k), verb, depth + 1);
            }
            buf.append(sharpV ? '}' : ']');
        }

        private void printMap(Map<?, ?> map, int verb, int depth) {
            buf.append(sharpV ? "map[string]interface {}{" : "map[");
            boolean first = true;
            for (Object key : Values.sortedKeys(map)) {
                if (!first) {
                    buf.append(sharpV ? ", " : " ");
                }
                first = false;
                printArg(key, verb, depth + 1);
                buf.append(':');
                printArg(map.get(key), verb, depth + 1);
            }
            buf.append(sharpV ? '}' : ']');
        }

        private void printRecord(Record r, int verb, int depth) {
            if (sharpV) {
                buf.append(Values.typeName(r));
            }
            buf.append('{');
            RecordComponent[] components = r.getClass().getRecordComponents();
            for (int k = 0; k < components.length; k++) {
                if (k > 0) {
                    buf.append(sharpV ? ", " : " ");
                }
                if (plusV || sharpV) {
                    buf.append(components[k].getName()).append(':');
                }
                Object value;
                try {
                    var accessor = components[k].getAccessor();
                    accessor.setAccessible(true);
                    value = Values.fromMember(accessor.invoke(r), components[k].getType());
                } catch (ReflectiveOperationException | RuntimeException e) {
                    value = "?";
                }
                printArg(value, verb, depth + 1);
            }
            buf.append('}');
        }

        // ---- strings ----

        private void fmtString(String s, int verb) {
            switch (verb) {
                case 'v' -> {
                    if (sharpV) {
                        pad(Quote.quote(s));
                    } else {
                        pad(truncate(s));
                    }
                }
                case 's' -> pad(truncate(s));
                case 'x' -> fmtSbx(s, "0123456789abcdef");
                case 'X' -> fmtSbx(s, "0123456789ABCDEF");
                case 'q' -> {
                    String t = truncate(s);
                    if (sharp && t.indexOf('`') < 0 && t.chars().allMatch(c -> c == '\t' || (c >= ' ' && c != 0x7f))) {
                        pad("`" + t + "`");
                    } else {
                        pad(plus ? Quote.quoteToAscii(t) : Quote.quote(t));
                    }
                }
                default -> badVerb(verb, s);
            }
        }

        private String truncate(String s) {
            if (precPresent && s.codePointCount(0, s.length()) > prec) {
                return s.substring(0, s.offsetByCodePoints(0, prec));
            }
            return s;
        }

        private void fmtSbx(String s, String digits) {
            byte[] bytes = Utf8.bytes(s);
            int length = bytes.length;
            if (precPresent && prec < length) {
                length = prec;
            }
            StringBuilder out = new StringBuilder();
            for (int k = 0; k < length; k++) {
                if (space && k > 0) {
                    out.append(' ');
                }
                if (sharp && (space || k == 0)) {
                    out.append(digits.charAt(10) == 'a' ? "0x" : "0X");
                }
                out.append(digits.charAt((bytes[k] >> 4) & 0xf)).append(digits.charAt(bytes[k] & 0xf));
            }
            pad(out.toString());
        }

        // ---- integers ----

        private void fmtInteger(BigInteger value, int verb, Object arg) {
            switch (verb) {
                case 'v', 'd' -> fmtIntegerBase(value, 10, verb, "0123456789abcdef");
                case 'b' -> fmtIntegerBase(value, 2, verb, "01");
                case 'o', 'O' -> fmtIntegerBase(value, 8, verb, "01234567");
                case 'x' -> fmtIntegerBase(value, 16, verb, "0123456789abcdef");
                case 'X' -> fmtIntegerBase(value, 16, verb, "0123456789ABCDEF");
                case 'c' -> pad(validRune(value) ? new String(Character.toChars(value.intValue())) : "\ufffd");
                case 'q' -> {
                    int rune = validRune(value) ? value.intValue() : 0xfffd;
                    pad(plus ? Quote.quoteRuneToAscii(rune) : Quote.quoteRune(rune));
                }
                case 'U' -> {
                    // Go formats %U from the value as a uint64: -1 is U+FFFFFFFFFFFFFFFF
                    BigInteger unsigned = value.signum() < 0 ? value.add(BigInteger.ONE.shiftLeft(64)) : value;
                    String hex = unsigned.toString(16).toUpperCase(Locale.ROOT);
                    if (precPresent && hex.length() < prec) {
                        hex = "0".repeat(prec - hex.length()) + hex;
                    } else if (hex.length() < 4) {
                        hex = "0".repeat(4 - hex.length()) + hex;
                    }
                    String s = "U+" + hex;
                    if (sharp && validRune(value) && Quote.isPrint(value.intValue())) {
                        s += " '" + new String(Character.toChars(value.intValue())) + "'";
                    }
                    boolean oldZero = zero;
                    zero = false;
                    pad(s);
                    zero = oldZero;
                }
                default -> badVerb(verb, arg);
            }
        }

        private static boolean validRune(BigInteger value) {
            if (value.signum() < 0 || value.bitLength() > 31) {
                return false;
            }
            int cp = value.intValue();
            return cp <= Character.MAX_CODE_POINT && !(cp >= 0xd800 && cp < 0xe000);
        }

        private void fmtIntegerBase(BigInteger value, int base, int verb, String digitSet) {
            boolean negative = value.signum() < 0;
            String digits = value.abs().toString(base);
            if (digitSet.charAt(digitSet.length() - 1) == 'F') {
                digits = digits.toUpperCase(Locale.ROOT);
            }
            int precision = 1;
            if (precPresent) {
                precision = prec;
                if (precision == 0 && value.signum() == 0) {
                    boolean oldZero = zero;
                    zero = false;
                    writePadding(wid);
                    zero = oldZero;
                    return;
                }
            } else if (zero && widPresent) {
                precision = wid;
                if (negative || plus || space) {
                    precision--;
                }
            }
            StringBuilder s = new StringBuilder();
            if (digits.length() < precision) {
                s.append("0".repeat(precision - digits.length()));
            }
            s.append(digits);
            if (sharp) {
                switch (base) {
                    case 2 -> s.insert(0, "0b");
                    case 8 -> {
                        if (s.charAt(0) != '0') {
                            s.insert(0, '0');
                        }
                    }
                    case 16 -> s.insert(0, digitSet.charAt(10) == 'a' ? "0x" : "0X");
                    default -> {
                    }
                }
            }
            if (verb == 'O') {
                s.insert(0, "0o");
            }
            if (negative) {
                s.insert(0, '-');
            } else if (plus) {
                s.insert(0, '+');
            } else if (space) {
                s.insert(0, ' ');
            }
            boolean oldZero = zero;
            zero = false;
            pad(s.toString());
            zero = oldZero;
        }

        // ---- floats ----

        private void fmtFloat(double v, int size, int verb, Object arg) {
            switch (verb) {
                case 'v' -> fmtFloatVerb(v, size, 'g', -1);
                case 'e', 'E', 'f', 'F' -> fmtFloatVerb(v, size, verb, 6);
                case 'g', 'G' -> fmtFloatVerb(v, size, verb, -1);
                default -> badVerb(verb, arg);
            }
        }

        private void fmtFloatVerb(double v, int size, int verb, int defaultPrec) {
            int precision = precPresent ? prec : defaultPrec;
            String num = Strconv.formatFloat(v, verb == 'F' ? 'f' : verb, precision, size);
            if (sharp && verb != 'b') {
                num = sharpen(num, verb, precision);
            }
            if (num.charAt(0) != '-' && num.charAt(0) != '+') {
                num = "+" + num;
            }
            if (space && num.charAt(0) == '+' && !plus) {
                num = " " + num.substring(1);
            }
            if (num.charAt(1) == 'I' || num.charAt(1) == 'N') {
                boolean oldZero = zero;
                zero = false;
                if (num.charAt(1) == 'N' && !space && !plus) {
                    num = num.substring(1);
                }
                pad(num);
                zero = oldZero;
                return;
            }
            if (plus || num.charAt(0) != '+') {
                if (zero && !minus && widPresent && wid > num.length()) {
                    buf.append(num.charAt(0));
                    writePadding(wid - num.length());
                    buf.append(num, 1, num.length());
                    return;
                }
                pad(num);
                return;
            }
            pad(num.substring(1));
        }
    }

    /** fmt's {@code %#U}: {@code U+0023 '#'}, the character itself only when printable. */
    public static String unicodeNotation(int cp) {
        String name = "U+" + Quote.hex(cp, 4).toUpperCase(Locale.ROOT);
        return Quote.isPrint(cp) ? name + " '" + new String(Character.toChars(cp)) + "'" : name;
    }

    /**
     * The {@code #} flag, as Go's fmtFloat applies it: a decimal point always, and for %g and %v the
     * trailing zeros up to the precision (6 when none was given) kept.
     */
    private static String sharpen(String num, int verb, int prec) {
        if (num.contains("Inf") || num.contains("NaN")) {
            return num;
        }
        int digits = verb == 'g' || verb == 'G' || verb == 'v' ? (prec == -1 ? 6 : prec) : 0;
        int start = num.startsWith("-") || num.startsWith("+") ? 1 : 0;
        String tail = "";
        boolean hasDecimalPoint = false;
        boolean sawNonzeroDigit = false;
        StringBuilder body = new StringBuilder(num.substring(0, start));
        for (int k = start; k < num.length(); k++) {
            char c = num.charAt(k);
            if (c == '.') {
                hasDecimalPoint = true;
            } else if (c == 'e' || c == 'E') {
                tail = num.substring(k);
                break;
            } else {
                if (c != '0') {
                    sawNonzeroDigit = true;
                }
                if (sawNonzeroDigit) {
                    digits--; // significant digits counted from the first non-zero one
                }
            }
            body.append(c);
        }
        if (!hasDecimalPoint) {
            if (body.length() - start == 1 && body.charAt(start) == '0') {
                digits--; // a lone leading 0 counts once
            }
            body.append('.');
        }
        while (digits > 0) {
            body.append('0');
            digits--;
        }
        return body.append(tail).toString();
    }
}
