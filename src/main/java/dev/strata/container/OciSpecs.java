package dev.strata.container;

import dev.strata.image.ContainerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Docker's default runtime spec for a container, and for a process started in one by {@code exec}:
 * the namespaces, capabilities, mounts, masked and read-only paths and device rules Docker 20.10 gives a
 * non-privileged container. One thing differs, on purpose: Docker's default seccomp profile is not
 * applied (Strata ships none yet).
 */
public final class OciSpecs {
    /** Docker's default capability set, in Docker's order. */
    public static final List<String> DEFAULT_CAPABILITIES = List.of(
            "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID",
            "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL",
            "CAP_AUDIT_WRITE");

    public static final List<String> MASKED_PATHS = List.of(
            "/proc/asound", "/proc/acpi", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list",
            "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi", "/sys/firmware");

    public static final List<String> READONLY_PATHS = List.of(
            "/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger");

    /** The cgroup parent of every container, as Docker's {@code /docker}. */
    public static final String CGROUP_PARENT = "/strata";

    /** CFS period Docker uses for {@code --cpus}: 100 ms. */
    static final long CPU_PERIOD = 100_000;

    private OciSpecs() {
    }

    /**
     * The spec for a container's init process.
     *
     * @param rootfs       the root file system directory (the mounted snapshot)
     * @param containerDir where the container's hostname file is
     * @param console      the terminal size to start with, when {@code Config.Tty} and known
     */
    public static OciSpec container(ContainerRecord container, ProcessUser user, Path rootfs, Path containerDir,
                                    Posix.WindowSize console) {
        return container(container, user, rootfs, containerDir, containerDir,
                container.hostConfig().hostNetwork() ? new ContainerNetwork.Namespace.Host()
                        : new ContainerNetwork.Namespace.Fresh(), console);
    }

    /**
     * @param etcDir    where the hosts and resolv.conf files are: the container's own directory, or the one of
     *                  the container whose namespace it shares
     * @param namespace the network namespace: the host's, a fresh one (loopback only) or one to join
     */
    static OciSpec container(ContainerRecord container, ProcessUser user, Path rootfs, Path containerDir, Path etcDir,
                             ContainerNetwork.Namespace namespace, Posix.WindowSize console) {
        ContainerConfig config = container.config();
        HostConfig host = container.hostConfig();
        boolean tty = config.tty();
        OciSpec.Process process = process(argv(container), ContainerConfigs.processEnv(config, tty),
                config.workingDir().isEmpty() ? "/" : config.workingDir(), user, tty, console);

        List<OciSpec.Mount> mounts = new ArrayList<>(defaultMounts(host.shmSize()));
        List<MountPoint> points = new ArrayList<>(container.mountPoints());
        // parents before children, as Docker sorts mounts by the depth of their destination
        points.sort(Comparator.comparingInt(p -> depth(p.destination())));
        for (MountPoint point : points) {
            mounts.add(mount(point));
        }
        List<String> etcOptions = host.readonlyRootfs() ? List.of("rbind", "ro", "rprivate") : List.of("rbind", "rprivate");
        for (String file : List.of("resolv.conf", "hostname", "hosts")) {
            if (points.stream().noneMatch(p -> p.destination().equals("/etc/" + file))) {
                Path source = (file.equals("hostname") ? containerDir : etcDir).resolve(file);
                mounts.add(new OciSpec.Mount("/etc/" + file, "bind", source.toString(), etcOptions));
            }
        }

        List<OciSpec.Namespace> namespaces = new ArrayList<>();
        namespaces.add(new OciSpec.Namespace("mount"));
        switch (namespace) {
            case ContainerNetwork.Namespace.Host h -> { }
            // runc brings up loopback in a namespace it makes; nothing else is configured
            case ContainerNetwork.Namespace.Fresh f -> namespaces.add(new OciSpec.Namespace("network"));
            case ContainerNetwork.Namespace.Join j -> namespaces.add(new OciSpec.Namespace("network", j.path()));
        }
        namespaces.add(new OciSpec.Namespace("uts"));
        namespaces.add(new OciSpec.Namespace("pid"));
        namespaces.add(new OciSpec.Namespace("ipc"));

        Map<String, String> sysctl = null;
        if (!(namespace instanceof ContainerNetwork.Namespace.Host)) {
            sysctl = new LinkedHashMap<>();
            sysctl.put("net.ipv4.ip_unprivileged_port_start", "0");
            sysctl.put("net.ipv4.ping_group_range", "0 2147483647");
        }
        OciSpec.Linux linux = new OciSpec.Linux(sysctl, resources(host), CGROUP_PARENT + "/" + container.id(),
                namespaces, MASKED_PATHS, READONLY_PATHS);
        return new OciSpec(OciSpec.VERSION, process, new OciSpec.Root(rootfs.toString(), host.readonlyRootfs()),
                config.hostname(), mounts, linux);
    }

