package dev.strata.embed;

import dev.strata.container.CreateOptions;
import dev.strata.container.NetworkOptions;
import dev.strata.network.port.Port;
import dev.strata.network.port.PortBinding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What to run: an image and what to change of what it gives a container (the command, environment,
 * user, working directory, mounts, network and published ports, limits). Immutable: every method returns a new spec, so a
 * spec can be a constant and shared between threads and tests.
 *
 * <pre>{@code
 * ContainerSpec web = ContainerSpec.of("busybox")
 *         .command("httpd", "-f", "-p", "8080")
 *         .env("MODE", "test")
 *         .user("nobody")
 *         .memory(64 << 20);
 * }</pre>
 *
 * Values are checked as they are given: a negative limit or an empty key is an
 * {@link InvalidInputException} at once; whether the image, the user or the command exists is known only
 * when the container runs.
 */
public final class ContainerSpec {
    /** Where published ports listen: tests reach them from this host only. */
    private static final String LOOPBACK = "127.0.0.1";

    /** The settings; a spec never changes its own, it copies them. */
    private static final class Fields {
        String image;
        String name;
        List<String> command = List.of();
        List<String> entrypoint;
        Map<String, String> env = new LinkedHashMap<>();
        String user;
        String workdir;
        Map<String, String> labels = new LinkedHashMap<>();
        List<String> volumes = List.of();
        String network;
        boolean readOnly;
        long memory;
        long nanoCpus;
        Long pidsLimit;
        Map<Integer, Integer> ports = new LinkedHashMap<>();

        Fields copy() {
            Fields copy = new Fields();
            copy.image = image;
            copy.name = name;
            copy.command = command;
            copy.entrypoint = entrypoint;
            copy.env = new LinkedHashMap<>(env);
            copy.user = user;
            copy.workdir = workdir;
            copy.labels = new LinkedHashMap<>(labels);
            copy.volumes = volumes;
            copy.network = network;
            copy.readOnly = readOnly;
            copy.memory = memory;
            copy.nanoCpus = nanoCpus;
            copy.pidsLimit = pidsLimit;
            copy.ports = new LinkedHashMap<>(ports);
            return copy;
        }
    }

    private final Fields fields;

    private ContainerSpec(Fields fields) {
        this.fields = fields;
    }

    /** A container of {@code image} (a reference, an ID or a unique ID prefix) as the image configures it. */
    public static ContainerSpec of(String image) {
        Fields fields = new Fields();
        fields.image = nonEmpty(image, "image");
        return new ContainerSpec(fields);
    }

    private ContainerSpec with(Consumer<Fields> change) {
        Fields copy = fields.copy();
        change.accept(copy);
        return new ContainerSpec(copy);
    }

    /** The image it runs, as given. */
    public String image() {
        return fields.image;
    }

    /** The container's name; unset, a random one as Docker's ({@code sharp_turing}). Names are unique in a store. */
    public ContainerSpec name(String name) {
        String checked = nonEmpty(name, "name");
        return with(f -> f.name = checked);
    }

    /** The command, replacing the image's {@code CMD}; run by the entrypoint, if the image or spec has one. */
    public ContainerSpec command(String... command) {
        return command(List.of(command));
    }

    /** {@link #command(String...)} from a list. */
    public ContainerSpec command(List<String> command) {
        List<String> words = List.copyOf(command);
        return with(f -> f.command = words);
    }

    /** The entrypoint, replacing the image's (and, as in Docker, its {@code CMD}); no words clears it. */
    public ContainerSpec entrypoint(String... entrypoint) {
        List<String> words = List.of(entrypoint);
        return with(f -> f.entrypoint = words);
    }

    /** An environment variable, over the image's value of it. */
    public ContainerSpec env(String key, String value) {
        String checked = nonEmpty(key, "environment variable name");
        if (checked.indexOf('=') >= 0) {
            throw new InvalidInputException("invalid environment variable name " + key + ": it contains '='", null);
        }
        Objects.requireNonNull(value, "value");
        return with(f -> f.env.put(checked, value));
    }

    /** Environment variables, as {@link #env(String, String)} each, in the map's order. */
    public ContainerSpec env(Map<String, String> env) {
        ContainerSpec spec = this;
        for (Map.Entry<String, String> entry : env.entrySet()) {
            spec = spec.env(entry.getKey(), entry.getValue());
        }
        return spec;
    }

    /** The user the command runs as: a name or UID of the image's {@code /etc/passwd}, optionally {@code :group}. */
    public ContainerSpec user(String user) {
        String checked = nonEmpty(user, "user");
        return with(f -> f.user = checked);
    }

    /** The working directory of the command (created if missing), an absolute path in the container. */
    public ContainerSpec workdir(String workdir) {
        String checked = absolute(workdir, "working directory");
        return with(f -> f.workdir = checked);
    }

    /** A label on the container. */
    public ContainerSpec label(String key, String value) {
        String checked = nonEmpty(key, "label");
        Objects.requireNonNull(value, "value");
        return with(f -> f.labels.put(checked, value));
    }

