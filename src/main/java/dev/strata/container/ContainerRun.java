package dev.strata.container;

import dev.strata.image.Timestamps;
import dev.strata.json.Json;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One run of a container, from its bundle to its exit status, in the process that watches it: the
 * {@code strata} process itself for an attached run, or the container's monitor when detached.
 *
 * <p>Without a terminal, the runtime runs in the foreground ({@code runc run}): one runtime call, whose
 * stdio the container inherits and whose exit status is the container's (128 + N when killed by signal
 * N); the runtime deletes its own state when the container exits. We learn that the container started
 * when the runtime writes its pid file.
 *
 * <p>With a terminal, the runtime must hand the terminal's master to someone, so it runs detached
 * ({@code runc run --detach --console-socket}) and exits at once; the container's init, left without a
 * parent, becomes our child because we made ourselves a child subreaper, and we wait for it directly.
 */
final class ContainerRun {
    /** How long output may trail the exit before we stop waiting for it. */
    static final long OUTPUT_GRACE_MILLIS = 2_000;
    private static final ProcessBuilder.Redirect DEV_NULL = ProcessBuilder.Redirect.from(new File("/dev/null"));

    interface Listener {
        /** The container's process is running (its record says so). */
        void started(ContainerRecord record) throws IOException;
    }

    /** What the record becomes when the container's process has exited with a code at a time. */
    interface Exit {
        ContainerRecord recorded(ContainerRecord current, int exitCode, String finishedAt);
    }

    /** Exited, whatever its restart policy says. */
    static final Exit EXITED = (current, code, at) -> current.withState(current.state().exited(code, at, ""));

    private final Containers containers;
    private final Exit exit;
    private ContainerNetwork network;
    private HealthProbe health;

    ContainerRun(Containers containers) {
        this(containers, null, EXITED);
    }

    /**
     * @param network the container's network step when its start has already begun it, else null
     * @param exit    how the exit is recorded (in one update, so a {@code stop} meanwhile is seen)
     */
    ContainerRun(Containers containers, ContainerNetwork network, Exit exit) {
        this.containers = containers;
        this.network = network;
        this.exit = exit;
    }

    /** Waits for the network's release, which the run starts once the container has exited, to finish. */
    void awaitNetworkRelease() {
        if (network != null) {
            network.awaitRelease();
        }
    }

    /**
     * Runs container {@code id} until its process exits, records the exit, and returns its exit code.
     * If the process cannot be started, the record keeps the reason and the error is thrown.
     *
     * @param keepStdinOpen for a detached {@code -i} container: its stdin stays open with nobody writing
     * @see Containers#claim the caller has claimed the container first
     */
    int run(String id, Attach attach, boolean keepStdinOpen, Listener listener) throws IOException {
        ContainerStore store = containers.store();
        ContainerRecord record = store.require(id);
        Path dir = store.dir(id);
        // the network is attached while the runtime is checked, the root file system mounted and the spec written
        if (network == null) {
            network = ContainerNetwork.begin(containers, record, dir);
        }
        try {
            Path runtimeLog = dir.resolve("runtime.log");
            OciRuntime runtime = containers.runtime(record.hostConfig().runtime());
            if (runtime.knows(id)) {
                // state left by a run whose watcher died: the runtime refuses a second create otherwise
                deleteQuietly(runtime, id, runtimeLog);
            }
            try {
                Path rootfs = containers.rootFs().mount(id);
                ProcessUser user = ProcessUser.resolve(record.config().user(), rootfs);
                prepareRoot(rootfs, record, containers.volumes());
                ContainerNetwork.Namespace namespace = network.namespace();
                Path etc = network.etcDirectory(dir);
                EtcFiles.write(dir, record);
                Posix.WindowSize size = record.config().tty() && attach.controlTerminal() ? TerminalSession.currentSize() : null;
                OciSpec spec = OciSpecs.container(record, user, rootfs, dir, etc, namespace, size);
                if (record.hostConfig().initProcess()) {
                    spec = ContainerInit.around(spec, ContainerInit.installed(containers.engine().root()));
                }
                ScratchFile.write(dir.resolve("config.json"), Json.write(spec));
            } catch (dev.strata.error.StrataException e) {
                recordStartFailure(store, id, e);
                throw e;
            }
            Path pidFile = dir.resolve("init.pid");
            Files.deleteIfExists(pidFile);
            // the health check runs while the process does, in whichever process watches it
            Listener withHealth = started -> {
                health = HealthProbe.start(containers, started, dir);
                listener.started(started);
            };
            return record.config().tty()
                    ? runWithTerminal(record, runtime, attach, pidFile, runtimeLog, withHealth)
                    : runWithPipes(record, runtime, attach, keepStdinOpen, pidFile, runtimeLog, withHealth);
        } finally {
            if (health != null) {
                health.close();
            }
            // exited, or never started: the namespace, addresses and ports go, beside the container's removal
            network.release();
        }
    }

