package dev.strata.build;

import dev.strata.build.dockerfile.Dockerfile;
import dev.strata.build.dockerfile.DockerfileParser;
import dev.strata.build.dockerfile.InstructionNode;
import dev.strata.build.instruction.CmdInstruction;
import dev.strata.build.instruction.CommandForm;
import dev.strata.build.instruction.EntrypointInstruction;
import dev.strata.build.instruction.EnvInstruction;
import dev.strata.build.instruction.ExposeInstruction;
import dev.strata.build.instruction.HealthcheckInstruction;
import dev.strata.build.instruction.Instruction;
import dev.strata.build.instruction.InstructionParser;
import dev.strata.build.instruction.KeyValue;
import dev.strata.build.instruction.LabelInstruction;
import dev.strata.build.instruction.OnbuildInstruction;
import dev.strata.build.instruction.ShellInstruction;
import dev.strata.build.instruction.StopSignalInstruction;
import dev.strata.build.instruction.UserInstruction;
import dev.strata.build.instruction.VolumeInstruction;
import dev.strata.build.instruction.WordExpansion;
import dev.strata.build.instruction.WorkdirInstruction;
import dev.strata.build.shell.ShellLexer;
import dev.strata.build.shell.Variables;
import dev.strata.image.ContainerConfig;
import dev.strata.image.HealthConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The instructions that change only an image's config (CMD, ENTRYPOINT, ENV, EXPOSE, HEALTHCHECK,
 * LABEL, ONBUILD, SHELL, STOPSIGNAL, USER, VOLUME, WORKDIR), applied as Docker applies them. Used by
 * {@code import --change} and {@code commit --change} now, and by the build executor.
 */
