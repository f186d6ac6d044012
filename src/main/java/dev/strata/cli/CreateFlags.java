package dev.strata.cli;

import dev.strata.cli.flag.Flag;
import dev.strata.cli.flag.FlagSet;
import dev.strata.container.ContainerConfigs;
import dev.strata.container.CreateOptions;
import dev.strata.container.NetworkOptions;
import dev.strata.network.port.Port;
import dev.strata.network.port.PortBinding;
import dev.strata.network.port.PortSpec;
import java.util.ArrayList;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The flags {@code run} and {@code create} share, with Docker's names, types and checks. */
final class CreateFlags {
    final Flag<Boolean> interactive;
    final Flag<Boolean> tty;
    private final Flag<Boolean> autoRemove;
    final Flag<String> name;
    private final Flag<List<String>> env;
    private final Flag<List<String>> envFiles;
    private final Flag<String> workdir;
    private final Flag<String> user;
    private final Flag<String> entrypoint;
    private final Flag<List<String>> volumes;
    private final Flag<List<String>> mounts;
    private final Flag<List<String>> tmpfs;
    private final Flag<List<String>> volumesFrom;
    private final Flag<String> network;
    private final Flag<Boolean> readOnly;
    private final Flag<Long> memory;
    private final Flag<String> cpus;
    private final Flag<Long> pidsLimit;
    private final Flag<String> runtime;
    private final Flag<List<String>> labels;
    private final Flag<List<String>> publish;
    private final Flag<Boolean> publishAll;
    private final Flag<List<String>> expose;
    private final Flag<String> ip;
    private final Flag<List<String>> networkAliases;
    private final Flag<String> hostname;
    private final Flag<List<String>> addHosts;
    private final Flag<List<String>> dns;
    private final Flag<List<String>> dnsSearch;
    private final Flag<List<String>> dnsOptions;
    private final Flag<String> restart;
    private final Flag<Boolean> init;
    private final Flag<String> healthCmd;
    private final Flag<java.time.Duration> healthInterval;
    private final Flag<java.time.Duration> healthTimeout;
    private final Flag<java.time.Duration> healthStartPeriod;
    private final Flag<Long> healthRetries;
    private final Flag<Boolean> noHealthcheck;

    CreateFlags(FlagSet flags) {
        interactive = flags.bool("interactive", 'i', "Keep STDIN open even if not attached");
        tty = flags.bool("tty", 't', "Allocate a pseudo-TTY");
        autoRemove = flags.bool("rm", "Automatically remove the container when it exits");
        name = flags.string("name", "Assign a name to the container");
        env = flags.list("env", 'e', "Set environment variables");
        envFiles = flags.list("env-file", "Read in a file of environment variables");
        workdir = flags.string("workdir", 'w', "Working directory inside the container");
        user = flags.string("user", 'u', "Username or UID (format: <name|uid>[:<group|gid>])");
        entrypoint = flags.string("entrypoint", "Overwrite the default ENTRYPOINT of the image");
        volumes = flags.list("volume", 'v', "Bind mount a volume");
        mounts = flags.value("mount", "mount", "Attach a filesystem mount to the container", List.of(),
                (current, text) -> {
                    // the docker CLI's own checks: "invalid argument ... for "--mount" flag: ..."
                    dev.strata.container.MountSpecs.mountFlag(text);
                    return FlagSet.append(current, text);
                });
        tmpfs = flags.list("tmpfs", "Mount a tmpfs directory");
        volumesFrom = flags.list("volumes-from", "Mount volumes from the specified container(s)");
        network = flags.value("network", "network", "Connect a container to a network", "", (current, text) -> text);
        flags.alias("net", network);
        readOnly = flags.bool("read-only", "Mount the container's root filesystem as read only");
        memory = flags.value("memory", 'm', "bytes", "Memory limit", 0L,
                (current, text) -> ContainerConfigs.parseMemory(text));
        cpus = CommonFlags.cpus(flags);
        pidsLimit = flags.integer("pids-limit", "Tune container pids limit (set -1 for unlimited)");
        runtime = flags.string("runtime", "Runtime to use for this container (runc, crun)");
        labels = flags.list("label", 'l', "Set meta data on a container");
        publish = flags.list("publish", 'p', "Publish a container's port(s) to the host");
        publishAll = flags.bool("publish-all", 'P', "Publish all exposed ports to random ports");
        expose = flags.list("expose", "Expose a port or a range of ports");
        ip = flags.string("ip", "IPv4 address (e.g., 172.30.100.104)");
        networkAliases = flags.list("network-alias", "Add network-scoped alias for the container");
        hostname = flags.string("hostname", 'h', "Container host name");
        addHosts = flags.value("add-host", "list", "Add a custom host-to-IP mapping (host:ip)", List.of(),
                (current, text) -> {
                    dev.strata.network.names.HostsFile.parseAddHost(text, "0.0.0.0");
                    return FlagSet.append(current, text);
                });
        dns = flags.value("dns", "list", "Set custom DNS servers", List.of(), (current, text) -> {
            if (!dev.strata.network.ip.Ipv4.isIp(text)) {
                throw new IllegalArgumentException("IP address is not correctly formatted: " + text);
            }
            return FlagSet.append(current, text);
        });
        dnsSearch = flags.list("dns-search", "Set custom DNS search domains");
        dnsOptions = flags.list("dns-option", "Set DNS options");
        restart = flags.string("restart", "Restart policy to apply when a container exits").defaultValue("no");
        init = flags.bool("init", "Run an init inside the container that forwards signals and reaps processes");
        healthCmd = flags.string("health-cmd", "Command to run to check health");
        healthInterval = flags.duration("health-interval", "Time between running the check (ms|s|m|h)");
        healthTimeout = flags.duration("health-timeout", "Maximum time to allow one check to run (ms|s|m|h)");
        healthStartPeriod = flags.duration("health-start-period",
                "Start period for the container to initialize before starting health-retries countdown (ms|s|m|h)");
        healthRetries = flags.integer("health-retries", "Consecutive failures needed to report unhealthy");
        noHealthcheck = flags.bool("no-healthcheck", "Disable any container-specified HEALTHCHECK");
    }

