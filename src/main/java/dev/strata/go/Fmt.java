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

        void doPrintf(String format, List<Object> args) {
            int argNum = 0;
            boolean reordered = false;
            int end = format.length();
            int i = 0;
            while (i < end) {
                int lasti = i;
                while (i < end && format.charAt(i) != '%') {
                    i++;
                }
                buf.append(format, lasti, i);
                if (i >= end) {
                    break;
                }
                i++; // skip %
                clearFlags();
                flags:
                for (; i < end; i++) {
                    switch (format.charAt(i)) {
                        case '#' -> sharp = true;
                        case '0' -> zero = !minus;
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
                // argument index, then width
                int[] idx = argIndex(format, i, argNum, args.size());
                boolean goodArgNum = idx[2] == 1;
                if (idx[3] == 1) {
                    reordered = true;
                }
                argNum = idx[0];
                i = idx[1];
                if (i < end && format.charAt(i) == '*') {
                    i++;
                    int[] star = intFromArg(args, argNum);
                    wid = star[0];
                    widPresent = star[1] == 1;
                    argNum = star[2];
                    if (!widPresent) {
                        buf.append("%!(BADWIDTH)");
                    }
                    if (wid < 0) {
                        wid = -wid;
                        minus = true;
                        zero = false;
                    }
                } else {
                    int start = i;
                    while (i < end && Character.isDigit(format.charAt(i))) {
                        i++;
                    }
                    if (i > start) {
                        wid = Integer.parseInt(format.substring(start, Math.min(i, start + 7)));
                        widPresent = true;
                    }
                }
                if (i < end && format.charAt(i) == '.') {
                    i++;
                    idx = argIndex(format, i, argNum, args.size());
                    if (idx[2] == 0) {
                        goodArgNum = false;
                    }
                    argNum = idx[0];
                    i = idx[1];
                    if (i < end && format.charAt(i) == '*') {
                        i++;
                        int[] star = intFromArg(args, argNum);
                        prec = star[0];
                        precPresent = star[1] == 1;
                        argNum = star[2];
                        if (prec < 0) {
                            prec = 0;
                            precPresent = false;
                        }
                        if (!precPresent) {
                            buf.append("%!(BADPREC)");
                        }
                    } else {
                        int start = i;
                        while (i < end && Character.isDigit(format.charAt(i))) {
                            i++;
                        }
                        prec = i > start ? Integer.parseInt(format.substring(start, Math.min(i, start + 7))) : 0;
                        precPresent = true;
                    }
                }
                idx = argIndex(format, i, argNum, args.size());
                if (idx[3] == 1) {
                    reordered = true;
                    if (idx[2] == 0) {
                        goodArgNum = false;
                    }
                }
                argNum = idx[0];
                i = idx[1];
                if (i >= end) {
                    buf.append("%!(NOVERB)");
                    break;
                }
                int verb = format.codePointAt(i);
                i += Character.charCount(verb);
                if (verb == '%') {
                    buf.append('%');
                } else if (!goodArgNum) {
                    buf.append("%!").appendCodePoint(verb).append("(BADINDEX)");
                } else if (argNum >= args.size()) {
                    buf.append("%!").appendCodePoint(verb).append("(MISSING)");
                } else {
                    if (verb == 'v') {
                        if (sharp) {
                            sharp = false;
                            sharpV = true;
                        }
                        if (plus) {
                            plus = false;
                            plusV = true;
                        }
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

        /** Parses {@code [n]} at i: returns {argNum, newI, ok, found}. */
        private static int[] argIndex(String format, int i, int argNum, int numArgs) {
            if (i >= format.length() || format.charAt(i) != '[') {
                return new int[] {argNum, i, 1, 0};
            }
            int close = format.indexOf(']', i);
            if (close < 0) {
                return new int[] {argNum, format.length(), 0, 1};
            }
            try {
                int n = Integer.parseInt(format.substring(i + 1, close));
                if (n >= 1 && n <= numArgs) {
                    return new int[] {n - 1, close + 1, 1, 1};
                }
            } catch (NumberFormatException e) {
                // falls through to a bad index
            }
            return new int[] {argNum, close + 1, 0, 1};
        }

        /** A {@code *} width or precision: {value, ok, newArgNum}. */
        private static int[] intFromArg(List<Object> args, int argNum) {
            if (argNum < args.size()) {
                Object arg = args.get(argNum);
                if (Values.isInt(arg)) {
                    long n = Values.asLong(arg);
                    if (n > 1_000_000 || n < -1_000_000) {
                        return new int[] {0, 0, argNum + 1};
                    }
                    return new int[] {(int) n, 1, argNum + 1};
                }
                return new int[] {0, 0, argNum + 1};
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

        private void badVerb(int verb, Object arg) {
            boolean oldZero = zero;
            zero = false;
            buf.append("%!").appendCodePoint(verb).append('(');
            if (arg == null || arg == Values.NO_VALUE) {
                buf.append("<nil>");
            } else {
                buf.append(Values.typeName(arg)).append('=');
                int saved = buf.length();
                boolean[] flags = {plus, minus, sharp, space, plusV, sharpV, widPresent, precPresent};
                plus = minus = sharp = space = plusV = sharpV = widPresent = precPresent = false;
                printArg(arg, 'v', 0);
                assert buf.length() >= saved;
                plus = flags[0];
                minus = flags[1];
                sharp = flags[2];
                space = flags[3];
                plusV = flags[4];
                sharpV = flags[5];
                widPresent = flags[6];
                precPresent = flags[7];
            }
            buf.append(')');
            zero = oldZero;
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
            // instanceof rather than a pattern switch: see Exec.walk on start-up cost
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

        private void printList(List<?> list, int verb, int depth) {
            if (sharpV) {
                buf.append("[]interface {}{");
                for (int k = 0; k < list.size(); k++) {
                    if (k > 0) {
                        buf.append(", ");
                    }
                    printArg(list.get(k), verb, depth + 1);
                }
                buf.append('}');
                return;
            }
            buf.append('[');
            for (int k = 0; k < list.size(); k++) {
                if (k > 0) {
                    buf.append(' ');
                }
                printArg(list.get(k), verb, depth + 1);
            }
            buf.append(']');
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
                case 'q' -> pad(Quote.quoteRune(validRune(value) ? value.intValue() : 0xfffd));
                case 'U' -> {
                    String hex = value.toString(16).toUpperCase(Locale.ROOT);
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

    /** The {@code #} flag: always a decimal point; %g keeps trailing zeros. */
    private static String sharpen(String num, int verb, int prec) {
        if (num.contains("Inf") || num.contains("NaN")) {
            return num;
        }
        int ePos = Math.max(num.indexOf('e'), num.indexOf('E'));
        String mantissa = ePos >= 0 ? num.substring(0, ePos) : num;
        String tail = ePos >= 0 ? num.substring(ePos) : "";
        if (!mantissa.contains(".")) {
            mantissa += ".";
        }
        if (verb == 'g' || verb == 'G') {
            int want = prec < 0 ? 6 : (prec == 0 ? 1 : prec);
            int have = (int) mantissa.chars().filter(Character::isDigit).count();
            String significantPart = mantissa.replaceFirst("^[-+]?0\\.0*", "");
            if (significantPart.length() != mantissa.length()) {
                have = (int) significantPart.chars().filter(Character::isDigit).count();
            }
            if (have < want) {
                mantissa += "0".repeat(want - have);
            }
        }
        return mantissa + tail;
    }
}
