package dev.strata.build.instruction;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One {@code RUN --mount=type=cache,target=/root/.cache,...}: comma-separated options (CSV, so an
 * option may be quoted), with the aliases folded ({@code dst}/{@code destination} into
 * {@code target}, {@code src} into {@code source}, {@code ro} into {@code readonly=true},
 * {@code rw}/{@code readwrite} into {@code readonly=false}). The type defaults to bind.
 *
 * @param options the options other than {@code type}, in the order written, values raw
 */
public record RunMount(String type, List<KeyValue> options) {
    public static final Set<String> TYPES = Set.of("bind", "cache", "tmpfs", "secret", "ssh");
    private static final Set<String> SWITCHES = Set.of("readonly", "required");
    private static final Set<String> KEYS = Set.of(
            "from", "source", "target", "readonly", "id", "sharing", "mode", "uid", "gid", "required", "size", "env");

    public RunMount {
        options = List.copyOf(options);
    }

    public Optional<String> option(String key) {
        return options.stream().filter(o -> o.key().equals(key)).map(KeyValue::value).reduce((a, b) -> b);
    }

    public Optional<String> target() {
        return option("target");
    }

    /** Bind mounts are read-only unless {@code rw}; the others are writable unless {@code ro}. */
    public boolean readOnly() {
        return option("readonly").map(Boolean::parseBoolean).orElse(type.equals("bind"));
    }

    /** Parses the value of one {@code --mount} flag; an {@link IllegalArgumentException} says what is wrong. */
    public static RunMount parse(String spec) {
        String type = "bind";
        List<KeyValue> options = new ArrayList<>();
        for (String field : csvFields(spec)) {
            int equals = field.indexOf('=');
            String key = (equals < 0 ? field : field.substring(0, equals)).strip().toLowerCase(Locale.ROOT);
            String value = equals < 0 ? null : field.substring(equals + 1);
            key = switch (key) {
                case "dst", "destination" -> "target";
                case "src" -> "source";
                case "ro" -> "readonly";
                default -> key;
            };
            if (key.equals("rw") || key.equals("readwrite")) {
                options.add(new KeyValue("readonly", Boolean.toString(!parseSwitch(key, value, spec))));
                continue;
            }
            if (key.equals("type")) {
                if (value == null || !TYPES.contains(value.toLowerCase(Locale.ROOT))) {
                    throw new IllegalArgumentException("unsupported mount type \"" + value + "\" in '" + spec
                            + "': expected bind, cache, tmpfs, secret or ssh");
                }
                type = value.toLowerCase(Locale.ROOT);
                continue;
            }
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unexpected key '" + key + "' in '" + spec + "'");
            }
            if (SWITCHES.contains(key)) {
                options.add(new KeyValue(key, Boolean.toString(parseSwitch(key, value, spec))));
                continue;
            }
            if (value == null) {
                throw new IllegalArgumentException("invalid field '" + field + "' in '" + spec
                        + "': expected a key=value pair");
            }
            if (key.equals("sharing") && !Set.of("shared", "private", "locked").contains(value)) {
                throw new IllegalArgumentException("unsupported sharing value \"" + value + "\" in '" + spec
                        + "': expected shared, private or locked");
            }
            options.add(new KeyValue(key, value));
        }
        RunMount mount = new RunMount(type, options);
        if (Set.of("bind", "cache", "tmpfs").contains(type) && mount.target().filter(t -> !t.isEmpty()).isEmpty()) {
            throw new IllegalArgumentException("mount type " + type + " needs a target in '" + spec + "'");
        }
        return mount;
    }

    private static boolean parseSwitch(String key, String value, String spec) {
        if (value == null) {
            return true;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new IllegalArgumentException(
                    "invalid value for " + key + " in '" + spec + "': expected true or false, not \"" + value + "\"");
        };
    }

    /** The fields of one CSV record: a field starting with a quote runs to the closing quote. */
    static List<String> csvFields(String spec) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (true) {
            if (i < spec.length() && spec.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= spec.length()) {
                        throw new IllegalArgumentException("unterminated quote in '" + spec + "'");
                    }
                    char ch = spec.charAt(i++);
                    if (ch == '"') {
                        if (i < spec.length() && spec.charAt(i) == '"') {
                            field.append('"');
                            i++;
                            continue;
                        }
                        break;
                    }
                    field.append(ch);
                }
            }
            while (i < spec.length() && spec.charAt(i) != ',') {
                field.append(spec.charAt(i++));
            }
            fields.add(field.toString());
            field.setLength(0);
            if (i >= spec.length()) {
                return fields;
            }
            i++; // the comma
        }
    }

    /** The mount as a spec again, type first: how the listing prints it. */
    public String spec() {
        StringBuilder out = new StringBuilder("type=").append(type);
        for (KeyValue option : options) {
            out.append(',').append(option.key()).append('=').append(option.value());
        }
        return out.toString();
    }
}