    /** {@code --restart}, checked as the docker CLI checks it (its name by the engine, as Docker's daemon does). */
    private dev.strata.container.RestartPolicy restartPolicy() {
        dev.strata.container.RestartPolicy policy;
        try {
            policy = dev.strata.container.RestartPolicy.parse(restart.get());
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(125, e.getMessage());
        }
        if (autoRemove.get() && !policy.none()) {
            throw new CommandFailure(125, "conflicting options: cannot specify both --restart and --rm");
        }
        return policy;
    }

    /**
     * The health flags over the image's HEALTHCHECK (null: none given), with the docker CLI's checks and
     * words: {@code --no-healthcheck} alone, no negative durations or retries.
     */
    private dev.strata.image.HealthConfig health() {
        boolean any = healthCmd.changed() || healthInterval.changed() || healthTimeout.changed()
                || healthStartPeriod.changed() || healthRetries.changed();
        if (noHealthcheck.get()) {
            if (any) {
                throw new CommandFailure(125, "--no-healthcheck conflicts with --health-* options");
            }
            return new dev.strata.image.HealthConfig(List.of("NONE"), 0, 0, 0, 0, 0);
        }
        if (!any) {
            return null;
        }
        if (healthInterval.get().isNegative()) {
            throw new CommandFailure(125, "--health-interval cannot be negative");
        }
        if (healthTimeout.get().isNegative()) {
            throw new CommandFailure(125, "--health-timeout cannot be negative");
        }
        if (healthRetries.get() < 0) {
            throw new CommandFailure(125, "--health-retries cannot be negative");
        }
        if (healthStartPeriod.get().isNegative()) {
            throw new CommandFailure(125, "--health-start-period cannot be negative");
        }
        List<String> test = healthCmd.get().isEmpty() ? null : List.of("CMD-SHELL", healthCmd.get());
        return new dev.strata.image.HealthConfig(test, healthInterval.get().toNanos(), healthTimeout.get().toNanos(),
                healthStartPeriod.get().toNanos(), 0, Math.toIntExact(Math.clamp(healthRetries.get(), 0, Integer.MAX_VALUE)));
    }

    /** The networking flags, checked as the docker CLI checks them before asking its daemon. */
    private NetworkOptions networking() {
        Map<Port, List<PortBinding>> ports;
        List<Port> exposed = new ArrayList<>();
        try {
            ports = PortSpec.bindings(publish.get());
            for (String spec : expose.get()) {
                exposed.addAll(PortSpec.exposed(spec));
            }
        } catch (IllegalArgumentException e) {
            // refused by the docker CLI itself, so printed without "Error:"
            throw new CommandFailure(125, e.getMessage());
        }
        String mode = network.get();
        boolean userDefined = !mode.isEmpty() && !mode.equals("default") && !mode.equals("bridge") && !mode.equals("host")
                && !mode.equals("none") && !mode.startsWith("container:");
        if (!networkAliases.get().isEmpty() && !userDefined) {
            // the docker CLI's own check, made before it asks its daemon for anything (no "Error:" either)
            throw new CommandFailure(125, "network-scoped aliases are only supported for user-defined networks");
        }
        return new NetworkOptions(networkAliases.get(), ip.get(), hostname.get(), ports, publishAll.get(), exposed,
                addHosts.get(), dns.get(), dnsSearch.get(), dnsOptions.get());
    }

    CreateOptions options(String image, List<String> command, boolean detach) {
        Map<String, String> labelMap = new LinkedHashMap<>();
        for (String label : labels.get()) {
            int eq = label.indexOf('=');
            labelMap.put(eq < 0 ? label : label.substring(0, eq), eq < 0 ? "" : label.substring(eq + 1));
        }
        return CreateOptions.image(image)
                .name(name.given())
                .command(command)
                .entrypoint(entrypoint.given())
                .env(env.get())
                .envFiles(envFiles.get().stream().map(Path::of).toList())
                .workdir(workdir.given())
                .user(user.given())
                .volumes(volumes.get())
                .mounts(mounts.get())
                .tmpfs(tmpfs.get())
                .volumesFrom(volumesFrom.get())
                .network(network.given())
                .readOnly(readOnly.get())
                .memory(memory.get())
                .nanoCpus(cpus.given() == null ? 0 : ContainerConfigs.parseCpus(cpus.get(),
                        Runtime.getRuntime().availableProcessors()))
                .pidsLimit(pidsLimit.given())
                .runtime(runtime.given())
                .tty(tty.get())
                .interactive(interactive.get())
                .autoRemove(autoRemove.get())
                .detach(detach)
                .labels(labelMap)
                .networking(networking())
                .restartPolicy(restartPolicy())
                .init(init.get() ? Boolean.TRUE : null)
                .health(health())
                .build();
    }
}
