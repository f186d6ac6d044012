package dev.strata.container;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code create} and {@code run} were asked for, in the user's terms: flags not yet merged with the
 * image's defaults (see {@link ContainerConfigs#resolve}).
 *
 * @param entrypoint {@code --entrypoint} as words: null when not given; empty (or one empty word) clears the image's
 * @param command    the words after the image name; empty to take the image's Cmd
 * @param env        {@code -e} values in order ({@code KEY=VALUE}, or {@code KEY} to take the host's value)
 * @param volumes    {@code -v HOST:CTR[:MODE]}, {@code -v NAME:CTR[:MODE]}, {@code -v CTR}
 * @param mounts     {@code --mount} values as given
 * @param tmpfs      {@code --tmpfs CTR[:OPTIONS]}
 * @param volumesFrom {@code --volumes-from CONTAINER[:ro|rw]}
 * @param network    {@code --network}: null for the default (the bridge network), {@code bridge}, {@code none},
 *                   {@code host}, {@code container:NAME} or a network's name or ID
 * @param networking the other networking flags
 * @param memory     bytes, 0 for none
 * @param nanoCpus   CPUs × 10⁹, 0 for none
 * @param pidsLimit  null for none
 * @param runtime    null for runc
 * @param restartPolicy {@code --restart}
 * @param init       {@code --init}: null when not given
 * @param health     {@code --health-*} and {@code --no-healthcheck} over the image's HEALTHCHECK: null to keep the
 *                   image's; Test {@code ["NONE"]} turns it off
 */
public record CreateOptions(
        String image,
        String name,
        List<String> command,
        List<String> entrypoint,
        List<String> env,
        List<Path> envFiles,
        String workdir,
        String user,
        List<String> volumes,
        String network,
        boolean readOnly,
        long memory,
        long nanoCpus,
        Long pidsLimit,
        String runtime,
        boolean tty,
        boolean interactive,
        boolean autoRemove,
        boolean detach,
        Map<String, String> labels,
        NetworkOptions networking,
        List<String> mounts,
        List<String> tmpfs,
        List<String> volumesFrom,
        RestartPolicy restartPolicy,
        Boolean init,
        dev.strata.image.HealthConfig health) {

    public CreateOptions {
        restartPolicy = restartPolicy == null ? RestartPolicy.NO : restartPolicy;
        command = command == null ? List.of() : List.copyOf(command);
        entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
        env = env == null ? List.of() : List.copyOf(env);
        envFiles = envFiles == null ? List.of() : List.copyOf(envFiles);
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        networking = networking == null ? NetworkOptions.NONE : networking;
        mounts = mounts == null ? List.of() : List.copyOf(mounts);
        tmpfs = tmpfs == null ? List.of() : List.copyOf(tmpfs);
        volumesFrom = volumesFrom == null ? List.of() : List.copyOf(volumesFrom);
    }

    public static Builder image(String image) {
        return new Builder(image);
    }

    /** For tests and the CLI: {@code CreateOptions.image("busybox").command("sh", "-c", "exit 3").build()}. */
    public static final class Builder {
        private final String image;
        private String name;
        private List<String> command = List.of();
        private List<String> entrypoint;
        private final List<String> env = new ArrayList<>();
        private final List<Path> envFiles = new ArrayList<>();
        private String workdir;
        private String user;
        private final List<String> volumes = new ArrayList<>();
        private String network;
        private boolean readOnly;
        private long memory;
        private long nanoCpus;
        private Long pidsLimit;
        private String runtime;
        private boolean tty;
        private boolean interactive;
        private boolean autoRemove;
        private boolean detach;
        private Map<String, String> labels = Map.of();
        private NetworkOptions networking = NetworkOptions.NONE;
        private final List<String> mounts = new ArrayList<>();
        private final List<String> tmpfs = new ArrayList<>();
        private final List<String> volumesFrom = new ArrayList<>();
        private RestartPolicy restartPolicy = RestartPolicy.NO;
        private Boolean init;
        private dev.strata.image.HealthConfig health;

        private Builder(String image) {
            this.image = image;
        }

        public Builder name(String v) { name = v; return this; }
        public Builder command(String... v) { command = List.of(v); return this; }
        public Builder command(List<String> v) { command = v == null ? List.of() : v; return this; }
        /** The CLI's {@code --entrypoint}: one word, never split; the empty string clears the image's. */
        public Builder entrypoint(String v) { entrypoint = v == null ? null : v.isEmpty() ? List.of() : List.of(v); return this; }
        /** The Engine API's Entrypoint: words as given. */
        public Builder entrypoint(List<String> v) { entrypoint = v; return this; }
        public Builder env(String v) { env.add(v); return this; }
        public Builder env(List<String> v) { if (v != null) { env.addAll(v); } return this; }
        public Builder envFile(Path v) { envFiles.add(v); return this; }
        public Builder envFiles(List<Path> v) { if (v != null) { envFiles.addAll(v); } return this; }
        public Builder workdir(String v) { workdir = v; return this; }
        public Builder user(String v) { user = v; return this; }
        public Builder volume(String v) { volumes.add(v); return this; }
        public Builder volumes(List<String> v) { if (v != null) { volumes.addAll(v); } return this; }
        public Builder network(String v) { network = v; return this; }
        public Builder readOnly(boolean v) { readOnly = v; return this; }
        public Builder memory(long v) { memory = v; return this; }
        public Builder nanoCpus(long v) { nanoCpus = v; return this; }
        public Builder pidsLimit(Long v) { pidsLimit = v; return this; }
        public Builder runtime(String v) { runtime = v; return this; }
        public Builder tty(boolean v) { tty = v; return this; }
        public Builder interactive(boolean v) { interactive = v; return this; }
        public Builder autoRemove(boolean v) { autoRemove = v; return this; }
        public Builder detach(boolean v) { detach = v; return this; }
        public Builder labels(Map<String, String> v) { labels = v; return this; }
        public Builder networking(NetworkOptions v) { networking = v; return this; }
        public Builder mount(String v) { mounts.add(v); return this; }
        public Builder mounts(List<String> v) { if (v != null) { mounts.addAll(v); } return this; }
        public Builder tmpfs(String v) { tmpfs.add(v); return this; }
        public Builder tmpfs(List<String> v) { if (v != null) { tmpfs.addAll(v); } return this; }
        public Builder volumesFrom(List<String> v) { if (v != null) { volumesFrom.addAll(v); } return this; }
        public Builder restartPolicy(RestartPolicy v) { restartPolicy = v; return this; }
        public Builder init(Boolean v) { init = v; return this; }
        public Builder health(dev.strata.image.HealthConfig v) { health = v; return this; }

        public CreateOptions build() {
            return new CreateOptions(image, name, command, entrypoint, env, envFiles, workdir, user, volumes, network,
                    readOnly, memory, nanoCpus, pidsLimit, runtime, tty, interactive, autoRemove, detach, labels,
                    networking, mounts, tmpfs, volumesFrom, restartPolicy, init, health);
        }
    }
}
