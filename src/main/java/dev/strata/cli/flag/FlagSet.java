package dev.strata.cli.flag;

import dev.strata.go.Quote;
import dev.strata.go.Strconv;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A command's flags, declared in code and parsed with pflag's grammar: {@code --name value},
 * {@code --name=value}, {@code -n value}, {@code -nvalue}, {@code -n=value}, bools combined
 * ({@code -qa}) and never taking the next word ({@code --all=false} to turn one off), lists growing with
 * each use, {@code --} ending the flags. Every set has Docker's hidden {@code --help}, with {@code -h}
 * as a deprecated spelling unless the command gives {@code -h} another meaning.
 */
public final class FlagSet {
    private final Map<String, Flag<?>> byName = new HashMap<>();
    private final Map<Character, Flag<?>> byShorthand = new HashMap<>();
    private final Flag<Boolean> help;

    public FlagSet() {
        help = bool("help", 'h', "Print usage").hidden();
        help.shorthandDeprecation = "use --help";
    }

    public Flag<Boolean> bool(String name, String usage) {
        return bool(name, (char) 0, usage);
    }

    public Flag<Boolean> bool(String name, char shorthand, String usage) {
        return add(new Flag<>(name, shorthand, "", usage, true, false, (current, text) -> Strconv.parseBool(text)));
    }

    public Flag<String> string(String name, String usage) {
        return string(name, (char) 0, usage);
    }

    public Flag<String> string(String name, char shorthand, String usage) {
        return value(name, shorthand, "string", usage, "", (current, text) -> text);
    }

    /** Docker's "int" flags (64 bits, as Go's int on the machines Docker runs on). */
    public Flag<Long> integer(String name, String usage) {
        return integer(name, (char) 0, usage);
    }

    public Flag<Long> integer(String name, char shorthand, String usage) {
        return value(name, shorthand, "int", usage, 0L, (current, text) -> Strconv.parseInt(text, 0, 64));
    }

    /** Docker's "list" flags: each use adds one value ({@code -e A=1 -e B=2}), commas are kept. */
    public Flag<List<String>> list(String name, String usage) {
        return list(name, (char) 0, usage);
    }

    public Flag<List<String>> list(String name, char shorthand, String usage) {
        return value(name, shorthand, "list", usage, List.of(), FlagSet::append);
    }

    /**
     * pflag's "strings" (a StringSlice): each use adds its comma-separated values
     * ({@code --subnet a,b --subnet c}).
     */
    public Flag<List<String>> strings(String name, String usage) {
        return value(name, (char) 0, "strings", usage, List.of(), (values, text) -> {
            List<String> out = new ArrayList<>(values);
            if (!text.isEmpty()) {
                out.addAll(List.of(text.split(",", -1)));
            }
            return List.copyOf(out);
        });
    }

    /**
     * Docker's "map" options ({@code -o key=value}, {@code key} alone for an empty value), which help
     * shows with {@code (default map[])}.
     */
    public Flag<java.util.Map<String, String>> map(String name, char shorthand, String usage) {
        Flag<java.util.Map<String, String>> flag = value(name, shorthand, "map", usage, java.util.Map.of(),
                (values, text) -> {
                    java.util.Map<String, String> out = new java.util.LinkedHashMap<>(values);
                    int eq = text.indexOf('=');
                    out.put(eq < 0 ? text : text.substring(0, eq), eq < 0 ? "" : text.substring(eq + 1));
                    return java.util.Collections.unmodifiableMap(out);
                });
        flag.forceDefaultText("map[]");
        return flag;
    }

    /** A Go duration ({@code 30s}, {@code 1m30s}, {@code 500ms}), shown in help with Go's default {@code 0s}. */
    public Flag<java.time.Duration> duration(String name, String usage) {
        Flag<java.time.Duration> flag = value(name, (char) 0, "duration", usage, java.time.Duration.ZERO,
                (current, text) -> {
                    try {
                        return dev.strata.go.Durations.parse(text);
                    } catch (IllegalArgumentException e) {
                        // Go's error names its package: time: invalid duration "abc"
                        throw new IllegalArgumentException(e.getMessage().startsWith("time: ") ? e.getMessage()
                                : "time: " + e.getMessage(), e);
                    }
                });
        flag.forceDefaultText("0s");
        return flag;
    }

    public <T> Flag<T> value(String name, String type, String usage, T zero, Flag.Setter<T> setter) {
        return value(name, (char) 0, type, usage, zero, setter);
    }

    /** A flag of another type: {@code type} is the word help shows ("bytes", "filter"), {@code setter} parses. */
    public <T> Flag<T> value(String name, char shorthand, String type, String usage, T zero, Flag.Setter<T> setter) {
        return add(new Flag<>(name, shorthand, type, usage, false, zero, setter));
    }

