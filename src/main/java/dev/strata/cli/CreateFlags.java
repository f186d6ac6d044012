package dev.strata.cli;

import dev.strata.container.ContainerConfigs;
import dev.strata.container.ContainerException;
import dev.strata.container.CreateOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The flags {@code run} and {@code create} share, with Docker's names. */
final class CreateFlags {
    @Option(names = {"-i", "--interactive"}, description = "Keep STDIN open even if not attached")
    boolean interactive;

    @Option(names = {"-t", "--tty"}, description = "Allocate a pseudo-TTY")
    boolean tty;

    @Option(names = "--rm", description = "Automatically remove the container when it exits")
    boolean autoRemove;

    @Option(names = "--name", paramLabel = "string", description = "Assign a name to the container")
    String name;

    @Option(names = {"-e", "--env"}, paramLabel = "list", description = "Set environment variables")
    List<String> env = new ArrayList<>();

    @Option(names = "--env-file", paramLabel = "list", description = "Read in a file of environment variables")
    List<Path> envFiles = new ArrayList<>();

    @Option(names = {"-w", "--workdir"}, paramLabel = "string", description = "Working directory inside the container")
    String workdir;

    @Option(names = {"-u", "--user"}, paramLabel = "string", description = "Username or UID (format: <name|uid>[:<group|gid>])")
    String user;

    @Option(names = "--entrypoint", paramLabel = "string", description = "Overwrite the default ENTRYPOINT of the image")
    String entrypoint;

    @Option(names = {"-v", "--volume"}, paramLabel = "list", description = "Bind mount a volume (HOST:CONTAINER[:ro])")
    List<String> volumes = new ArrayList<>();

    @Option(names = {"--network", "--net"}, paramLabel = "network",
            description = "Connect a container to a network: none or host (default: a private network namespace with loopback only)")
    String network;

    @Option(names = "--read-only", description = "Mount the container's root filesystem as read only")
    boolean readOnly;

    @Option(names = {"-m", "--memory"}, paramLabel = "bytes", description = "Memory limit")
    String memory;

    @Option(names = "--cpus", paramLabel = "decimal", description = "Number of CPUs")
    String cpus;

    @Option(names = "--pids-limit", paramLabel = "int", description = "Tune container pids limit (set -1 for unlimited)")
    Long pidsLimit;

    @Option(names = "--runtime", paramLabel = "string", description = "Runtime to use for this container (runc, crun)")
    String runtime;

    @Option(names = {"-l", "--label"}, paramLabel = "list", description = "Set meta data on a container")
    List<String> labels = new ArrayList<>();

    CreateOptions options(String image, List<String> command, boolean detach) throws ContainerException {
        Map<String, String> labelMap = new LinkedHashMap<>();
        for (String label : labels) {
            int eq = label.indexOf('=');
            labelMap.put(eq < 0 ? label : label.substring(0, eq), eq < 0 ? "" : label.substring(eq + 1));
        }
        return CreateOptions.image(image)
                .name(name)
                .command(command)
                .entrypoint(entrypoint)
                .env(env)
                .envFiles(envFiles)
                .workdir(workdir)
                .user(user)
                .volumes(volumes)
                .network(network)
                .readOnly(readOnly)
                .memory(memory == null ? 0 : ContainerConfigs.parseMemory(memory))
                .nanoCpus(cpus == null ? 0 : ContainerConfigs.parseCpus(cpus, Runtime.getRuntime().availableProcessors()))
                .pidsLimit(pidsLimit)
                .runtime(runtime)
                .tty(tty)
                .interactive(interactive)
                .autoRemove(autoRemove)
                .detach(detach)
                .labels(labelMap)
                .build();
    }
}