    /** A bind or volume as an rbind of its source, a tmpfs as a tmpfs, as Docker's runtime spec has them. */
    static OciSpec.Mount mount(MountPoint point) {
        if (point.type().equals(MountPoint.TMPFS)) {
            return new OciSpec.Mount(point.destination(), "tmpfs", "tmpfs", point.tmpfsOptions());
        }
        List<String> options = new ArrayList<>(List.of("rbind"));
        if (!point.rw()) {
            options.add("ro");
        }
        options.add(point.propagation().isEmpty() ? "rprivate" : point.propagation());
        return new OciSpec.Mount(point.destination(), "bind", point.source(), options);
    }

    /** Path and Args as one argv. */
    static List<String> argv(ContainerRecord container) {
        List<String> argv = new ArrayList<>();
        argv.add(container.path());
        argv.addAll(container.args());
        return argv;
    }

    /**
     * A process: root gets Docker's capabilities in its bounding, effective and permitted sets; any other
     * user only the bounding set, so it holds no capability unless it execs a file that grants one (Docker
     * 20.10's rule). No new privileges stays off and the inheritable set empty, as in Docker.
     */
    public static OciSpec.Process process(List<String> args, List<String> env, String cwd, ProcessUser user,
                                          boolean tty, Posix.WindowSize console) {
        OciSpec.Capabilities capabilities = user.uid() == 0
                ? new OciSpec.Capabilities(DEFAULT_CAPABILITIES, DEFAULT_CAPABILITIES, DEFAULT_CAPABILITIES)
                : new OciSpec.Capabilities(DEFAULT_CAPABILITIES, null, null);
        OciSpec.ConsoleSize size = tty && console != null ? new OciSpec.ConsoleSize(console.rows(), console.columns()) : null;
        return new OciSpec.Process(tty ? Boolean.TRUE : null, size,
                new OciSpec.User(user.uid(), user.gid(), user.additionalGids()), args, env, cwd, capabilities, null, 0);
    }

    static List<OciSpec.Mount> defaultMounts(long shmSize) {
        return List.of(
                new OciSpec.Mount("/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev")),
                new OciSpec.Mount("/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k")),
                new OciSpec.Mount("/dev/pts", "devpts", "devpts",
                        List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5")),
                new OciSpec.Mount("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "ro")),
                new OciSpec.Mount("/sys/fs/cgroup", "cgroup", "cgroup", List.of("ro", "nosuid", "noexec", "nodev")),
                new OciSpec.Mount("/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev")),
                new OciSpec.Mount("/dev/shm", "tmpfs", "shm",
                        List.of("nosuid", "noexec", "nodev", "mode=1777", "size=" + shmSize)));
    }

    /**
     * Docker's device rules (deny all, then allow null, zero, full... as its defaults; fuse denied), and the
     * limits asked for: memory with swap, CPU quota over a 100 ms period, process count.
     */
    static OciSpec.Resources resources(HostConfig host) {
        List<OciSpec.DeviceRule> devices = List.of(
                new OciSpec.DeviceRule(false, null, null, null, "rwm"),
                new OciSpec.DeviceRule(true, "c", 1L, 5L, "rwm"),
                new OciSpec.DeviceRule(true, "c", 1L, 3L, "rwm"),
                new OciSpec.DeviceRule(true, "c", 1L, 9L, "rwm"),
                new OciSpec.DeviceRule(true, "c", 1L, 8L, "rwm"),
                new OciSpec.DeviceRule(true, "c", 5L, 0L, "rwm"),
                new OciSpec.DeviceRule(true, "c", 5L, 1L, "rwm"),
                new OciSpec.DeviceRule(false, "c", 10L, 229L, "rwm"));
        OciSpec.Memory memory = host.memory() > 0
                ? new OciSpec.Memory(host.memory(), host.memorySwap() > 0 ? host.memorySwap() : null) : null;
        OciSpec.Cpu cpu = host.nanoCpus() > 0
                ? new OciSpec.Cpu(host.nanoCpus() * CPU_PERIOD / 1_000_000_000L, CPU_PERIOD) : null;
        OciSpec.Pids pids = host.pidsLimit() != null ? new OciSpec.Pids(host.pidsLimit()) : null;
        return new OciSpec.Resources(devices, memory, cpu, pids);
    }

    private static int depth(String path) {
        return (int) path.chars().filter(c -> c == '/').count();
    }
}