    @SuppressWarnings("try") // the terminal session is held for its side effects, closed at the end
    private int runWithPipes(ContainerRecord record, OciRuntime runtime, Attach attach, boolean keepStdinOpen,
                             Path pidFile, Path runtimeLog, Listener listener) throws IOException {
        String id = record.id();
        ContainerStore store = containers.store();
        long logOffset = OciRuntime.sizeOf(runtimeLog);
        List<String> command = new ArrayList<>();
        if (attach.controlTerminal()) {
            // its own session: Ctrl-C on our terminal reaches only us, and we pass each signal on once
            command.addAll(setsid());
        }
        command.addAll(runtime.command(runtimeLog, "run", "--bundle", store.dir(id).toString(), "--pid-file",
                pidFile.toString(), id));
        boolean stdinPiped = record.config().openStdin();
        Process process = new ProcessBuilder(command)
                .redirectInput(stdinPiped ? ProcessBuilder.Redirect.PIPE : DEV_NULL)
                .start();
        AtomicInteger signalTarget = new AtomicInteger((int) process.pid());
        int exitCode;
        String finishedAt;
        try (JsonFileLog log = JsonFileLog.open(store.logPath(id));
             ProcessPumps pumps = ProcessPumps.start(process, attach, log, stdinPiped, keepStdinOpen);
             TerminalSession terminal = attach.controlTerminal()
                     ? TerminalSession.begin(false, false, null, signalTarget::get) : TerminalSession.none()) {
            OptionalInt pid = awaitPidFile(pidFile, process);
            if (pid.isEmpty()) {
                OciRuntime.waitFor(process);
                pumps.failed();
                RuntimeFailureException failure = runtime.failure(runtimeLog, logOffset, "", "run");
                RuntimeFailureException worded = new RuntimeFailureException(
                        "OCI runtime create failed: " + failure.getMessage(), failure.runExitCode());
                recordStartFailure(store, id, worded);
                throw worded;
            }
            pumps.started();
            recordStarted(store, id, pid.getAsInt(), listener);
            exitCode = OciRuntime.waitFor(process);
            signalTarget.set(0);
            finishedAt = Timestamps.now();
            pumps.awaitOutput(OUTPUT_GRACE_MILLIS);
        }
        recordExit(store, id, exitCode, finishedAt);
        return exitCode;
    }

    @SuppressWarnings("try") // the terminal session is held for its side effects, closed at the end
    private int runWithTerminal(ContainerRecord record, OciRuntime runtime, Attach attach, Path pidFile,
                                Path runtimeLog, Listener listener) throws IOException {
        String id = record.id();
        ContainerStore store = containers.store();
        Posix.becomeSubreaper();
        AtomicInteger pid = new AtomicInteger();
        int exitCode;
        String finishedAt;
        try (ProcessIo io = ProcessIo.console()) {
            long logOffset = OciRuntime.sizeOf(runtimeLog);
            Process run = runtime.startDetached(id, store.dir(id), pidFile, io.consoleSocket(), runtimeLog,
                    io.stdin(), io.stdout(), io.stderr());
            io.childStarted();
            if (io.awaitRuntime(run) != 0) {
                RuntimeFailureException failure = runtime.failure(runtimeLog, logOffset, "", "run");
                deleteQuietly(runtime, id, runtimeLog);
                RuntimeFailureException worded = new RuntimeFailureException(
                        "OCI runtime create failed: " + failure.getMessage(), failure.runExitCode());
                recordStartFailure(store, id, worded);
                throw worded;
            }
            pid.set(readPid(pidFile));
            attach.terminalReady(io);
            try (JsonFileLog log = JsonFileLog.open(store.logPath(id));
                 TerminalSession terminal = attach.controlTerminal()
                         ? TerminalSession.begin(true, attach.stdin() != null, io, pid::get) : TerminalSession.none()) {
                io.startPumps(attach, log, false);
                recordStarted(store, id, pid.get(), listener);
                Optional<Integer> status = Posix.waitForExit(pid.get());
                finishedAt = Timestamps.now();
                exitCode = status.orElse(ContainerState.UNKNOWN_EXIT_CODE);
                pid.set(0);
                io.awaitOutput(OUTPUT_GRACE_MILLIS);
            }
        }
        recordExit(store, id, exitCode, finishedAt);
        // a detached runtime leaves its state (and the container's cgroup) for us to delete
        deleteQuietly(runtime, id, runtimeLog);
        return exitCode;
    }

