package dev.strata.container;

import dev.strata.image.ContainerConfig;
import dev.strata.image.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code commit --change}: Dockerfile instructions applied to a container's config - CMD, ENTRYPOINT,
 * ENV, EXPOSE, LABEL, USER, WORKDIR, VOLUME - as Docker's BuildFromConfig applies them. As in a
 * Dockerfile, ENTRYPOINT clears CMD unless a CMD came earlier in the same commit. Variables are not
 * expanded (Docker would expand {@code $VAR} from the config's environment).
 */
public final class ConfigChanges {
    private ConfigChanges() {
    }

    public static ContainerConfig apply(ContainerConfig config, List<String> changes) throws ContainerException {
        ContainerConfig current = config;
        boolean cmdSet = false;
        for (String change : changes) {
            String text = change.strip();
            if (text.isEmpty()) {
                continue;
            }
            int space = indexOfWhitespace(text);
            String instruction = (space < 0 ? text : text.substring(0, space)).toLowerCase(Locale.ROOT);
            String rest = space < 0 ? "" : text.substring(space).strip();
            switch (instruction) {
                case "cmd" -> {
                    current = current.with().cmd(commandForm(rest)).build();
                    cmdSet = true;
                }
                case "entrypoint" -> {
                    List<String> entrypoint = commandForm(rest);
                    ContainerConfig.Builder builder = current.with().entrypoint(entrypoint);
                    if (!cmdSet) {
                        builder.cmd(null);
                    }
                    current = builder.build();
                }
                case "env" -> {
                    List<String> env = new ArrayList<>(current.env() == null ? List.of() : current.env());
                    for (var pair : keyValues(rest, "ENV").entrySet()) {
                        env = ContainerConfigs.replaceOrAppend(env, List.of(pair.getKey() + "=" + pair.getValue()));
                    }
                    current = current.with().env(env).build();
                }
                case "label" -> {
                    Map<String, String> labels = new LinkedHashMap<>(current.labels() == null ? Map.of() : current.labels());
                    labels.putAll(keyValues(rest, "LABEL"));
                    current = current.with().labels(labels).build();
                }
                case "expose" -> {
                    Map<String, Map<String, Object>> ports = new TreeMap<>(
                            current.exposedPorts() == null ? Map.of() : current.exposedPorts());
                    for (String port : words(rest)) {
                        for (String one : expandPort(port)) {
                            ports.put(one, Map.of());
                        }
                    }
                    current = current.with().exposedPorts(ports).build();
                }
                case "user" -> current = current.with().user(requireArgument(rest, "USER")).build();
                case "workdir" -> {
                    String dir = requireArgument(rest, "WORKDIR");
                    String base = current.workingDir().isEmpty() ? "/" : current.workingDir();
                    String joined = dir.startsWith("/") ? dir : base + "/" + dir;
                    current = current.with().workingDir(java.nio.file.Path.of(joined).normalize().toString()).build();
                }
                case "volume" -> {
                    Map<String, Map<String, Object>> volumes = new TreeMap<>(
                            current.volumes() == null ? Map.of() : current.volumes());
                    List<String> paths = rest.startsWith("[") ? jsonArray(rest).orElse(words(rest)) : words(rest);
                    for (String path : paths) {
                        volumes.put(path, Map.of());
                    }
                    current = current.with().volumes(volumes).build();
                }
                default -> throw new ContainerException.InvalidRequest(instruction + " is not a valid change command");
            }
        }
        return current;
    }

    /** JSON form {@code ["a","b"]} as is; anything else is shell form, run by {@code /bin/sh -c}. */
    static List<String> commandForm(String rest) {
        if (rest.startsWith("[")) {
            var parsed = jsonArray(rest);
            if (parsed.isPresent()) {
                return parsed.get();
            }
        }
        return List.of("/bin/sh", "-c", rest);
    }

    private static java.util.Optional<List<String>> jsonArray(String text) {
        try {
            String[] values = Json.read(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), String[].class);
            return java.util.Optional.of(List.of(values));
        } catch (RuntimeException notJson) {
            return java.util.Optional.empty();
        }
    }

    /**
     * {@code KEY=VALUE ...} with Dockerfile quoting, or the legacy {@code KEY VALUE WITH SPACES} (one pair,
     * the rest of the line its value).
     */
    static Map<String, String> keyValues(String rest, String instruction) throws ContainerException {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> words = words(rest);
        if (words.isEmpty()) {
            throw new ContainerException.InvalidRequest(instruction + " requires at least one argument");
        }
        if (!words.getFirst().contains("=")) {
            int space = indexOfWhitespace(rest);
            if (space < 0) {
                throw new ContainerException.InvalidRequest(instruction + " must have two arguments");
            }
            out.put(unquote(rest.substring(0, space)), rest.substring(space).strip());
            return out;
        }
        for (String word : words) {
            int eq = word.indexOf('=');
            if (eq <= 0) {
                throw new ContainerException.InvalidRequest("Syntax error - can't find = in \"" + word
                        + "\". Must be of the form: name=value");
            }
            out.put(word.substring(0, eq), word.substring(eq + 1));
        }
        return out;
    }

    /** Splits on unquoted whitespace, removing quotes and backslash escapes as the Dockerfile lexer does. */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < text.length()) {
                    word.append(text.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < text.length()) {
                word.append(text.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            out.add(word.toString());
        }
        return out;
    }

    private static String unquote(String s) {
        List<String> w = words(s);
        return w.isEmpty() ? s : w.getFirst();
    }

    private static List<String> expandPort(String port) throws ContainerException {
        String proto = "tcp";
        String number = port;
        int slash = port.indexOf('/');
        if (slash >= 0) {
            proto = port.substring(slash + 1).toLowerCase(Locale.ROOT);
            number = port.substring(0, slash);
        }
        List<String> out = new ArrayList<>();
        try {
            int dash = number.indexOf('-');
            int first = Integer.parseInt(dash < 0 ? number : number.substring(0, dash));
            int last = dash < 0 ? first : Integer.parseInt(number.substring(dash + 1));
            for (int p = first; p <= last; p++) {
                out.add(p + "/" + proto);
            }
        } catch (NumberFormatException e) {
            throw new ContainerException.InvalidRequest("invalid containerPort: " + number);
        }
        return out;
    }

    private static String requireArgument(String rest, String instruction) throws ContainerException {
        List<String> words = words(rest);
        if (words.size() != 1) {
            throw new ContainerException.InvalidRequest(instruction + " requires exactly one argument");
        }
        return words.getFirst();
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