    /** The host directory or file {@code hostPath} mounted at {@code containerPath}, writable. */
    public ContainerSpec volume(Path hostPath, String containerPath) {
        return bind(hostPath, containerPath, "");
    }

    /** The host directory or file {@code hostPath} mounted at {@code containerPath}, read-only. */
    public ContainerSpec readOnlyVolume(Path hostPath, String containerPath) {
        return bind(hostPath, containerPath, ":ro");
    }

    private ContainerSpec bind(Path hostPath, String containerPath, String mode) {
        String bind = hostPath.toAbsolutePath() + ":" + absolute(containerPath, "mount point") + mode;
        return with(f -> {
            List<String> volumes = new ArrayList<>(f.volumes);
            volumes.add(bind);
            f.volumes = List.copyOf(volumes);
        });
    }

    /**
     * The network: {@code bridge} (Docker's default bridge, the default), a user-defined network's name,
     * {@code none} (a loopback interface only) or {@code host} (the host's own network).
     */
    public ContainerSpec network(String network) {
        String checked = nonEmpty(network, "network");
        return with(f -> f.network = checked);
    }

    /**
     * Publishes TCP port {@code containerPort} on the host's loopback address, at a port the kernel picks:
     * {@link Container#hostPort} says which. Needs a bridge network (the default).
     */
    public ContainerSpec publish(int containerPort) {
        return publish(0, containerPort);
    }

    /**
     * Publishes TCP port {@code containerPort} on the host's loopback address at {@code hostPort} (0: a port
     * the kernel picks). A host port taken is known when the container runs: a {@link ConflictException}.
     */
    public ContainerSpec publish(int hostPort, int containerPort) {
        if (containerPort < 1 || containerPort > 65535 || hostPort < 0 || hostPort > 65535) {
            throw new InvalidInputException("invalid port mapping " + hostPort + ":" + containerPort
                    + ": ports are 1 to 65535 (0 for the host's: any)", null);
        }
        return with(f -> f.ports.put(containerPort, hostPort));
    }

    /** The root file system mounted read-only (mounts and {@code /tmp}-style volumes stay as they are). */
    public ContainerSpec readOnlyRootFilesystem() {
        return with(f -> f.readOnly = true);
    }

    /** A memory limit in bytes (the cgroup's {@code memory.limit_in_bytes}); 0 for none. */
    public ContainerSpec memory(long bytes) {
        if (bytes < 0) {
            throw new InvalidInputException("invalid memory limit " + bytes + ": it must be 0 (none) or more", null);
        }
        return with(f -> f.memory = bytes);
    }

    /** A CPU limit, in CPUs ({@code 0.5} for half of one); 0 for none. */
    public ContainerSpec cpus(double cpus) {
        if (!(cpus >= 0) || Double.isInfinite(cpus)) {
            throw new InvalidInputException("invalid CPU limit " + cpus + ": it must be 0 (none) or more", null);
        }
        long nanoCpus = Math.round(cpus * 1e9);
        return with(f -> f.nanoCpus = nanoCpus);
    }

    /** The most processes the container may have at once. */
    public ContainerSpec pidsLimit(long pids) {
        if (pids <= 0) {
            throw new InvalidInputException("invalid pids limit " + pids + ": it must be 1 or more", null);
        }
        return with(f -> f.pidsLimit = pids);
    }

    /** The engine's create options: this spec, with {@code extraLabels} added to its labels. */
    CreateOptions options(Map<String, String> extraLabels) {
        List<String> env = new ArrayList<>();
        fields.env.forEach((key, value) -> env.add(key + "=" + value));
        Map<String, String> labels = new LinkedHashMap<>(fields.labels);
        labels.putAll(extraLabels);
        Map<Port, List<PortBinding>> publish = new LinkedHashMap<>();
        fields.ports.forEach((container, host) -> publish.put(new Port(container, "tcp"),
                List.of(new PortBinding(LOOPBACK, host == 0 ? "" : Integer.toString(host)))));
        NetworkOptions networking = new NetworkOptions(List.of(), "", "", publish, false, List.of(), List.of(),
                List.of(), List.of(), List.of());
        return CreateOptions.image(fields.image).name(fields.name).command(fields.command).entrypoint(fields.entrypoint).env(env)
                .user(fields.user).workdir(fields.workdir).volumes(fields.volumes).network(fields.network)
                .readOnly(fields.readOnly).memory(fields.memory).nanoCpus(fields.nanoCpus)
                .pidsLimit(fields.pidsLimit).labels(labels).networking(networking).build();
    }

    private static String nonEmpty(String value, String what) {
        if (value == null || value.isEmpty()) {
            throw new InvalidInputException("the " + what + " must not be empty", null);
        }
        return value;
    }

    private static String absolute(String path, String what) {
        if (nonEmpty(path, what).charAt(0) != '/') {
            throw new InvalidInputException("the " + what + " must be an absolute path, not " + path, null);
        }
        return path;
    }

    @Override
    public String toString() {
        return "ContainerSpec[" + fields.image + (fields.name == null ? "" : " as " + fields.name)
                + (fields.command.isEmpty() ? "" : " " + fields.command) + "]";
    }
}
