package dev.strata.container;

import dev.strata.digest.ChainId;
import dev.strata.digest.Digest;
import dev.strata.engine.Engine;
import dev.strata.engine.GarbageCollector;
import dev.strata.engine.ImageWriter;
import dev.strata.image.ImageStep;
import dev.strata.engine.NoSuchImageException;
import dev.strata.image.ContainerConfig;
import dev.strata.image.Image;
import dev.strata.image.Timestamps;
import dev.strata.layer.Change;
import dev.strata.layer.TarSummary;
import dev.strata.reference.Reference;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Strata's containers: the library API behind {@code run}, {@code ps}, {@code stop} and the rest. Built
 * on an {@link Engine} (images and layers), a {@link RootFsProvider} (root file systems) and an OCI
 * runtime; reports to the engine which images and layers containers still need, so {@code rmi} refuses
 * an image in use and garbage collection keeps what containers stand on.
 *
 * <p>Several {@code strata} processes may use one store at once: every state change goes through
 * {@link ContainerStore#update}, and a container's exit is recorded by the one process watching it
 * (see {@link ContainerRun}).
 */
public final class Containers implements GarbageCollector.Roots {
    /** Written in place of the record of an auto-removed container, so {@code wait} still learns its exit code. */
    private static final String EXITS = "exits";
    /** Left in a container's directory by an attached run whose container is to restart, for the monitor it launches. */
    private static final String RESTART_HANDOVER = "restart.handover";
    /** The host's boot ID when containers were last looked at here: see {@link #restartAfterBoot}. */
    private static final String BOOT_ID = "boot-id";
    private static final Duration EXIT_TOMBSTONE_LIFETIME = Duration.ofMinutes(10);
    private static final long POLL_MILLIS = 20;

    private final Engine engine;
    private final RootFsProvider rootFs;
    private final MonitorLauncher launcher;
    private final ContainerStore store;
    private final Map<String, String> env;
    // names need no cryptographic randomness, and a SecureRandom costs a fresh JVM a third of inspect's time
    private final RandomNames names = new RandomNames(new java.util.SplittableRandom());
    private final Map<String, OciRuntime> runtimes = new ConcurrentHashMap<>();
    /** Opened on first use: commands that never touch a network load none of its classes. */
    private dev.strata.network.Attachments attachments;
    private dev.strata.volume.VolumeStore volumes;
    private final ContainerEvents events;

    private Containers(Engine engine, RootFsProvider rootFs, MonitorLauncher launcher, Map<String, String> env)
            throws IOException {
        this.engine = engine;
        this.rootFs = rootFs;
        this.launcher = launcher;
        this.env = Map.copyOf(env);
        this.store = new ContainerStore(engine.root());
        this.events = new ContainerEvents(engine.events());
    }

    /**
     * Opens the containers of {@code engine}'s store and registers them with its garbage collector.
     *
     * @param env the environment of the calling process: PATH to find the runtime, values for {@code -e KEY}
     */
    public static Containers open(Engine engine, RootFsProvider rootFs, MonitorLauncher launcher,
                                  Map<String, String> env) throws IOException {
        Containers containers = create(engine, rootFs, launcher, env);
        engine.garbage().addRoots(containers);
        return containers;
    }

    /**
     * Like {@link #open} but leaves registering with the engine's garbage collector to the caller, who
     * may register a lazy stand-in so that commands which never collect garbage never open the containers.
     */
    public static Containers create(Engine engine, RootFsProvider rootFs, MonitorLauncher launcher,
                                    Map<String, String> env) throws IOException {
        return new Containers(engine, rootFs, launcher, env);
    }

    public Engine engine() {
        return engine;
    }

    public ContainerStore store() {
        return store;
    }

    RootFsProvider rootFs() {
        return rootFs;
    }

    ContainerEvents events() {
        return events;
    }

    /** The store's networks and what is attached to them. */
    public synchronized dev.strata.network.Attachments attachments() {
        if (attachments == null) {
            dev.strata.network.Networks networks = new dev.strata.network.Networks(
                    new dev.strata.network.NetworkStore(engine.root()), env);
            attachments = new dev.strata.network.Attachments(networks, env, new dev.strata.network.Attachments.Liveness() {
                @Override
                public boolean exists(String containerId) throws IOException {
                    return store.get(containerId).isPresent();
                }

                @Override
                public boolean running(String containerId) throws IOException {
                    try {
                        return refresh(containerId).state().running();
                    } catch (NoSuchContainerException gone) {
                        return false;
                    }
                }
            });
        }
        return attachments;
    }

    public dev.strata.network.Networks networks() {
        return attachments().networks();
    }

    /** The store's volumes. */
    public synchronized dev.strata.volume.VolumeStore volumes() {
        if (volumes == null) {
            volumes = new dev.strata.volume.VolumeStore(engine.root());
        }
        return volumes;
    }

    OciRuntime runtime(String name) throws IOException {
        String key = name == null || name.isEmpty() ? "runc" : name;
        OciRuntime known = runtimes.get(key);
        if (known == null) {
            known = OciRuntime.named(key, engine.root(), env);
            runtimes.put(key, known);
        }
        return known;
    }

    // ---- create, start, run ----

    /** {@code create}: a container from the image and options, not started. */
    public ContainerRecord create(CreateOptions options) throws IOException {
        return create(options, recorded -> { });
    }

    /** Told of the new record as soon as it is stored, while the root file system is still being prepared. */
    private interface Recorded {
        void stored(ContainerRecord record) throws IOException;
    }

    private ContainerRecord create(CreateOptions options, Recorded recorded) throws IOException {
        if (options.name() != null) {
            ContainerStore.checkName(options.name());
        }
        String id = store.newId();
        ContainerRecord created = engine.store().write(tx -> {
            Digest imageId = engine.names().resolve(options.image());
            Image image = engine.store().image(imageId).orElseThrow(() -> new NoSuchImageException(options.image()));
            ContainerConfigs.Resolved resolved = ContainerConfigs.resolve(image.config(), options, id, env);
            ContainerConfig config = resolved.config();
            if (resolved.hostConfig().hostNetwork()) {
                // Docker gives a host-network container the host's name
                config = config.with().hostname(EtcFiles.hostName()).build();
            }
            runtime(resolved.hostConfig().runtime());
            List<dev.strata.network.Membership.Request> networkRequests = ContainerNetwork.requests(this,
                    resolved.hostConfig(), options.networking());
            List<MountPoint> mountPoints = ContainerVolumes.mountPoints(this, options, image.config());
            ContainerRecord record = null;
            while (record == null) {
                String name = options.name() != null ? options.name() : store.unusedName(names);
                ContainerRecord candidate = new ContainerRecord(id, Timestamps.now(), resolved.path(), resolved.args(),
                        ContainerState.created(), imageId.toString(), "/" + (name.startsWith("/") ? name.substring(1) : name),
                        rootFs.driverName(), 0, config, resolved.hostConfig(), mountPoints);
                try {
                    store.add(candidate);
                    record = candidate;
                } catch (dev.strata.error.ConflictException taken) {
                    if (options.name() != null) {
                        // the name is another container's: the volumes made for this one go
                        ContainerVolumes.removeAnonymous(this, mountPoints);
                        throw taken;
                    }
                    // another process took the same random name a moment ago: draw again
                }
            }
            try {
                if (!networkRequests.isEmpty()) {
                    attachments().register(id, record.plainName(), networkRequests);
                }
                recorded.stored(record);
                rootFs.prepare(id, image);
                ContainerVolumes.fill(volumes(), mountPoints, rootFs.mount(id));
            } catch (IOException | RuntimeException e) {
                try {
                    if (!networkRequests.isEmpty()) {
                        attachments().unregister(id);
                    }
                    store.remove(id);
                    ContainerVolumes.removeAnonymous(this, mountPoints);
                } catch (IOException undo) {
                    e.addSuppressed(undo);
                }
                throw e;
            }
            return record;
        });
        events.record("create", created);
        return created;
    }

    /**
     * {@code run} without {@code -d}: creates, starts and waits for the container with its streams attached,
     * removes it after with {@code --rm}, and returns its exit code.
     */
    public int run(CreateOptions options, Attach attach) throws IOException {
        // the network is attached beside the root file system's preparation: both take tens of milliseconds
        ContainerNetwork[] early = {null};
        ContainerRecord record;
        try {
            record = create(options, stored -> early[0] = ContainerNetwork.begin(this, stored, store.dir(stored.id())));
        } catch (IOException | RuntimeException e) {
            if (early[0] != null) {
                early[0].release();
                early[0].awaitRelease();
            }
            throw e;
        }
        events.record("attach", record);
        return startAttached(record.id(), attach, early[0], () -> { });
    }

    /** {@code run -d}: creates and starts the container under a monitor process; returns its ID. */
    public String runDetached(CreateOptions options) throws IOException {
        return runMonitored(options, false);
    }

    /** Creates the container and starts it under its monitor, {@link AttachServer#HOLD holding} for a client if asked. */
    private String runMonitored(CreateOptions options, boolean hold) throws IOException {
        ContainerRecord record = create(options);
        try {
            if (hold) {
                startHolding(record.id());
            } else {
                startMonitored(record.id());
            }
        } catch (IOException e) {
            if (record.hostConfig().autoRemove()) {
                removeQuietly(record.id());
            }
            throw e;
        }
        return record.id();
    }

    /**
     * {@code run} with {@code -i} or {@code -t}: as {@link #runDetached}, with the monitor holding the
     * container's output and exit for a client that attaches next ({@link #attachStarted}).
     */
    public String runForAttach(CreateOptions options) throws IOException {
        return runMonitored(options, true);
    }

    /**
     * {@code start -a} of a container with {@code -i} or {@code -t}: as {@link #start}, with the monitor
     * holding output and exit for the client that attaches next; a running container is left as it is.
     * Returns the container's ID.
     */
    public String startForAttach(String reference) throws IOException {
        String id = store.resolve(reference);
        if (refresh(id).state().running()) {
            return id;
        }
        startedByHand(id);
        startHolding(id);
        return id;
    }

    private void startHolding(String id) throws IOException {
        Path hold = store.dir(id).resolve(AttachServer.HOLD);
        Files.writeString(hold, "");
        try {
            startMonitored(id);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(hold);
            throw e;
        }
    }

    /** {@code attach}: this client's streams to a running container's, through its monitor. */
    public ContainerAttach.Outcome attach(String reference, ContainerAttach.Options options, Attach attach)
            throws IOException {
        return new ContainerAttach(this).attach(reference, options, attach);
    }

    /** Attaches to container {@code id} just started by {@link #runForAttach} or {@link #startForAttach}. */
    public ContainerAttach.Outcome attachStarted(String id, ContainerAttach.Options options, Attach attach)
            throws IOException {
        return new ContainerAttach(this).attachStarted(id, options, attach);
    }

    /** {@code start} (without {@code -a}): starts the container under a monitor process; no-op if running. */
    public void start(String reference) throws IOException {
        String id = store.resolve(reference);
        ContainerRecord record = refresh(id);
        if (record.state().running()) {
            return;
        }
        startedByHand(id);
        startMonitored(id);
    }

    /** Docker's start by hand: the container may be restarted again, counting from zero. */
    private void startedByHand(String id) throws IOException {
        store.update(id, r -> r.restartCount() == 0 && !r.hasBeenManuallyStopped() ? r
                : r.stoppedByHand(false).withRestartCount(0));
    }

    /**
     * {@code restart}: {@link #stop} (with its timeout, null for the container's own) then {@link #start};
     * a container that is not running is just started.
     */
    public void restart(String reference, Integer timeoutSeconds) throws IOException {
        stop(reference, timeoutSeconds);
        start(reference);
        events.record("restart", store.get(store.resolve(reference)).orElse(null));
    }

    /** {@code start -a}: runs the container attached in this process and returns its exit code. */
    public int startAttached(String reference, Attach attach) throws IOException {
        attached(reference);
        return startAttached(reference, attach, null, () -> { });
    }

    /** Records Docker's {@code attach} event: a client attaches to the container's streams. */
    public void attached(String reference) throws IOException {
        events.record("attach", store.get(store.resolve(reference)).orElse(null));
    }

    /**
     * {@code start -a} for a caller that must know when the container runs (the Engine API answers its
     * start then, while this thread goes on watching): {@code onStarted} is called once its process runs.
     * Returns the exit code; a failure to start is thrown before {@code onStarted} would be called.
     */
    public int startAttached(String reference, Attach attach, Runnable onStarted) throws IOException {
        return startAttached(reference, attach, null, onStarted);
    }

    private int startAttached(String reference, Attach attach, ContainerNetwork early, Runnable onStarted)
            throws IOException {
        String id = store.resolve(reference);
        ContainerRecord record;
        try {
            record = claim(id);
        } catch (IOException | RuntimeException e) {
            if (early != null) {
                early.release();
                early.awaitRelease();
            }
            throw e;
        }
        if (early == null) {
            startedByHand(id);
        }
        ContainerRun run = new ContainerRun(this, early, Containers::exitedOrRestarting);
        int code;
        try {
            code = run.run(id, attach, false, started -> onStarted.run());
        } finally {
            if (record.hostConfig().autoRemove()) {
                autoRemove(id);
            }
            run.awaitNetworkRelease();
        }
        Optional<ContainerRecord> after = store.get(id);
        if (after.isPresent() && after.get().state().restarting()) {
            // this process ends with the container's code; a monitor takes the restarts over, as Docker's
            // daemon goes on restarting a container whose attached client has returned
            try {
                Files.writeString(store.dir(id).resolve(RESTART_HANDOVER), "");
                startMonitored(id);
            } catch (IOException | RuntimeException e) {
                store.update(id, r -> r.state().restarting()
                        ? r.withState(r.state().exited(r.state().exitCode(), r.state().finishedAt(), e.getMessage())) : r);
            }
        }
        return code;
    }

    /**
     * The exit as the restart policy takes it: restarting (counted) when the policy says so and nobody
     * stopped it by hand, else exited. Decided in the record's update, so a {@code stop} is never missed.
     */
    static ContainerRecord exitedOrRestarting(ContainerRecord current, int exitCode, String finishedAt) {
        if (current.hostConfig().restartPolicy().restartsAfter(exitCode, current.restartCount(),
                current.hasBeenManuallyStopped())) {
            return current.withRestartCount(current.restartCount() + 1)
                    .withState(current.state().restartingAfter(exitCode, finishedAt));
        }
        return current.withState(current.state().exited(exitCode, finishedAt, ""));
    }

    /**
     * Claims the container for this process, which is about to start it and watch it; a second start,
     * from any process, is refused while this one lives.
     */
    private ContainerRecord claim(String id) throws IOException {
        refresh(id);
        int me = Posix.getpid();
        return store.claim(id, me, Monitors.startTime(me));
    }

    private void autoRemove(String id) {
        try {
            store.get(id).ifPresent(last -> writeExitTombstone(id, last.state().exitCode()));
        } catch (IOException ignored) {
            // wait will report the container gone instead
        }
        removeQuietly(id);
    }

    /**
     * Starts the monitor process for {@code id} and waits until it reports the container running (or
     * failing to start). The monitor answers with one line on its stdout: {@code started}, or
     * {@code error CODE MESSAGE}.
     */
    /**
     * Starts the monitor and waits for its report line. The report comes through a FIFO, not the
     * launched process's stdout: the monitor is forked by setsid (see {@link MonitorLauncher#command}),
     * which exits at once, and the JDK closes a process's stdout pipe when that process exits. This JVM
     * holds the FIFO read-write while the monitor starts (so neither open blocks), then read-only: the
     * monitor is then its only writer, and its death before reporting reads as the end of the stream.
     */
    private void startMonitored(String id) throws IOException {
        Path dir = store.dir(id);
        Path fifo = dir.resolve("monitor.report");
        Files.deleteIfExists(fifo);
        dev.strata.linux.Linux.mknod(fifo, dev.strata.linux.Linux.S_IFIFO | 0600, 0, 0);
        String line;
        try {
            InputStream report;
            try (java.io.RandomAccessFile readWrite = new java.io.RandomAccessFile(fifo.toFile(), "rw")) {
                new ProcessBuilder(launcher.command(id))
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectOutput(fifo.toFile())
                        .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("monitor.log").toFile()))
                        .start();
                report = Files.newInputStream(fifo);
            }
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(report, StandardCharsets.UTF_8))) {
                line = reader.readLine();
            }
        } finally {
            Files.deleteIfExists(fifo);
        }
        if ("started".equals(line)) {
            return;
        }
        if (line != null && line.startsWith("error ")) {
            String[] parts = line.split(" ", 3);
            throw new RuntimeFailureException(parts.length > 2 ? parts[2] : "start failed",
                    Integer.parseInt(parts[1]));
        }
        throw new IOException("the container monitor exited before the container started (see " + dir.resolve("monitor.log") + ")");
    }

    /**
     * The body of the monitor process ({@code dev.strata.host.ContainerMonitor}): runs the container, tells the
     * launching process on {@code report} once it is running, records its exit, and removes it if it was
     * created with {@code --rm}. Returns the container's exit code.
     */
    public int monitor(String id, OutputStream report) throws IOException {
        ContainerRecord record;
        boolean handedOver = Files.deleteIfExists(store.dir(id).resolve(RESTART_HANDOVER));
        try {
            record = handedOver ? claimRestarting(id) : claim(id);
        } catch (dev.strata.error.ConflictException alreadyStarted) {
            // another start won the race: starting a running container is no error, as in Docker
            tell(report, "started");
            return 0;
        }
        AttachServer attachServer = AttachServer.open(store.dir(id), record);
        boolean[] reported = {false};
        RestartPolicy.Backoff backoff = new RestartPolicy.Backoff();
        Duration delay = handedOver ? backoff.next(Duration.ZERO) : Duration.ZERO;
        int code = record.state().exitCode();
        try {
            while (true) {
                if (!delay.isZero() && !backOff(id, delay)) {
                    tell(report, "started"); // stopped by hand while waiting: the launcher has nothing to report
                    return code;
                }
                ContainerRun run = new ContainerRun(this, null, Containers::exitedOrRestarting);
                long startedAt = System.nanoTime();
                try {
                    code = run.run(id, attachServer.attach(record), record.config().openStdin(), started -> {
                        if (!reported[0]) {
                            reported[0] = true;
                            tell(report, "started");
                        }
                    });
                } catch (dev.strata.error.StrataException e) {
                    if (!reported[0]) {
                        tell(report, "error " + RuntimeFailureException.runExitCode(e) + " " + e.getMessage().replace('\n', ' '));
                    }
                    throw e;
                } finally {
                    // the monitor's exit would cut a detach short, and the next start needs the namespace gone
                    run.awaitNetworkRelease();
                    attachServer.runEnded();
                }
                Optional<ContainerRecord> after = store.get(id);
                if (after.isEmpty() || !after.get().state().restarting()) {
                    return code;
                }
                // as Docker's: an attached client ends with each exit, and may attach again after the restart
                attachServer.exited(code);
                delay = backoff.next(Duration.ofNanos(System.nanoTime() - startedAt));
            }
        } finally {
            if (record.hostConfig().autoRemove()) {
                autoRemove(id);
            }
            // after the removal, as docker run --rm returns only once the container is gone
            attachServer.exited(code);
            attachServer.close();
        }
    }

    /** A container an attached run left restarting, claimed by the monitor it launched to restart it. */
    private ContainerRecord claimRestarting(String id) throws IOException {
        int me = Posix.getpid();
        long started = Monitors.startTime(me);
        return store.update(id, r -> {
            if (!r.state().restarting()) {
                throw new dev.strata.error.ConflictException("Container " + id + " is not restarting");
            }
            return r.withState(r.state().claimedBy(me, started));
        });
    }

    /**
     * Waits {@code delay} before a restart, watching the record: false if the container was stopped or
     * killed by hand meanwhile (it is then recorded as exited) or removed.
     */
    private boolean backOff(String id, Duration delay) throws IOException {
        long deadline = System.nanoTime() + delay.toNanos();
        while (true) {
            boolean[] go = {true};
            Optional<ContainerRecord> now;
            try {
                now = Optional.of(store.update(id, r -> {
                    if (r.hasBeenManuallyStopped() && r.state().restarting()) {
                        go[0] = false;
                        return r.withState(r.state().exited(r.state().exitCode(), r.state().finishedAt(), ""));
                    }
                    return r;
                }));
            } catch (NoSuchContainerException removed) {
                now = Optional.empty();
            }
            if (now.isEmpty() || !go[0] || !now.get().state().restarting()) {
                return false;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            sleep(Math.min(Duration.ofNanos(left).toMillis() + 1, 50));
        }
    }

    /**
     * After the host rebooted (its boot ID differs from the one last seen here), containers recorded as
     * running have no process and no monitor: each is recorded as exited, and those whose restart policy
     * says so are started again, as Docker's daemon does when it starts. Costs one small file read when
     * the host has not rebooted.
     */
    public void restartAfterBoot() throws IOException {
        String boot;
        try {
            boot = Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip();
        } catch (IOException noProc) {
            return;
        }
        Path seen = store.root().resolve(BOOT_ID);
        boolean rebooted = store.locked(() -> {
            String last = Files.exists(seen) ? Files.readString(seen).strip() : null;
            if (boot.equals(last)) {
                return false;
            }
            dev.strata.content.AtomicFile.write(seen, boot.getBytes(StandardCharsets.UTF_8));
            return last != null;
        });
        if (!rebooted) {
            return;
        }
        for (String id : store.ids()) {
            try {
                ContainerRecord record = refresh(id);
                ContainerState state = record.state();
                if (!state.running() && state.everStarted() && record.hostConfig().restartPolicy().restartsAtBoot(
                        state.exitCode(), record.restartCount(), record.hasBeenManuallyStopped())) {
                    startMonitored(id);
                }
            } catch (IOException | RuntimeException e) {
                // one container that cannot start again keeps none of the others down; its record says why
                System.err.println("strata: cannot restart container " + id + " after reboot: " + e.getMessage());
            }
        }
    }

    /**
     * Writes the monitor's one report line and closes the report. A launcher killed meanwhile is no
     * reason to stop watching a container that runs: the write's failure is dropped.
     */
    private static void tell(OutputStream report, String line) {
        try (report) {
            report.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException launcherGone) {
            // nobody reads the report any more; the container's state is in its record
        }
    }

    // ---- exec ----

    /** {@code exec}: runs a command in the running container; returns its exit code (0 at once with -d). */
    public int exec(String reference, ExecOptions options, Attach attach) throws IOException {
        String id = store.resolve(reference);
        return new ExecRun(this).run(id, options, attach, env);
    }

    // ---- state ----

    /**
     * The container's record, corrected if the process that watched it has died while the record still
     * says running: if the runtime reports it stopped, it is recorded as exited with containerd's unknown
     * status (255) and an error saying why; if it is still running, it stays so (nobody will record its exit,
     * but stop and kill still work, and the next look after it stops records it).
     */
    public ContainerRecord refresh(String id) throws IOException {
        ContainerRecord record = store.require(id);
        ContainerState state = record.state();
        if (!state.running() || Monitors.alive(state.monitorPid(), state.monitorStartedAt())) {
            return record;
        }
        OciRuntime runtime = runtime(record.hostConfig().runtime());
        Optional<OciRuntime.Status> status = runtime.state(id);
        if (status.isPresent() && !status.get().status().equals("stopped")) {
            return record;
        }
        ContainerRun.deleteQuietly(runtime, id, store.dir(id).resolve("runtime.log"));
        String now = Timestamps.now();
        ContainerRecord exited = store.update(id, r -> r.state().running() && r.state().monitorPid() == state.monitorPid()
                ? r.withState(r.state().exited(ContainerState.UNKNOWN_EXIT_CODE, now,
                "container monitor exited before the container; exit status unknown"))
                : r);
        if (record.hostConfig().bridged()) {
            // the dead watcher cannot release the network: whoever notices the exit does
            attachments().detach(id);
        }
        return exited;
    }

    /** {@code inspect}. */
    public ContainerJson inspect(String reference) throws IOException {
        String id = store.resolve(reference);
        ContainerRecord record = refresh(id);
        Map<String, String> data;
        try {
            data = rootFs.graphDriverData(id);
        } catch (IOException e) {
            data = Map.of();
        }
        return ContainerJson.of(record, store.dir(id), store.logPath(id), rootFs.driverName(), data,
                networkSettings(record));
    }

    /** {@code inspect --size}: with SizeRw and SizeRootFs measured. */
    public ContainerJson inspectWithSize(String reference) throws IOException {
        ContainerJson json = inspect(reference);
        return json.withSize(size(store.require(json.id())));
    }

    /** Docker's NetworkSettings of the container: its networks and, while it runs, addresses and ports. */
    public Map<String, Object> networkSettings(ContainerRecord record) throws IOException {
        return ContainerNetwork.settings(record,
                record.hostConfig().bridged() ? attachments().membership(record.id()) : Optional.empty(), networks());
    }

    /** {@code ps} rows, newest first; stopped ones only with {@code all}. */
    public List<ContainerSummary> list(boolean all, boolean truncate) throws IOException {
        return list(all, truncate, record -> true);
    }

    /** {@code ps --filter}: the rows of the containers {@code selection} takes. */
    public List<ContainerSummary> list(boolean all, boolean truncate, Selection selection) throws IOException {
        return list(all, truncate, selection, false);
    }

    /** {@code ps --filter}, with each row's SIZE measured when {@code sizes} ({@code ps --size}). */
    public List<ContainerSummary> list(boolean all, boolean truncate, Selection selection, boolean sizes)
            throws IOException {
        sweepNetworks();
        Instant now = Instant.now();
        List<ContainerSummary> out = new ArrayList<>();
        // one lookup per image name, not per container: many containers share an image
        Map<String, String> shown = new java.util.HashMap<>();
        for (ContainerRecord record : records(all)) {
            if (!selection.takes(record)) {
                continue;
            }
            String image = shown.computeIfAbsent(record.config().image() + "\u0000" + record.image(),
                    key -> imageShown(record, truncate));
            Optional<dev.strata.network.Membership> membership = record.hostConfig().bridged()
                    ? attachments().membership(record.id()) : Optional.empty();
            Map<String, Object> ports = record.state().running()
                    ? ContainerNetwork.ports(record, membership.map(dev.strata.network.Membership::live).orElse(null))
                    : Map.of();
            ContainerSummary row = ContainerSummary.of(record, image, now, truncate, ports,
                    String.join(",", ContainerNetwork.networkNames(record, membership, networks())));
            row = health(record).map(row::withHealth).orElse(row);
            out.add(sizes ? row.withSize(size(record)) : row);
        }
        return out;
    }

    /** What {@code ps}'s volume, network, publish, expose and health filters ask of a container. */
    public dev.strata.filter.ContainerFilter.Facts filterFacts(ContainerRecord record) throws IOException {
        java.util.Set<String> volumes = new java.util.HashSet<>();
        for (MountPoint mount : record.mountPoints()) {
            volumes.add(mount.name().isEmpty() ? mount.source() : mount.name());
            volumes.add(mount.destination());
        }
        Map<String, String> joined = new java.util.LinkedHashMap<>();
        HostConfig host = record.hostConfig();
        // Docker asks a running container's ports: publish is a host port it has bound, expose a container
        // port it exposes or publishes
        java.util.Set<String> published = new java.util.HashSet<>();
        if (host.hostNetwork() || host.noNetwork()) {
            dev.strata.network.Network special = networks().find(host.hostNetwork() ? "host" : "none");
            joined.put(special.name(), special.id());
        } else if (host.bridged()) {
            Optional<dev.strata.network.Membership> membership = attachments().membership(record.id());
            for (dev.strata.network.Membership.Request request : membership.map(dev.strata.network.Membership::requests)
                    .orElse(List.of())) {
                networks().byId(request.networkId()).ifPresent(n -> joined.put(n.name(), n.id()));
            }
            dev.strata.network.Membership.Live live = membership.map(dev.strata.network.Membership::live).orElse(null);
            if (record.state().running() && live != null) {
                live.ports().forEach((port, bindings) -> {
                    String protocol = port.substring(port.indexOf('/') + 1);
                    bindings.forEach(binding -> published.add(binding.hostPort() + "/" + protocol));
                });
            }
        }
        java.util.Set<String> exposed = new java.util.HashSet<>();
        if (record.state().running()) {
            exposed.addAll(host.portBindings().keySet());
            if (record.config().exposedPorts() != null) {
                exposed.addAll(record.config().exposedPorts().keySet());
            }
        }
        // only a running container's check has a status to show, as in ps's STATUS column
        String health = HealthProbe.command(record.config().healthcheck()) == null || !record.state().running() ? "none"
                : health(record).map(ContainerHealth::status).orElse(ContainerHealth.STARTING);
        return new dev.strata.filter.ContainerFilter.Facts(volumes, joined, published, exposed, health);
    }

    /** The health a running container with a health check shows after "Up ..." in its status; empty for others. */
    public Optional<ContainerHealth> health(ContainerRecord record) throws IOException {
        return record.state().status() == ContainerState.Status.RUNNING
                && HealthProbe.command(record.config().healthcheck()) != null
                ? ContainerHealth.read(store.dir(record.id())) : Optional.empty();
    }

    /** The containers' records, brought up to date, newest first; stopped ones only with {@code all}. */
    public List<ContainerRecord> records(boolean all) throws IOException {
        List<ContainerRecord> out = new ArrayList<>();
        for (ContainerRecord listed : store.list()) {
            ContainerRecord record;
            try {
                record = refresh(listed.id());
            } catch (NoSuchContainerException gone) {
                continue;
            }
            if (all || record.state().running()) {
                out.add(record);
            }
        }
        return out;
    }

    /** The image as {@code ps} shows it, untruncated: see {@link #imageShown}. */
    public String shownImage(ContainerRecord record) {
        return imageShown(record, false);
    }

    /** The name the container was created from while it still means the same image; else the image ID. */
    private String imageShown(ContainerRecord record, boolean truncate) {
        String given = record.config().image();
        try {
            if (engine.names().resolve(given).toString().equals(record.image())) {
                return given;
            }
        } catch (IOException | RuntimeException moved) {
            // the name no longer resolves: show the ID
        }
        Digest id = Digest.parse(record.image());
        return truncate ? id.encoded().substring(0, 12) : id.toString();
    }

    /** {@code rename}: the container gets {@code newName}; the old name is free again. */
    public void rename(String reference, String newName) throws IOException {
        String id = store.resolve(reference);
        String oldName = store.require(id).name();
        store.rename(id, newName.startsWith("/") ? newName.substring(1) : newName);
        events.record("rename", store.get(id).orElse(null), "oldName", oldName);
    }

    /** What {@code top} shows: the header words of {@code ps} and a row per process of the container. */
    public record ProcessTable(List<String> titles, List<List<String>> processes) {
    }

    /**
     * {@code top}: the runtime's {@code ps}, which runs the host's {@code ps} with {@code psArgs} (Docker's
     * default {@code -ef}) and keeps the container's processes. Each row is cut into as many fields as
     * there are titles, the last taking the rest of the line (a command line holds spaces).
     */
    public ProcessTable top(String reference, String psArgs) throws IOException {
        String id = store.resolve(reference);
        ContainerRecord record = refresh(id);
        if (!record.state().running()) {
            throw new dev.strata.error.ConflictException("Container " + id + " is not running");
        }
        List<String> command = new ArrayList<>(List.of("ps", id));
        String args = psArgs == null || psArgs.isBlank() ? "-ef" : psArgs.strip();
        command.addAll(List.of(args.split("\\s+")));
        String output = runtime(record.hostConfig().runtime()).call(store.dir(id).resolve("runtime.log"),
                command.toArray(String[]::new));
        List<String> lines = output.lines().filter(line -> !line.isBlank()).toList();
        if (lines.isEmpty()) {
            return new ProcessTable(List.of(), List.of());
        }
        List<String> titles = List.of(lines.getFirst().strip().split("\\s+"));
        List<List<String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.strip().split("\\s+", titles.size());
            rows.add(List.of(fields));
        }
        return new ProcessTable(titles, rows);
    }

    /**
     * A path in a container as {@code docker cp} stats it ({@code HEAD /containers/ID/archive}): its
     * name, size, Go's FileMode bits, modification time and, for a link, its target. The last element
     * is not followed.
     */
    public record PathStat(String name, long size, long mode, Instant modified, String linkTarget) {
    }

    /** Stats {@code path} inside the container (mounts included); a missing path is not found. */
    public PathStat stat(String reference, String path) throws IOException {
        String id = store.resolve(reference);
        Path host = filesOf(id).resolve(path, false);
        java.nio.file.attribute.PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(host, java.nio.file.attribute.PosixFileAttributes.class,
                    java.nio.file.LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new dev.strata.error.NotFoundException("Could not find the file " + path + " in container " + reference);
        }
        long mode = 0;
        for (var permission : attributes.permissions()) {
            mode |= 1L << (8 - permission.ordinal());
        }
        int raw = (Integer) Files.getAttribute(host, "unix:mode", java.nio.file.LinkOption.NOFOLLOW_LINKS);
        if ((raw & 04000) != 0) {
            mode |= 1L << 23; // Go's ModeSetuid
        }
        if ((raw & 02000) != 0) {
            mode |= 1L << 22; // ModeSetgid
        }
        if ((raw & 01000) != 0) {
            mode |= 1L << 20; // ModeSticky
        }
        String target = "";
        if (attributes.isDirectory()) {
            mode |= 1L << 31; // ModeDir
        } else if (attributes.isSymbolicLink()) {
            mode |= 1L << 27; // ModeSymlink
            target = Files.readSymbolicLink(host).toString();
        } else if (attributes.isOther()) {
            int type = raw & 0170000;
            mode |= switch (type) {
                case 0010000 -> 1L << 25; // ModeNamedPipe
                case 0140000 -> 1L << 24; // ModeSocket
                case 0020000 -> (1L << 26) | (1L << 21); // ModeDevice | ModeCharDevice
                default -> 1L << 26; // ModeDevice
            };
        }
        String name = path.equals("/") ? "/" : Path.of(path).getFileName() == null ? "/" : Path.of(path).getFileName().toString();
        return new PathStat(name, attributes.size(), mode, attributes.lastModifiedTime().toInstant(), target);
    }

    /** The bytes the container's read-write layer takes; 0 when it is gone. */
    private long layerBytes(ContainerRecord record) {
        try {
            return rootFs.layerSize(record.id());
        } catch (IOException | RuntimeException e) {
            // a container whose layer is gone takes no space
            return 0;
        }
    }

    /** {@code ps --size}, {@code inspect --size}: the container's layer, and that with its image's layers. */
    public ContainerSize size(ContainerRecord record) throws IOException {
        long rw = layerBytes(record);
        long image = engine.store().images().record(Digest.parse(record.image()))
                .map(dev.strata.image.ImageRecord::size).orElse(0L);
        return new ContainerSize(rw, image + rw);
    }

    /** Every container with the space its read-write layer takes, for {@code system df}. */
    public List<dev.strata.engine.DiskUsage.ContainerUsage> usage(Instant now) throws IOException {
        List<dev.strata.engine.DiskUsage.ContainerUsage> out = new ArrayList<>();
        for (ContainerRecord record : store.list()) {
            long size = layerBytes(record);
            ContainerSummary summary = ContainerSummary.of(record, record.config().image(), now, true);
            out.add(new dev.strata.engine.DiskUsage.ContainerUsage(record.id(), summary.image(), record.command(), size,
                    dev.strata.image.ImageConfig.parseTime(record.created()).orElse(null), summary.status(),
                    record.plainName(), record.state().running()));
        }
        return out;
    }

    /**
     * Undoes what dead containers left on the networks (see {@link dev.strata.network.Attachments#sweep});
     * nothing to read when no container was ever attached.
     */
    public void sweepNetworks() throws IOException {
        if (Files.isDirectory(engine.root().resolve("network").resolve("containers"))) {
            attachments().sweep();
        }
    }

    /** {@code port}: the container's published ports while it runs (NetworkSettings.Ports without the unpublished). */
    public Map<String, List<dev.strata.network.port.PortBinding>> ports(String reference) throws IOException {
        String id = store.resolve(reference);
        return ContainerNetwork.publishedPorts(this, refresh(id));
    }

    /** {@code network connect}. */
    public void connect(String networkReference, String reference, List<String> aliases, String ipv4Address)
            throws IOException {
        dev.strata.network.Network network = networks().find(networkReference);
        ContainerRecord record = refresh(store.resolve(reference));
        ContainerNetwork.connect(this, network, record, aliases, ipv4Address);
        engine.events().network("connect", network.id(), network.name(), network.driver(), record.id());
    }

    /** {@code network disconnect}. */
    public void disconnect(String networkReference, String reference) throws IOException {
        dev.strata.network.Network network = networks().find(networkReference);
        ContainerRecord record = refresh(store.resolve(reference));
        ContainerNetwork.disconnect(this, network, record);
        engine.events().network("disconnect", network.id(), network.name(), network.driver(), record.id());
    }

    // ---- stop, kill, wait, rm ----

    /**
     * {@code stop}: the image's stop signal (SIGTERM by default), then SIGKILL after {@code timeoutSeconds}
     * (null: the container's StopTimeout, else 10). No error if it is not running.
     */
    public void stop(String reference, Integer timeoutSeconds) throws IOException {
        String id = store.resolve(reference);
        ContainerRecord record = refresh(id);
        if (!record.state().running()) {
            return;
        }
        record = markStoppedByHand(id);
        String stopSignal = record.config().stopSignal();
        int signal = stopSignal.isEmpty() ? Posix.SIGTERM : Signals.parse(stopSignal);
        int timeout = timeoutSeconds != null ? timeoutSeconds
                : record.config().stopTimeout() != null ? record.config().stopTimeout() : 10;
        OciRuntime runtime = runtime(record.hostConfig().runtime());
        Path log = store.dir(id).resolve("runtime.log");
        if (timeout != 0) {
            try {
                // the kill is recorded as it is sent: the monitor may record the death it causes before runc returns
                events.record("kill", record, "signal", Integer.toString(signal));
                runtime.kill(id, signal, log);
            } catch (RuntimeFailureException notRunning) {
                // it stopped on its own meanwhile
            }
            thawIfPaused(id);
            if (waitUntilStopped(id, timeout < 0 ? Duration.ofDays(365) : Duration.ofSeconds(timeout))) {
                events.record("stop", record);
                return;
            }
        }
        try {
            events.record("kill", record, "signal", Integer.toString(Posix.SIGKILL));
            runtime.kill(id, Posix.SIGKILL, log);
        } catch (RuntimeFailureException notRunning) {
            // gone already
        }
        thawIfPaused(id);
        if (!waitUntilStopped(id, Duration.ofSeconds(30))) {
            throw new dev.strata.error.ConflictException("cannot stop container: " + reference
                    + ": tried to kill container, but did not receive an exit event");
        }
        events.record("stop", record);
    }

    /** {@code kill -s SIGNAL} (KILL by default). */
    public void kill(String reference, String signal) throws IOException {
        String id;
        try {
            id = store.resolve(reference);
        } catch (NoSuchContainerException e) {
            throw new dev.strata.error.ConflictException("Cannot kill container: " + reference + ": " + e.getMessage());
        }
        int number = Signals.parse(signal == null || signal.isEmpty() ? "KILL" : signal);
        ContainerRecord record = refresh(id);
        if (!record.state().running()) {
            throw new dev.strata.error.ConflictException("Cannot kill container: " + reference + ": Container " + id
                    + " is not running");
        }
        if (markStoppedByHand(id).state().restarting()) {
            return; // no process to signal: its monitor, seeing the mark, gives up the restart (as Docker's daemon)
        }
        try {
            events.record("kill", record, "signal", Integer.toString(number));
            runtime(record.hostConfig().runtime()).kill(id, number, store.dir(id).resolve("runtime.log"));
        } catch (RuntimeFailureException e) {
            throw new dev.strata.error.ConflictException("Cannot kill container: " + reference + ": " + e.getMessage());
        }
        if (number == Posix.SIGKILL) {
            thawIfPaused(id); // as Docker's daemon, only a kill that cannot be caught thaws a paused container
        }
    }

    /**
     * {@code pause}: the runtime freezes every process of the container (the cgroup freezer); Docker's
     * refusals and words when it is not running, is restarting or is paused already.
     */
    public void pause(String reference) throws IOException {
        String id = store.resolve(reference);
        ContainerRecord record = refresh(id);
        ContainerState state = record.state();
        if (!state.running()) {
            throw new dev.strata.error.ConflictException("Container " + id + " is not running");
        }
        if (state.paused()) {
            throw new dev.strata.error.ConflictException("Container " + id + " is already paused");
        }
        if (state.restarting()) {
            throw new dev.strata.error.ConflictException("Container " + id
                    + " is restarting, wait until the container is running");
        }
        runtime(record.hostConfig().runtime()).pause(id, store.dir(id).resolve("runtime.log"));
        events.record("pause", store.update(id, r -> r.state().running() ? r.withState(r.state().paused(true)) : r));
    }

    /** {@code unpause}: thaws what {@link #pause} froze. */
    public void unpause(String reference) throws IOException {
        String id = store.resolve(reference);
        ContainerRecord record = refresh(id);
        if (!record.state().paused()) {
            throw new dev.strata.error.ConflictException("Container " + id + " is not paused");
        }
        thaw(record);
        // only here: the thaw after a stop's or a kill's signal is no unpause in Docker's events
        events.record("unpause", store.get(id).orElse(null));
    }

    private void thaw(ContainerRecord record) throws IOException {
        String id = record.id();
        runtime(record.hostConfig().runtime()).resume(id, store.dir(id).resolve("runtime.log"));
        store.update(id, r -> r.state().paused() ? r.withState(r.state().paused(false)) : r);
    }

    /** A signal sent to a frozen container waits for the thaw: {@code stop}, {@code kill} and {@code rm -f} thaw it after. */
    private void thawIfPaused(String id) throws IOException {
        ContainerRecord record = store.require(id);
        if (record.state().paused()) {
            try {
                thaw(record);
            } catch (RuntimeFailureException gone) {
                // exited meanwhile
            }
        }
    }

    /** {@code stats}: a sample of the running container's usage from its cgroup; Docker's refusal when it is not running. */
    public ContainerStats stats(String reference) throws IOException {
        String id = store.resolve(reference);
        ContainerRecord record = refresh(id);
        if (!record.state().running()) {
            throw new dev.strata.error.ConflictException("Container " + id + " is not running");
        }
        return ContainerStats.read(record);
    }

    /**
     * {@code update}: new limits and restart policy in the record and, while the container runs, in its
     * cgroup ({@code runc update}); the record changes only once the runtime has taken them.
     */
    public void update(String reference, ResourceUpdate update) throws IOException {
        String id = store.resolve(reference);
        ContainerRecord record = refresh(id);
        HostConfig changed = update.applyTo(record.hostConfig(), id);
        if (record.state().running() && !record.state().restarting()
                && (update.memory() != null || update.memorySwap() != null || update.nanoCpus() != null
                || update.pidsLimit() != null)) {
            OciSpec.Resources resources = OciSpecs.resources(changed);
            // a limit taken away is written as unlimited: runc leaves what the file does not name as it was
            OciSpec.Resources given = new OciSpec.Resources(null,
                    resources.memory() != null ? resources.memory() : new OciSpec.Memory(-1L, -1L),
                    resources.cpu() != null ? resources.cpu() : new OciSpec.Cpu(-1L, OciSpecs.CPU_PERIOD),
                    resources.pids() != null ? resources.pids() : new OciSpec.Pids(-1));
            Path file = store.dir(id).resolve("update.json");
            dev.strata.content.AtomicFile.write(file, dev.strata.json.Json.write(given));
            try {
                runtime(changed.runtime()).call(store.dir(id).resolve("runtime.log"), "update", "--resources",
                        file.toString(), id);
            } catch (RuntimeFailureException e) {
                throw new dev.strata.error.InvalidInputException("Cannot update container " + id + ": " + e.getMessage());
            } finally {
                Files.deleteIfExists(file);
            }
        }
        store.update(id, r -> r.withHostConfig(changed));
    }

    /** When the container was created: what {@code before=} and {@code since=} filters compare with. */
    public Instant createdOf(String reference) throws IOException {
        return Timestamps.parse(store.require(store.resolve(reference)).created());
    }

    /** Which containers a prune or a filtered {@code ps} takes. */
    public interface Selection {
        boolean takes(ContainerRecord record) throws IOException;
    }

    /** What a prune removed: the IDs, and the bytes their read-write layers held. */
    public record Pruned(List<String> ids, long reclaimedBytes) {
    }

    /**
     * {@code container prune}: removes every stopped container {@code selection} takes; one started or removed
     * meanwhile is left for the next prune. {@code removed} hears of each as it goes (the daemon's events).
     */
    public Pruned prune(Selection selection, java.util.function.Consumer<ContainerRecord> removed)
            throws IOException {
        List<String> ids = new ArrayList<>();
        long reclaimed = 0;
        for (ContainerRecord record : records(true)) {
            if (record.state().running() || !selection.takes(record)) {
                continue;
            }
            long size = layerBytes(record);
            try {
                remove(record.id(), false, false);
            } catch (IOException | RuntimeException e) {
                continue;
            }
            ids.add(record.id());
            reclaimed += size;
            removed.accept(record);
        }
        return new Pruned(ids, reclaimed);
    }

    /** Docker's HasBeenManuallyStopped: its monitor does not restart it after this exit. */
    private ContainerRecord markStoppedByHand(String id) throws IOException {
        return store.update(id, r -> r.hasBeenManuallyStopped() ? r : r.stoppedByHand(true));
    }

    /** What {@code wait} waits for, as the Engine API's {@code condition} names it. */
    public enum WaitCondition {
        /** The container is not running (at once if it is not). */
        NOT_RUNNING,
        /** The container's next exit: a stopped container must first be started. */
        NEXT_EXIT,
        /** The container is removed (by {@code --rm}, or {@code rm}). */
        REMOVED;

        /** The condition the Engine API names {@code name}; Docker's refusal for any other. */
        public static WaitCondition parse(String name) {
            return switch (name) {
                case "not-running" -> NOT_RUNNING;
                case "next-exit" -> NEXT_EXIT;
                case "removed" -> REMOVED;
                default -> throw new dev.strata.error.InvalidInputException("invalid condition: \"" + name + "\"");
            };
        }
    }

    /** {@code wait}: blocks until the container is not running; its exit code. */
    public int waitFor(String reference) throws IOException {
        return waitFor(reference, WaitCondition.NOT_RUNNING);
    }

    /**
     * Blocks until {@code condition} holds; the container's last exit code. A removed container's code is
     * read from the tombstone {@code --rm} leaves. Interrupting the thread ends the wait with an
     * {@link java.io.InterruptedIOException}.
     */
    public int waitFor(String reference, WaitCondition condition) throws IOException {
        String id = store.resolve(reference);
        ContainerRecord first = store.get(id).orElse(null);
        String firstFinished = first == null ? null : first.state().finishedAt();
        boolean seenRunning = false;
        int lastExit = first == null ? 0 : first.state().exitCode();
        while (true) {
            Optional<ContainerRecord> record = store.get(id);
            if (record.isEmpty()) {
                Optional<Integer> tombstone = readExitTombstone(id);
                if (tombstone.isPresent()) {
                    return tombstone.get();
                }
                if (first == null || condition == WaitCondition.NOT_RUNNING) {
                    throw new NoSuchContainerException(reference);
                }
                return lastExit;
            }
            ContainerRecord current;
            try {
                current = refresh(id);
            } catch (NoSuchContainerException removed) {
                continue;
            }
            ContainerState state = current.state();
            lastExit = state.exitCode();
            seenRunning |= state.running();
            boolean exitedSince = !state.running() && (seenRunning || !state.finishedAt().equals(firstFinished));
            switch (condition) {
                case NOT_RUNNING -> {
                    if (!state.running()) {
                        return state.exitCode();
                    }
                }
                case NEXT_EXIT -> {
                    if (exitedSince) {
                        return state.exitCode();
                    }
                }
                case REMOVED -> {
                    // nothing to do but wait for the record to go
                }
            }
            sleep(POLL_MILLIS);
        }
    }

    private boolean waitUntilStopped(String id, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<ContainerRecord> record = store.get(id);
            if (record.isEmpty()) {
                return true;
            }
            try {
                if (!refresh(id).state().running()) {
                    return true;
                }
            } catch (NoSuchContainerException removed) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            sleep(POLL_MILLIS);
        }
    }

    /**
     * {@code rm}: a running container only with {@code force} (killed first); with {@code volumes} ({@code -v})
     * its anonymous volumes go too, unless another container still uses them (Docker's rule).
     */
    public void remove(String reference, boolean force, boolean volumes) throws IOException {
        String id = store.resolve(reference);
        ContainerRecord record = refresh(id);
        OciRuntime runtime = runtime(record.hostConfig().runtime());
        Path log = store.dir(id).resolve("runtime.log");
        if (record.state().running()) {
            if (!force) {
                throw new dev.strata.error.ConflictException("You cannot remove a running container " + id
                        + ". Stop the container before attempting removal or force remove");
            }
            markStoppedByHand(id);
            try {
                events.record("kill", record, "signal", Integer.toString(Posix.SIGKILL));
                runtime.kill(id, Posix.SIGKILL, log);
            } catch (RuntimeFailureException gone) {
                // stopped meanwhile
            }
            thawIfPaused(id);
            waitUntilStopped(id, Duration.ofSeconds(10));
        }
        store.update(id, r -> r.withState(r.state().removing()));
        removeStopped(id, runtime, log);
        if (volumes) {
            ContainerVolumes.removeAnonymous(this, record.mountPoints());
        }
    }

    /** The IDs of the containers (in any state) that mount the volume named. */
    public List<String> volumeUsers(String volumeName) throws IOException {
        List<String> out = new ArrayList<>();
        for (ContainerRecord record : store.list()) {
            if (record.volumeNames().contains(volumeName)) {
                out.add(record.id());
            }
        }
        return out;
    }

    /** The names of the volumes some container (in any state) mounts. */
    public Set<String> volumesInUse() throws IOException {
        Set<String> out = new HashSet<>();
        for (ContainerRecord record : store.list()) {
            out.addAll(record.volumeNames());
        }
        return out;
    }

    /** What {@code volume prune} removed, Docker's VolumesDeleted and SpaceReclaimed. */
    public record VolumePrune(List<String> deleted, long reclaimed) {
    }

    /** {@code volume prune}: every volume that no container uses and {@code selected} accepts (Docker 20.10's rule). */
    public VolumePrune pruneVolumes(java.util.function.Predicate<dev.strata.volume.Volume> selected) throws IOException {
        Set<String> used = volumesInUse();
        List<String> removed = new ArrayList<>();
        long reclaimed = 0;
        for (dev.strata.volume.Volume v : volumes().list()) {
            if (used.contains(v.name()) || !selected.test(v)) {
                continue;
            }
            long size = volumes().size(v);
            try {
                removeVolume(v.name());
            } catch (dev.strata.error.ConflictException | dev.strata.error.NotFoundException raced) {
                continue; // taken into use, or removed, since the listing
            }
            removed.add(v.name());
            reclaimed += size;
        }
        return new VolumePrune(List.copyOf(removed), reclaimed);
    }

    /** {@code volume rm}: refused, with Docker's words, while any container uses the volume. */
    public void removeVolume(String name) throws IOException {
        volumes().remove(name, volumeUsers(name));
    }

    private void removeStopped(String id, OciRuntime runtime, Path log) throws IOException {
        ContainerRun.deleteQuietly(runtime, id, log);
        // outside the store lock: a provider may take the engine's lock, which comes first in lock order
        rootFs.release(id);
        // after the root file system, so a detach still running since the exit overlaps with its release;
        // before the record, so a crash leaves the membership named by a container the sweep can judge
        ContainerRecord record = store.get(id).orElse(null);
        if (record != null && record.hostConfig().bridged()) {
            attachments().unregister(id);
        }
        store.remove(id);
        events.record("destroy", record);
    }

    private void removeQuietly(String id) {
        try {
            ContainerRecord record = store.get(id).orElse(null);
            if (record == null) {
                return;
            }
            removeStopped(id, runtime(record.hostConfig().runtime()), store.dir(id).resolve("runtime.log"));
            // --rm takes the anonymous volumes with the container, as Docker does
            ContainerVolumes.removeAnonymous(this, record.mountPoints());
        } catch (IOException ignored) {
            // rm will find it
        }
    }

    private void writeExitTombstone(String id, int exitCode) {
        try {
            Path dir = store.root().resolve(EXITS);
            Files.createDirectories(dir);
            Instant cutoff = Instant.now().minus(EXIT_TOMBSTONE_LIFETIME);
            try (var old = Files.newDirectoryStream(dir)) {
                for (Path entry : old) {
                    if (Files.getLastModifiedTime(entry).toInstant().isBefore(cutoff)) {
                        Files.deleteIfExists(entry);
                    }
                }
            }
            dev.strata.content.AtomicFile.write(dir.resolve(id), Integer.toString(exitCode).getBytes(StandardCharsets.UTF_8));
        } catch (IOException ignored) {
            // wait will report the container as gone instead
        }
    }

    private Optional<Integer> readExitTombstone(String id) {
        try {
            return Optional.of(Integer.parseInt(Files.readString(store.root().resolve(EXITS).resolve(id)).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    // ---- logs ----

    /** {@code logs}: the json-file log, to {@code out} and {@code err} by stream. */
    public void logs(String reference, LogOptions options, OutputStream out, OutputStream err) throws IOException {
        String id = store.resolve(reference);
        LogPrinter.print(store.logPath(id), options, out, err, stillRunning(id));
    }

    /** {@code logs} entry by entry, for a program that keeps each entry's stream and time ({@code timestamps} is ignored). */
    public void logs(String reference, LogOptions options, LogEntry.Sink sink) throws IOException {
        String id = store.resolve(reference);
        LogPrinter.read(store.logPath(id), options, sink, stillRunning(id));
    }

    private LogPrinter.Running stillRunning(String id) {
        return () -> {
            try {
                return refresh(id).state().running();
            } catch (NoSuchContainerException removed) {
                return false;
            }
        };
    }

    // ---- file system: diff, export, cp ----

    /** {@code diff}: what the container changed in its image. */
    public List<Change> diff(String reference) throws IOException {
        return rootFs.changes(store.resolve(reference));
    }

    /** {@code export}: the container's whole file system as a tar. */
    public void export(String reference, OutputStream out) throws IOException {
        String id = store.resolve(reference);
        dev.strata.layer.TreeTar.writeContents(rootFs.mount(id), out);
    }

    /** {@code cp CONTAINER:SRC DEST}; {@code destinationText} is DEST as typed (a trailing slash matters). */
    public void copyFrom(String reference, String source, Path destination, String destinationText,
                         boolean followLink) throws IOException {
        String id = store.resolve(reference);
        ContainerCopy.copyOut(filesOf(id), source, reference, destination, destinationText, followLink);
    }

    /** {@code cp CONTAINER:SRC -}: a tar of SRC. */
    public void copyFromAsTar(String reference, String source, OutputStream out, boolean followLink) throws IOException {
        String id = store.resolve(reference);
        ContainerCopy.copyOutTar(filesOf(id), source, reference, out, followLink);
    }

    /** {@code cp SRC CONTAINER:DEST}; {@code sourceText} is SRC as typed ({@code dir/.} copies the contents). */
    public void copyTo(Path source, String sourceText, String reference, String destination, boolean followLink,
                       boolean archive) throws IOException {
        String id = store.resolve(reference);
        ContainerCopy.copyIn(source, sourceText, filesOf(id), destination, reference, followLink, archive);
    }

    /** {@code cp - CONTAINER:DEST}: unpacks a tar into the container's directory DEST. */
    public void copyToFromTar(InputStream tar, String reference, String destination, boolean archive)
            throws IOException {
        String id = store.resolve(reference);
        ContainerCopy.extractInto(tar, filesOf(id), destination, reference, archive);
    }

    /** The container's files with its mounts over them, as {@code cp} sees them. */
    private ContainerFs filesOf(String id) throws IOException {
        return ContainerFs.of(rootFs.mount(id), store.require(id), store.dir(id));
    }

    // ---- build steps ----

    /**
     * The container's root file system, mounted (again, if need be): where a build step looks before it
     * runs the container and tidies after, e.g. the mount points the runtime had to create.
     */
    public Path mountRootFs(String reference) throws IOException {
        return rootFs.mount(store.resolve(reference));
    }

    /**
     * Writes what the container changed in its image as a layer tar (whiteouts for deletions), as
     * {@code commit} does but without making an image: a build step passes it to
     * {@link ImageWriter#derive} with a config of its own. Returns what the tar holds.
     */
    public TarSummary writeChanges(String reference, OutputStream tar) throws IOException {
        return rootFs.writeDiff(store.resolve(reference), tar);
    }

    // ---- commit ----

    /**
     * {@code commit}: a new image from the container's changes on top of its image. The config is the
     * container's, with {@code changes} applied; the history gains an entry whose created_by is the
     * container's Cmd (as Docker writes it); with no changes on disk the entry is an empty layer and no layer
     * is added. Returns the new image's ID.
     */
    public Digest commit(String reference, CommitOptions options) throws IOException {
        String id = store.resolve(reference);
        ContainerRecord record = refresh(id);
        Reference target = options.reference() == null || options.reference().isEmpty() ? null
                : Reference.parse(options.reference()).withDefaultTag();
        ContainerConfig newConfig = committedConfig(record.config(), options.changes());
        OciRuntime runtime = runtime(record.hostConfig().runtime());
        Path log = store.dir(id).resolve("runtime.log");
        ImageStep step = ImageStep.builder()
                .config(newConfig)
                .createdBy(record.config().cmd() == null ? "" : String.join(" ", record.config().cmd()))
                .author(options.author())
                .historyComment(options.message())
                .container(record.id(), record.config())
                .build();
        // the diff goes straight into the blob store, paused only while it is written
        ImageWriter.LayerSource diff = new ImageWriter.LayerSource.Written(tar -> {
            boolean paused = false;
            try {
                if (options.pause() && record.state().running() && !record.state().paused()) {
                    runtime.pause(id, log);
                    paused = true;
                }
                return rootFs.writeDiff(id, tar);
            } finally {
                if (paused) {
                    runtime.resume(id, log);
                }
            }
        });
        Digest image = engine.writer().derive(Digest.parse(record.image()), diff, step, target);
        String imageRef = "";
        if (target != null) {
            imageRef = target.familiarString();
            dev.strata.engine.ImageEvents.record(engine.store(), "tag", image, imageRef);
        }
        events.record("commit", record, "comment", options.message() == null ? "" : options.message(),
                "imageID", image.toString(), "imageRef", imageRef);
        return image;
    }

    /** Docker's commit config: the container's config with the changes applied, then merged back over it. */
    static ContainerConfig committedConfig(ContainerConfig container, List<String> changes) {
        ContainerConfig changed;
        try {
            changed = dev.strata.build.ConfigEdit.applyChanges(container, changes);
        } catch (IllegalArgumentException | dev.strata.build.dockerfile.DockerfileException e) {
            throw new dev.strata.error.InvalidInputException(e.getMessage());
        }
        return ImageStep.mergeOver(changed, container);
    }

    // ---- what containers keep alive ----

    @Override
    public Set<ChainId> layers() throws IOException {
        Set<ChainId> out = new HashSet<>(rootFs.extraLayers());
        Set<String> seen = new HashSet<>();
        for (String id : store.ids()) {
            Optional<ContainerRecord> record = store.get(id);
            if (record.isEmpty() || !seen.add(record.get().image())) {
                continue;
            }
            Optional<Image> image = engine.store().image(Digest.parse(record.get().image()));
            image.ifPresent(i -> out.addAll(ChainId.chain(i.diffIds())));
        }
        return out;
    }

    @Override
    public List<GarbageCollector.Use> usersOf(Digest imageId) throws IOException {
        List<GarbageCollector.Use> out = new ArrayList<>();
        for (String id : store.ids()) {
            Optional<ContainerRecord> record = store.get(id);
            if (record.isPresent() && record.get().image().equals(imageId.toString())) {
                out.add(new GarbageCollector.Use(id, record.get().state().running()));
            }
        }
        return out;
    }

    @Override
    public void layerRemoved(ChainId chainId) {
        // containers hold no layer data of their own; their provider does
    }

    @Override
    public void sweep(Set<ChainId> liveLayers) {
        // nothing to sweep: a container's read-write layer goes with the container
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted");
        }
    }
}