    /** Another name for {@code flag}, hidden from help; {@code .deprecated(...)} on it to say so when used. */
    public <T> Flag<T> alias(String name, Flag<T> flag) {
        return add(Flag.aliasOf(name, flag));
    }

    /** {@code values} and then {@code value}, for list flags. */
    public static List<String> append(List<String> values, String value) {
        List<String> out = new ArrayList<>(values.size() + 1);
        out.addAll(values);
        out.add(value);
        return List.copyOf(out);
    }

    private <T> Flag<T> add(Flag<T> flag) {
        if (byName.put(flag.name, flag) != null) {
            throw new IllegalArgumentException("flag redefined: " + flag.name);
        }
        if (flag.shorthand != 0) {
            Flag<?> previous = byShorthand.put(flag.shorthand, flag);
            if (previous != null && previous == help) {
                help.shorthand = 0; // as in docker run, where -h is --hostname
            } else if (previous != null) {
                throw new IllegalArgumentException("shorthand redefined: " + flag.shorthand);
            }
        }
        return flag;
    }

    /** Whether {@code --help} (or {@code -h}) was given. */
    public boolean helpRequested() {
        return help.get();
    }

    Collection<Flag<?>> all() {
        return byName.values();
    }

    /**
     * Sets the flags in {@code args} and returns the other arguments. With {@code interspersed} false the
     * flags end at the first argument that is not one ({@code run IMAGE ls -l}). Deprecation notices go to
     * {@code notices} as they are met, as pflag prints them.
     */
    public List<String> parse(List<String> args, boolean interspersed, Consumer<String> notices) throws FlagError {
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.length() < 2 || arg.charAt(0) != '-') {
                positional.add(arg);
                if (!interspersed) {
                    positional.addAll(args.subList(i + 1, args.size()));
                    break;
                }
            } else if (arg.equals("--")) {
                positional.addAll(args.subList(i + 1, args.size()));
                break;
            } else if (arg.charAt(1) == '-') {
                i = parseLong(arg, args, i, notices);
            } else {
                i = parseShorthands(arg, args, i, notices);
            }
        }
        return positional;
    }

    /** {@code --name}, {@code --name=value} or {@code --name value}; the index of the last argument used. */
    private int parseLong(String arg, List<String> args, int i, Consumer<String> notices) throws FlagError {
        String name = arg.substring(2);
        if (name.isEmpty() || name.charAt(0) == '-' || name.charAt(0) == '=') {
            throw new FlagError("bad flag syntax: " + arg);
        }
        int eq = name.indexOf('=');
        Flag<?> flag = byName.get(eq < 0 ? name : name.substring(0, eq));
        if (flag == null) {
            throw new FlagError("unknown flag: --" + (eq < 0 ? name : name.substring(0, eq)));
        }
        String value;
        if (eq >= 0) {
            value = name.substring(eq + 1);
        } else if (flag.bool) {
            value = "true";
        } else if (i + 1 < args.size()) {
            value = args.get(++i);
        } else {
            throw new FlagError("flag needs an argument: " + arg);
        }
        set(flag, value, notices);
        return i;
    }

    /** {@code -abc}: each letter a flag, until one that takes the rest ({@code -fvalue}) or the next argument. */
    private int parseShorthands(String arg, List<String> args, int i, Consumer<String> notices) throws FlagError {
        String rest = arg.substring(1);
        while (!rest.isEmpty()) {
            char c = rest.charAt(0);
            Flag<?> flag = byShorthand.get(c);
            if (flag == null) {
                throw new FlagError("unknown shorthand flag: " + Quote.quoteRune(c) + " in -" + rest);
            }
            String value;
            String next = "";
            if (rest.length() > 2 && rest.charAt(1) == '=') {
                value = rest.substring(2);
            } else if (flag.bool) {
                value = "true";
                next = rest.substring(1);
            } else if (rest.length() > 1) {
                value = rest.substring(1);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new FlagError("flag needs an argument: " + Quote.quoteRune(c) + " in -" + rest);
            }
            if (flag.shorthandDeprecation != null) {
                notices.accept("Flag shorthand -" + c + " has been deprecated, " + flag.shorthandDeprecation);
            }
            set(flag, value, notices);
            rest = next;
        }
        return i;
    }

    private static void set(Flag<?> flag, String value, Consumer<String> notices) throws FlagError {
        flag.set(value);
        if (flag.deprecation != null) {
            notices.accept("Flag --" + flag.name + " has been deprecated, " + flag.deprecation);
        }
    }
}
