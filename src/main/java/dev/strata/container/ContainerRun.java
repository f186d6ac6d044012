package dev.strata.container;

import dev.strata.content.AtomicFile;
import dev.strata.image.Json;
import dev.strata.image.Timestamps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One run of a container, from its bundle to its exit status, in the process that watches it: the
 * {@code strata} process itself for an attached run, or the container's monitor when detached.
 *
 * <p>The runtime is called twice, {@code create} then {@code start}, and exits each time; the
 * container's init is left without a parent and, because we made ourselves a child subreaper, becomes
 * our child: we wait for it directly and read its true exit status (128 + N when killed by signal N).
 * No runtime process stays behind per container.
 */
final class ContainerRun {
    /** How long output may trail the exit before we stop waiting for it. */
    private static final long OUTPUT_GRACE_MILLIS = 2_000;

    interface Listener {
        /** The container's process is running (its record says so). */
        void started(ContainerRecord record) throws IOException;
    }

    private final Containers containers;

    ContainerRun(Containers containers) {
        this.containers = containers;
    }

    /**
     * Runs container {@code id} until its process exits, records the exit, and returns its exit code.
     * If the process cannot be started, the record keeps the reason and the error is thrown.
     */
    int run(String id, Attach attach, boolean keepStdinOpen, Listener listener) throws IOException {
        ContainerStore store = containers.store();
        ContainerRecord record = store.require(id);
        Path dir = store.dir(id);
        Path runtimeLog = dir.resolve("runtime.log");
        OciRuntime runtime = containers.runtime(record.hostConfig().runtime());
        if (runtime.knows(id)) {
            // state left by a run whose watcher died: the runtime refuses a second create otherwise
            deleteQuietly(runtime, id, runtimeLog);
        }
        Posix.becomeSubreaper();

        OciSpec spec;
        try {
            Path rootfs = containers.rootFs().mount(id);
            ProcessUser user = ProcessUser.resolve(record.config().user(), rootfs);
            prepareRoot(rootfs, record);
            EtcFiles.write(dir, record);
            Posix.WindowSize size = record.config().tty() && attach.controlTerminal() ? TerminalSession.currentSize() : null;
            spec = OciSpecs.container(record, user, rootfs, dir, size);
            AtomicFile.write(dir.resolve("config.json"), Json.write(spec));
        } catch (ContainerException e) {
            recordStartFailure(store, id, e);
            throw e;
        }

        Path pidFile = dir.resolve("init.pid");
        Files.deleteIfExists(pidFile);
        boolean tty = record.config().tty();
        AtomicInteger pid = new AtomicInteger();
        try (ProcessIo io = tty ? ProcessIo.console() : ProcessIo.pipes(record.config().openStdin())) {
            long logOffset = OciRuntime.sizeOf(runtimeLog);
            Process create = runtime.startCreate(id, dir, pidFile, io.consoleSocket(), runtimeLog,
                    io.stdin(), io.stdout(), io.stderr());
            io.childStarted();
            if (io.awaitRuntime(create) != 0) {
                ContainerException.RuntimeFailure failure = runtime.failure(runtimeLog, logOffset, "", "create");
                deleteQuietly(runtime, id, runtimeLog);
                ContainerException.RuntimeFailure worded = new ContainerException.RuntimeFailure(
                        "OCI runtime create failed: " + failure.getMessage(), failure.runExitCode());
                recordStartFailure(store, id, worded);
                throw worded;
            }
            pid.set(readPid(pidFile));
            int exitCode;
            String finishedAt;
            try (JsonFileLog log = JsonFileLog.open(store.logPath(id));
                 TerminalSession terminal = attach.controlTerminal()
                         ? TerminalSession.begin(tty, attach.stdin() != null, io, pid::get) : TerminalSession.none()) {
                io.startPumps(attach, log, keepStdinOpen);
                try {
                    runtime.start(id, runtimeLog);
                } catch (ContainerException.RuntimeFailure e) {
                    deleteQuietly(runtime, id, runtimeLog);
                    ContainerException.RuntimeFailure worded = new ContainerException.RuntimeFailure(
                            "OCI runtime start failed: " + e.getMessage(), e.runExitCode());
                    recordStartFailure(store, id, worded);
                    throw worded;
                }
                int monitorPid = Posix.getpid();
                long monitorStart = Monitors.startTime(monitorPid);
                ContainerRecord running = store.update(id, r -> r.withState(
                        r.state().started(pid.get(), Timestamps.now(), monitorPid, monitorStart)));
                listener.started(running);
                Optional<Integer> status = Posix.waitForExit(pid.get());
                finishedAt = Timestamps.now();
                exitCode = status.orElse(ContainerState.UNKNOWN_EXIT_CODE);
                pid.set(0);
                io.awaitOutput(OUTPUT_GRACE_MILLIS);
            }
            deleteQuietly(runtime, id, runtimeLog);
            int code = exitCode;
            try {
                store.update(id, r -> r.withState(r.state().exited(code, finishedAt, "")));
            } catch (NoSuchContainerException removedMeanwhile) {
                // rm -f took it while it ran: nothing left to record
            }
            return exitCode;
        }
    }

    /**
     * Docker's preparations of the root before start: the working directory is created if missing, and so
     * are the host directories of bind mounts.
     */
    static void prepareRoot(Path rootfs, ContainerRecord record) throws IOException {
        String workdir = record.config().workingDir();
        if (!workdir.isEmpty()) {
            Path resolved = ScopedPath.resolve(rootfs, workdir);
            if (!Files.isDirectory(resolved)) {
                try {
                    Files.createDirectories(resolved);
                } catch (IOException e) {
                    throw new ContainerException.InvalidRequest("cannot create working directory " + workdir + ": "
                            + e.getMessage());
                }
            }
        }
        for (String spec : record.hostConfig().bindsOrEmpty()) {
            Path source = Path.of(ContainerConfigs.Bind.parse(spec).source());
            if (!Files.exists(source)) {
                Files.createDirectories(source);
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

    private static void recordStartFailure(ContainerStore store, String id, ContainerException e) {
        try {
            store.update(id, r -> r.withState(r.state().failedToStart(e.runExitCode() == 125 ? 128 : e.runExitCode(),
                    e.getMessage())));
        } catch (IOException ignored) {
            // the failure itself is what the caller reports
        }
    }
}
