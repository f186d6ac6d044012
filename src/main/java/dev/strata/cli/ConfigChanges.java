package dev.strata.cli;

import dev.strata.image.ContainerConfig;
import dev.strata.image.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The {@code --change} instructions of {@code import} and {@code commit}: CMD, ENTRYPOINT, ENV, EXPOSE,
 * LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME, WORKDIR, each applied to the container config as the
 * Dockerfile instruction of that name would be.
 */
public final class ConfigChanges {
    private ConfigChanges() {
    }

    public static UnaryOperator<ContainerConfig> parse(List<String> changes) {
        UnaryOperator<ContainerConfig> all = UnaryOperator.identity();
        for (String change : changes) {
            UnaryOperator<ContainerConfig> one = parseOne(change.strip());
            UnaryOperator<ContainerConfig> before = all;
            all = c -> one.apply(before.apply(c));
        }
        return all;
    }

    private static UnaryOperator<ContainerConfig> parseOne(String change) {
        int space = firstSpace(change);
        String keyword = (space < 0 ? change : change.substring(0, space)).toUpperCase(Locale.ROOT);
        String rest = space < 0 ? "" : change.substring(space).strip();
        return switch (keyword) {
            case "CMD" -> c -> c.with().cmd(command(rest)).build();
            case "ENTRYPOINT" -> c -> c.with().entrypoint(command(rest)).build();
            case "ENV" -> {
                Map<String, String> vars = keyValues(keyword, rest);
                yield c -> {
                    List<String> env = new ArrayList<>(c.env() == null ? List.of() : c.env());
                    vars.forEach((k, v) -> {
                        env.removeIf(e -> e.equals(k) || e.startsWith(k + "="));
                        env.add(k + "=" + v);
                    });
                    return c.with().env(env).build();
                };
            }
            case "LABEL" -> {
                Map<String, String> labels = keyValues(keyword, rest);
                yield c -> {
                    Map<String, String> merged = new TreeMap<>(c.labels() == null ? Map.of() : c.labels());
                    merged.putAll(labels);
                    return c.with().labels(merged).build();
                };
            }
            case "EXPOSE" -> {
                List<String> ports = words(rest).stream().map(p -> p.contains("/") ? p.toLowerCase(Locale.ROOT) : p + "/tcp").toList();
                yield c -> {
                    Map<String, Map<String, Object>> exposed = new TreeMap<>(c.exposedPorts() == null ? Map.of() : c.exposedPorts());
                    ports.forEach(p -> exposed.put(p, Map.of()));
                    return c.with().exposedPorts(exposed).build();
                };
            }
            case "VOLUME" -> {
                List<String> paths = rest.startsWith("[") ? jsonArray(rest) : words(rest);
                yield c -> {
                    Map<String, Map<String, Object>> volumes = new TreeMap<>(c.volumes() == null ? Map.of() : c.volumes());
                    paths.forEach(p -> volumes.put(p, Map.of()));
                    return c.with().volumes(volumes).build();
                };
            }
            case "USER" -> c -> c.with().user(required(keyword, rest)).build();
            case "WORKDIR" -> c -> c.with().workingDir(workdir(c.workingDir(), required(keyword, rest))).build();
            case "STOPSIGNAL" -> c -> c.with().stopSignal(required(keyword, rest)).build();
            case "ONBUILD" -> c -> {
                List<String> onBuild = new ArrayList<>(c.onBuild() == null ? List.of() : c.onBuild());
                onBuild.add(required(keyword, rest));
                return c.with().onBuild(onBuild).build();
            };
            default -> throw new CommandFailure(1, "Error: " + keyword.toLowerCase(Locale.ROOT)
                    + " is not a valid change command");
        };
    }

    private static int firstSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static String required(String keyword, String value) {
        if (value.isEmpty()) {
            throw new CommandFailure(1, "Error: " + keyword + " requires exactly one argument");
        }
        return value;
    }

    private static String workdir(String current, String value) {
        if (value.startsWith("/") || current == null || current.isEmpty()) {
            return value.startsWith("/") ? value : "/" + value;
        }
        return current.endsWith("/") ? current + value : current + "/" + value;
    }

    /** Exec form when it is a JSON array of strings, shell form ({@code /bin/sh -c}) otherwise, as Docker does. */
    static List<String> command(String rest) {
        if (rest.startsWith("[")) {
            try {
                return jsonArray(rest);
            } catch (RuntimeException notJson) {
                // not valid JSON: Docker falls back to the shell form
            }
        }
        return List.of("/bin/sh", "-c", rest);
    }

    private static List<String> jsonArray(String text) {
        Object parsed = Json.read(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), Object.class);
        if (!(parsed instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw new IllegalArgumentException("not a JSON array of strings");
        }
        return list.stream().map(String.class::cast).toList();
    }

    /** {@code k=v k2="v 2"} or the legacy {@code k v w} (one pair, value is the rest). */
    private static Map<String, String> keyValues(String keyword, String rest) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> words = words(rest);
        if (words.isEmpty()) {
            throw new CommandFailure(1, "Error: " + keyword + " requires at least one argument");
        }
        if (!words.getFirst().contains("=")) {
            int space = firstSpace(rest);
            if (space < 0) {
                throw new CommandFailure(1, "Error: " + keyword + " names can not be blank");
            }
            out.put(rest.substring(0, space), unquote(rest.substring(space).strip()));
            return out;
        }
        for (String word : words) {
            int eq = word.indexOf('=');
            if (eq <= 0) {
                throw new CommandFailure(1, "Error: " + keyword + " names can not be blank");
            }
            out.put(word.substring(0, eq), word.substring(eq + 1));
        }
        return out;
    }

    /** Splits on unquoted whitespace, removing quotes and backslash escapes. */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quote == 0 && Character.isWhitespace(ch)) {
                if (inWord) {
                    out.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                continue;
            }
            inWord = true;
            if (ch == '\\' && i + 1 < text.length() && quote != '\'') {
                word.append(text.charAt(++i));
            } else if (quote == 0 && (ch == '"' || ch == '\'')) {
                quote = ch;
            } else if (ch == quote) {
                quote = 0;
            } else {
                word.append(ch);
            }
        }
        if (inWord) {
            out.add(word.toString());
        }
        return out;
    }

    private static String unquote(String value) {
        List<String> words = words(value);
        return words.size() == 1 ? words.getFirst() : value;
    }
}