public final class ConfigEdit {
    /** The instructions {@code --change} accepts, as Docker's list of them. */
    public static final List<String> CHANGE_KEYWORDS = List.of("CMD", "ENTRYPOINT", "ENV", "EXPOSE", "HEALTHCHECK",
            "LABEL", "ONBUILD", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR");

    private static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");

    private ConfigEdit() {
    }

    /**
     * Parses one {@code --change} line (Dockerfile syntax), expands its words against the config's
     * environment, and applies it.
     *
     * @throws IllegalArgumentException with Docker's wording for an instruction {@code --change} can't take
     */
    /**
     * Applies several {@code --change} lines in order. As in a Dockerfile, ENTRYPOINT clears CMD unless a
     * CMD came earlier in the same list.
     */
    public static ContainerConfig applyChanges(ContainerConfig config, java.util.List<String> changes) {
        ContainerConfig current = config;
        boolean cmdSet = false;
        for (String change : changes) {
            if (change.isBlank()) {
                continue;
            }
            ContainerConfig next = applyChange(current, change);
            String keyword = change.strip().split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
            if (keyword.equals("CMD")) {
                cmdSet = true;
            } else if (keyword.equals("ENTRYPOINT") && !cmdSet) {
                next = next.with().cmd(null).build();
            }
            current = next;
        }
        return current;
    }

    public static ContainerConfig applyChange(ContainerConfig config, String change) {
        Dockerfile parsed = DockerfileParser.parse("--change", change);
        ContainerConfig current = config;
        for (InstructionNode node : parsed.instructions()) {
            if (!CHANGE_KEYWORDS.contains(node.keyword().toUpperCase(Locale.ROOT))) {
                throw new IllegalArgumentException(node.keyword().toLowerCase(Locale.ROOT) + " is not a valid change command");
            }
            Instruction instruction = InstructionParser.instruction(node, parsed.escape());
            WordExpansion expansion = new WordExpansion(new ShellLexer(parsed.escape()), Variables.of(envMap(current)));
            current = apply(current, instruction.expand(expansion));
        }
        return current;
    }

    /** Applies an already expanded instruction; instructions that don't touch the config are an error. */
    public static ContainerConfig apply(ContainerConfig config, Instruction instruction) {
        return switch (instruction) {
            case CmdInstruction cmd -> config.with().cmd(command(cmd.command(), config)).build();
            case EntrypointInstruction entrypoint -> config.with().entrypoint(command(entrypoint.command(), config)).build();
            case EnvInstruction env -> config.with().env(withEnv(config.env(), env.variables())).build();
            case LabelInstruction label -> {
                Map<String, String> labels = new TreeMap<>(config.labels() == null ? Map.of() : config.labels());
                label.labels().forEach(kv -> labels.put(kv.key(), kv.value()));
                yield config.with().labels(labels).build();
            }
            case ExposeInstruction expose -> {
                Map<String, Map<String, Object>> ports = new TreeMap<>(config.exposedPorts() == null ? Map.of() : config.exposedPorts());
                for (String port : expose.ports()) {
                    for (String one : portRange(port)) {
                        ports.put(one, Map.of());
                    }
                }
                yield config.with().exposedPorts(ports).build();
            }
            case VolumeInstruction volume -> {
                Map<String, Map<String, Object>> volumes = new TreeMap<>(config.volumes() == null ? Map.of() : config.volumes());
                volume.paths().forEach(p -> volumes.put(p, Map.of()));
                yield config.with().volumes(volumes).build();
            }
            case UserInstruction user -> config.with().user(user.user()).build();
            case WorkdirInstruction workdir -> config.with().workingDir(workdir(config.workingDir(), workdir.path())).build();
            case StopSignalInstruction stop -> config.with().stopSignal(stop.signal()).build();
            case ShellInstruction shell -> config.with().shell(shell.shell()).build();
            case OnbuildInstruction onbuild -> {
                List<String> triggers = new ArrayList<>(config.onBuild() == null ? List.of() : config.onBuild());
                triggers.add(onbuild.expression());
                yield config.with().onBuild(triggers).build();
            }
            case HealthcheckInstruction health -> config.with().healthcheck(health.probe()
                    .map(p -> new HealthConfig(switch (p.test()) {
                        case CommandForm.Exec exec -> prepend("CMD", exec.arguments());
                        case CommandForm.Shell shellForm -> List.of("CMD-SHELL", shellForm.command());
                    }, p.interval().toNanos(), p.timeout().toNanos(), p.startPeriod().toNanos(),
                            p.startInterval().toNanos(), p.retries()))
                    .orElse(new HealthConfig(List.of("NONE"), 0, 0, 0, 0, 0))).build();
            default -> throw new IllegalArgumentException(instruction.keyword().toLowerCase(Locale.ROOT)
                    + " is not a valid change command");
        };
    }

    /** {@code 80}, {@code 53/udp}, {@code 8000-8002/tcp}, each as {@code NUMBER/PROTOCOL}. */
    public static List<String> portRange(String port) {
        int slash = port.indexOf('/');
        String proto = slash < 0 ? "tcp" : port.substring(slash + 1).toLowerCase(Locale.ROOT);
        String number = slash < 0 ? port : port.substring(0, slash);
        List<String> out = new ArrayList<>();
        try {
            int dash = number.indexOf('-');
            int first = Integer.parseInt(dash < 0 ? number : number.substring(0, dash));
            int last = dash < 0 ? first : Integer.parseInt(number.substring(dash + 1));
            for (int p = first; p <= last; p++) {
                out.add(p + "/" + proto);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid containerPort: " + number);
        }
        return out;
    }

    private static List<String> prepend(String first, List<String> rest) {
        List<String> out = new ArrayList<>(rest.size() + 1);
        out.add(first);
        out.addAll(rest);
        return out;
    }

    /** Exec form as given; shell form through the config's SHELL (default {@code /bin/sh -c}). */
    private static List<String> command(CommandForm form, ContainerConfig config) {
        return switch (form) {
            case CommandForm.Exec exec -> exec.arguments();
            case CommandForm.Shell shell -> {
                List<String> out = new ArrayList<>(config.shell() == null || config.shell().isEmpty()
                        ? DEFAULT_SHELL : config.shell());
                out.add(shell.command());
                yield out;
            }
        };
    }

    /** Docker's ENV: a variable already set is replaced where it stands; a new one goes last. */
    private static List<String> withEnv(List<String> env, List<KeyValue> variables) {
        List<String> out = new ArrayList<>(env == null ? List.of() : env);
        for (KeyValue kv : variables) {
            String entry = kv.key() + "=" + kv.value();
            int at = -1;
            for (int i = 0; i < out.size(); i++) {
                String e = out.get(i);
                if (e.equals(kv.key()) || e.startsWith(kv.key() + "=")) {
                    at = i;
                    break;
                }
            }
            if (at >= 0) {
                out.set(at, entry);
            } else {
                out.add(entry);
            }
        }
        return out;
    }

    /** A relative WORKDIR continues from the current one, and the result is cleaned, as Docker's is. */
    public static String workdir(String current, String path) {
        String base = current == null || current.isEmpty() ? "/" : current;
        String joined = path.startsWith("/") ? path : base + "/" + path;
        java.util.Deque<String> kept = new java.util.ArrayDeque<>();
        for (String part : joined.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                kept.pollLast();
            } else {
                kept.addLast(part);
            }
        }
        return "/" + String.join("/", kept);
    }

    public static Map<String, String> envMap(ContainerConfig config) {
        Map<String, String> out = new LinkedHashMap<>();
        if (config.env() != null) {
            for (String entry : config.env()) {
                int eq = entry.indexOf('=');
                out.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
            }
        }
        return out;
    }
}
