package dev.strata.container;

import dev.strata.image.ContainerConfig;
import dev.strata.image.ImageConfig;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Docker's rules for turning an image's defaults and the user's flags into a container's configuration:
 * which command runs, which environment it sees, where it starts, and the host-side limits. Each rule
 * names the Docker behaviour it copies, since scripts depend on the details.
 */
public final class ContainerConfigs {
    /** Docker's PATH for Linux containers whose image sets none. */
    public static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private static final Pattern SIZE = Pattern.compile("^(\\d+(?:\\.\\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$");
    static final long MINIMUM_MEMORY = 6L << 20;

    private ContainerConfigs() {
    }

    /** A container's configuration: its Config as {@code inspect} shows it, the process to run, the host settings. */
    public record Resolved(ContainerConfig config, String path, List<String> args, HostConfig hostConfig) {
    }

    /**
     * Merges the image's config and the options as Docker does at {@code create}.
     *
     * @param hostEnv the environment of the {@code strata} process, for {@code -e KEY} without a value
     */
    public static Resolved resolve(ImageConfig image, CreateOptions options, String containerId,
                                   Map<String, String> hostEnv) throws IOException {
        ContainerConfig base = image.configOrEmpty();
        List<String> userEnv = new ArrayList<>();
        for (Path file : options.envFiles()) {
            userEnv.addAll(readEnvFile(file, hostEnv));
        }
        for (String value : options.env()) {
            userEnv.add(cliEnv(value, hostEnv));
        }

        // an entrypoint given (the CLI's --entrypoint X is [X], never split; "" clears the image's, and so
        // does the API's [""]) means the image's Cmd no longer applies, only the words after the image name
        List<String> entrypoint;
        List<String> cmd;
        boolean argsEscaped = false;
        if (options.entrypoint() != null) {
            entrypoint = options.entrypoint().isEmpty() || options.entrypoint().equals(List.of("")) ? null
                    : options.entrypoint();
            cmd = options.command().isEmpty() ? null : options.command();
        } else {
            entrypoint = emptyToNull(base.entrypoint());
            if (options.command().isEmpty()) {
                cmd = emptyToNull(base.cmd());
                argsEscaped = base.argsEscaped();
            } else {
                cmd = options.command();
            }
        }
        List<String> process = new ArrayList<>();
        if (entrypoint != null) {
            process.addAll(entrypoint);
        }
        if (cmd != null) {
            process.addAll(cmd);
        }
        if (process.isEmpty()) {
            throw new dev.strata.error.InvalidInputException("No command specified");
        }

        String workdir = base.workingDir();
        if (options.workdir() != null && !options.workdir().isEmpty()) {
            workdir = options.workdir();
        }
        if (!workdir.isEmpty() && !workdir.startsWith("/")) {
            throw new dev.strata.error.InvalidInputException("the working directory '" + workdir
                    + "' is invalid, it needs to be an absolute path");
        }
        String user = options.user() != null && !options.user().isEmpty() ? options.user() : base.user();

        Map<String, String> labels = new LinkedHashMap<>();
        if (base.labels() != null) {
            labels.putAll(base.labels());
        }
        labels.putAll(new java.util.TreeMap<>(options.labels()));

        boolean attach = !options.detach();
        NetworkOptions net = options.networking();
        String network = options.network() == null || options.network().isEmpty() ? "default" : options.network();
        checkNetworking(network, net);
        ContainerConfig config = ContainerConfig.empty().with()
                .hostname(net.hostname().isEmpty() ? containerId.substring(0, 12) : net.hostname())
                .user(user)
                .attachStdin(attach && options.interactive())
                .attachStdout(attach)
                .attachStderr(attach)
                .exposedPorts(exposedPorts(base.exposedPorts(), net))
                .tty(options.tty())
                .openStdin(options.interactive())
                .stdinOnce(attach && options.interactive())
                .env(emptyToNull(mergeEnv(userEnv, base.env())))
                .cmd(cmd)
                .healthcheck(health(base.healthcheck(), options.health()))
                .argsEscaped(argsEscaped)
                .image(options.image())
                .volumes(configVolumes(base.volumes(), options.volumes()))
                .workingDir(workdir)
                .entrypoint(entrypoint)
                .labels(labels)
                .stopSignal(base.stopSignal())
                .stopTimeout(base.stopTimeout())
                .build();

        MountSpecs.requests(options);
        if (options.memory() != 0 && options.memory() < MINIMUM_MEMORY) {
            throw new dev.strata.error.InvalidInputException("Minimum memory limit allowed is 6MB");
        }
        // Docker discards what a host-network container publishes (its CLI warns)
        Map<String, List<dev.strata.network.port.PortBinding>> ports = new java.util.TreeMap<>();
        if (!network.equals("host")) {
            net.publish().forEach((port, bindings) -> ports.put(port.toString(), bindings));
        }
        RestartPolicy restart = options.restartPolicy().validate();
        if (options.autoRemove() && !restart.none()) {
            // Docker 20.10's daemon's words, for a client that does not check it first as the docker CLI does
            throw new dev.strata.error.InvalidInputException("can't create 'AutoRemove' container with restart policy");
        }
        // the docker CLI sends -v /path in Config.Volumes and the rest of -v in HostConfig.Binds
        HostConfig host = new HostConfig(options.volumes().stream().filter(v -> v.contains(":")).toList(), network, options.autoRemove(), options.readOnly(),
                options.memory(), options.memory() > 0 ? options.memory() * 2 : 0, options.nanoCpus(),
                options.pidsLimit() != null && options.pidsLimit() > 0 ? options.pidsLimit() : null, 0,
                options.runtime(), ports, net.publishAll(), net.dns(), net.dnsOptions(), net.dnsSearch(), net.addHosts(),
                options.volumesFrom(), tmpfsAsGiven(options.tmpfs()), restart, options.init());
        return new Resolved(config, process.getFirst(), List.copyOf(process.subList(1, process.size())), host);
    }