    private void recordStarted(ContainerStore store, String id, int pid, Listener listener) throws IOException {
        int monitorPid = Posix.getpid();
        long monitorStart = Monitors.startTime(monitorPid);
        ContainerRecord running = store.update(id, r -> r.withState(
                r.state().started(pid, Timestamps.now(), monitorPid, monitorStart)));
        containers.events().record("start", running);
        listener.started(running);
    }

    private void recordExit(ContainerStore store, String id, int exitCode, String finishedAt) throws IOException {
        try {
            // recorded before the record says so: whoever waits for the exit (stop, wait) records after it
            containers.events().record("die", store.get(id).orElse(null), "exitCode", Integer.toString(exitCode));
            store.update(id, r -> exit.recorded(r, exitCode, finishedAt));
        } catch (NoSuchContainerException removedMeanwhile) {
            // rm -f took it while it ran: nothing left to record
        }
    }

    /**
     * Waits until the runtime has written the pid file (the process runs) or has exited without writing it
     * (it failed). The runtime writes the file by rename, so it is never seen half written.
     */
    static OptionalInt awaitPidFile(Path pidFile, Process runtime) throws IOException {
        long pause = 1;
        while (true) {
            if (Files.exists(pidFile)) {
                return OptionalInt.of(readPid(pidFile));
            }
            if (!runtime.isAlive()) {
                return Files.exists(pidFile) ? OptionalInt.of(readPid(pidFile)) : OptionalInt.empty();
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while starting the container");
            }
            pause = Math.min(pause * 2, 16);
        }
    }

    /** {@code setsid}, to start a child in a session of its own, if the system has it. */
    static List<String> setsid() {
        for (String candidate : List.of("/usr/bin/setsid", "/bin/setsid")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return List.of(candidate);
            }
        }
        return List.of();
    }

    /**
     * Docker's preparations of the root before start: the working directory is created if missing, and so
     * are the host directories of bind mounts; volumes are made ready.
     */
    static void prepareRoot(Path rootfs, ContainerRecord record, dev.strata.volume.VolumeStore volumes)
            throws IOException {
        String workdir = record.config().workingDir();
        if (!workdir.isEmpty()) {
            Path resolved = ScopedPath.resolve(rootfs, workdir);
            if (!Files.isDirectory(resolved)) {
                try {
                    Files.createDirectories(resolved);
                } catch (IOException e) {
                    throw new dev.strata.error.InvalidInputException("cannot create working directory " + workdir + ": "
                            + e.getMessage());
                }
            }
        }
        for (MountPoint point : record.mountPoints()) {
            switch (point.type()) {
                case MountPoint.BIND -> {
                    Path source = Path.of(point.source());
                    if (!Files.exists(source)) {
                        Files.createDirectories(source);
                    }
                }
                // a volume of the local driver with a type is mounted on its mount point at first use
                case MountPoint.VOLUME -> volumes.ready(volumes.require(point.name()));
                default -> { }
            }
        }
    }

    static int readPid(Path pidFile) throws IOException {
        try {
            return Integer.parseInt(Files.readString(pidFile, StandardCharsets.UTF_8).strip());
        } catch (NoSuchFileException | NumberFormatException e) {
            throw new IOException("the runtime wrote no process ID to " + pidFile, e);
        }
    }

    static void deleteQuietly(OciRuntime runtime, String id, Path log) {
        try {
            if (runtime.knows(id)) {
                runtime.delete(id, true, log);
            }
        } catch (IOException ignored) {
            // nothing left to delete, or nothing we can do about it
        }
    }

    private static void recordStartFailure(ContainerStore store, String id, dev.strata.error.StrataException e) {
        try {
            store.update(id, r -> r.withState(r.state().failedToStart(RuntimeFailureException.runExitCode(e) == 125 ? 128 : RuntimeFailureException.runExitCode(e),
                    e.getMessage())));
        } catch (IOException ignored) {
            // the failure itself is what the caller reports
        }
    }
}