    /** The image's VOLUME paths with each {@code -v /path} added, as Docker's Config.Volumes (a Go map: sorted). */
    static Map<String, Map<String, Object>> configVolumes(Map<String, Map<String, Object>> image, List<String> volumes) {
        Map<String, Map<String, Object>> out = new java.util.TreeMap<>();
        if (image != null) {
            out.putAll(image);
        }
        for (String v : volumes) {
            if (!v.contains(":")) {
                out.putIfAbsent(v, Map.of());
            }
        }
        return out.isEmpty() ? null : out;
    }

    /** {@code --tmpfs DST[:OPTIONS]} as Docker's HostConfig.Tmpfs keeps it: destination to options. */
    static Map<String, String> tmpfsAsGiven(List<String> tmpfs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String spec : tmpfs) {
            int colon = spec.indexOf(':');
            out.put(colon < 0 ? spec : spec.substring(0, colon), colon < 0 ? "" : spec.substring(colon + 1));
        }
        return out;
    }

    /**
     * The health check the container gets: the image's, with each {@code --health-*} flag given
     * ({@code given}'s non-zero members) over it, as Docker merges them; {@code --no-healthcheck} is Test NONE.
     */
    static dev.strata.image.HealthConfig health(dev.strata.image.HealthConfig image, dev.strata.image.HealthConfig given) {
        if (given == null) {
            return image;
        }
        if (given.test() != null && !given.test().isEmpty() && given.test().getFirst().equals("NONE")) {
            return given;
        }
        dev.strata.image.HealthConfig base = image == null ? new dev.strata.image.HealthConfig(null, 0, 0, 0, 0, 0) : image;
        return new dev.strata.image.HealthConfig(
                given.test() != null && !given.test().isEmpty() ? given.test() : base.test(),
                given.interval() != 0 ? given.interval() : base.interval(),
                given.timeout() != 0 ? given.timeout() : base.timeout(),
                given.startPeriod() != 0 ? given.startPeriod() : base.startPeriod(),
                given.startInterval() != 0 ? given.startInterval() : base.startInterval(),
                given.retries() != 0 ? given.retries() : base.retries());
    }

    /**
     * The daemon's checks of the networking flags against the mode: a container that shares another's
     * namespace takes its name, resolvers and hosts too, and neither it nor a {@code none} container
     * publishes ports.
     */
    static void checkNetworking(String network, NetworkOptions net) {
        boolean shared = network.startsWith("container:");
        if (shared && network.length() == "container:".length()) {
            throw new dev.strata.error.InvalidInputException("invalid container format container:<name|id>");
        }
        if ((shared || network.equals("host")) && !net.hostname().isEmpty()) {
            throw new dev.strata.error.InvalidInputException("conflicting options: hostname and the network mode");
        }
        if (shared && (!net.dns().isEmpty() || !net.dnsSearch().isEmpty() || !net.dnsOptions().isEmpty())) {
            throw new dev.strata.error.InvalidInputException("conflicting options: dns and the network mode");
        }
        if (shared && !net.addHosts().isEmpty()) {
            throw new dev.strata.error.InvalidInputException("conflicting options: custom host-to-IP mapping and the network mode");
        }
        if ((shared || network.equals("none")) && (!net.publish().isEmpty() || net.publishAll())) {
            throw new dev.strata.error.InvalidInputException(
                    "conflicting options: port publishing and the container type network mode");
        }
        if (!net.hostname().isEmpty() && !HOSTNAME.matcher(net.hostname()).matches()) {
            throw new dev.strata.error.InvalidInputException("invalid hostname format: " + net.hostname());
        }
    }

    private static final Pattern HOSTNAME = Pattern.compile(
            "^([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9\\-]*[a-zA-Z0-9])(\\.([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9\\-]*[a-zA-Z0-9]))*$");

    /** The image's exposed ports, then {@code --expose}'s and {@code -p}'s, as the CLI and daemon merge them. */
    static Map<String, Map<String, Object>> exposedPorts(Map<String, Map<String, Object>> image, NetworkOptions net) {
        // a Go map: Docker's JSON has its keys sorted
        Map<String, Map<String, Object>> out = new java.util.TreeMap<>();
        if (image != null) {
            out.putAll(image);
        }
        for (dev.strata.network.port.Port port : net.expose()) {
            out.putIfAbsent(port.toString(), Map.of());
        }
        for (dev.strata.network.port.Port port : net.publish().keySet()) {
            out.putIfAbsent(port.toString(), Map.of());
        }
        return out.isEmpty() ? null : out;
    }

    private static List<String> emptyToNull(List<String> list) {
        return list == null || list.isEmpty() ? null : list;
    }

    /**
     * The daemon's merge at create: the user's variables in their order, then each image variable whose
     * name the user did not set. A bare {@code KEY} from the user stays, meaning "unset".
     */
    public static List<String> mergeEnv(List<String> user, List<String> image) {
        if (user.isEmpty()) {
            return image == null ? List.of() : image;
        }
        List<String> out = new ArrayList<>(user);
        if (image != null) {
            for (String variable : image) {
                String key = keyOf(variable);
                if (user.stream().noneMatch(u -> keyOf(u).equals(key))) {
                    out.add(variable);
                }
            }
        }
        return out;
    }

    /**
     * Docker's ReplaceOrAppendEnvValues: each override replaces the default of the same name in place or
     * is appended; an override without {@code =} removes the default of that name.
     */
    public static List<String> replaceOrAppend(List<String> defaults, List<String> overrides) {
        List<String> out = new ArrayList<>(defaults);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < out.size(); i++) {
            index.put(keyOf(out.get(i)), i);
        }
        for (String value : overrides) {
            int eq = value.indexOf('=');
            if (eq < 0) {
                Integer i = index.get(value);
                if (i != null) {
                    out.set(i, null);
                }
                continue;
            }
            Integer i = index.get(value.substring(0, eq));
            if (i != null) {
                out.set(i, value);
            } else {
                // like Docker, appended names are not indexed: a later duplicate is appended again
                out.add(value);
            }
        }
        out.removeIf(java.util.Objects::isNull);
        return out;
    }

    /**
     * The environment the container's process gets: PATH (unless the config sets one), HOSTNAME, TERM for a
     * terminal, then the config's variables replacing or adding.
     */
    public static List<String> processEnv(ContainerConfig config, boolean tty) {
        List<String> defaults = new ArrayList<>();
        defaults.add("PATH=" + DEFAULT_PATH);
        defaults.add("HOSTNAME=" + config.hostname());
        if (tty) {
            defaults.add("TERM=xterm");
        }
        return replaceOrAppend(defaults, config.env() == null ? List.of() : config.env());
    }

    private static String keyOf(String variable) {
        int eq = variable.indexOf('=');
        return eq < 0 ? variable : variable.substring(0, eq);
    }

    /** The CLI's {@code -e}: {@code KEY=VALUE} as is; {@code KEY} takes the host's value when it has one. */
    public static String cliEnv(String value, Map<String, String> hostEnv) {
        int eq = value.indexOf('=');
        String key = eq < 0 ? value : value.substring(0, eq);
        if (key.isEmpty()) {
            throw new dev.strata.error.InvalidInputException("invalid environment variable: " + value);
        }
        if (eq >= 0) {
            return value;
        }
        String host = hostEnv.get(key);
        return host != null ? key + "=" + host : value;
    }

    /**
     * The CLI's {@code --env-file}: one {@code KEY=VALUE} a line, value untrimmed; {@code KEY} alone takes the
     * host's value or is skipped; blank lines and {@code #} comments ignored.
     */
    public static List<String> readEnvFile(Path file, Map<String, String> hostEnv) throws IOException {
        List<String> out = new ArrayList<>();
        for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String line = raw.stripLeading();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            String variable = eq < 0 ? line : line.substring(0, eq);
            if (variable.chars().anyMatch(c -> c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r')) {
                throw new dev.strata.error.InvalidInputException("variable '" + variable + "' contains whitespaces");
            }
            if (variable.isEmpty()) {
                throw new dev.strata.error.InvalidInputException("no variable name on line '" + line + "'");
            }
            if (eq >= 0) {
                out.add(line);
            } else if (hostEnv.containsKey(variable)) {
                out.add(variable + "=" + hostEnv.get(variable));
            }
        }
        return out;
    }

    /** Docker's RAMInBytes: {@code 64m}, {@code 1.5g}, {@code 512k}, {@code 1024}, units of 1024. */
    public static long parseMemory(String text) {
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            throw new dev.strata.error.InvalidInputException("invalid size: '" + text + "'");
        }
        BigDecimal value = new BigDecimal(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
        int shift = switch (unit) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            case "p" -> 50;
            default -> 0;
        };
        return value.multiply(BigDecimal.valueOf(1L << shift)).longValue();
    }

    /** {@code --cpus 1.5} as NanoCpus; Docker refuses more CPUs than the host has. */
    public static long parseCpus(String text, int hostCpus) {
        BigDecimal cpus;
        try {
            cpus = new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new dev.strata.error.InvalidInputException("invalid argument \"" + text
                    + "\" for \"--cpus\" flag: failed to parse " + text + " as a rational number");
        }
        long nanos = cpus.movePointRight(9).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
        if (nanos < 0 || nanos > (long) hostCpus * 1_000_000_000L || (nanos > 0 && nanos < 10_000_000L)) {
            throw new dev.strata.error.InvalidInputException("Range of CPUs is from 0.01 to " + hostCpus + ".00, as there are only "
                    + hostCpus + " CPUs available");
        }
        return nanos;
    }
}
