package dev.strata.container;

import dev.strata.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code exec}: a new process in a running container. Its environment, user and working directory
 * default to the container's, as Docker's do; its output is not logged, as Docker logs none of an exec's.
 * Without a terminal the runtime runs in the foreground and exits with the process's status; with a
 * terminal (or {@code -d}) it runs detached, and the process, once the runtime has exited, becomes our
 * child (we are a child subreaper) and is waited for directly.
 */
final class ExecRun {
    private final Containers containers;

    ExecRun(Containers containers) {
        this.containers = containers;
    }

    int run(String id, ExecOptions options, Attach attach, Map<String, String> hostEnv) throws IOException {
        if (options.command().isEmpty()) {
            throw new dev.strata.error.InvalidInputException("No exec command specified");
        }
        ContainerRecord record = containers.refresh(id);
        if (!record.state().running()) {
            throw new dev.strata.error.ConflictException("Container " + id + " is not running");
        }
        if (record.state().paused()) {
            throw new dev.strata.error.ConflictException("Container " + id + " is paused, unpause the container before exec");
        }
        Path rootfs = containers.rootFs().mount(id);
        String userSpec = options.user() != null && !options.user().isEmpty() ? options.user() : record.config().user();
        ProcessUser user = ProcessUser.resolve(userSpec, rootfs);
        List<String> execEnv = new ArrayList<>();
        for (String value : options.env()) {
            execEnv.add(ContainerConfigs.cliEnv(value, hostEnv));
        }
        List<String> env = ContainerConfigs.replaceOrAppend(ContainerConfigs.processEnv(record.config(), options.tty()),
                execEnv);
        String cwd = options.workdir() != null && !options.workdir().isEmpty() ? options.workdir()
                : record.config().workingDir().isEmpty() ? "/" : record.config().workingDir();
        Posix.WindowSize size = options.tty() && attach.controlTerminal() ? TerminalSession.currentSize() : null;
        OciSpec.Process process = OciSpecs.process(options.command(), env, cwd, user, options.tty(), size);

        Path dir = containers.store().dir(id);
        String key = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        Path processJson = dir.resolve("exec-" + key + ".json");
        Path pidFile = dir.resolve("exec-" + key + ".pid");
        Path runtimeLog = dir.resolve("runtime.log");
        OciRuntime runtime = containers.runtime(record.hostConfig().runtime());
        ScratchFile.write(processJson, Json.write(process));
        // Docker's exec events: the action names the command (its entrypoint, a space, its arguments)
        String execId = HexFormat.of().formatHex(java.nio.ByteBuffer.allocate(32).putLong(ThreadLocalRandom.current()
                .nextLong()).putLong(ThreadLocalRandom.current().nextLong()).putLong(ThreadLocalRandom.current().nextLong())
                .putLong(ThreadLocalRandom.current().nextLong()).array());
        String command = String.join(" ", options.command().getFirst(),
                String.join(" ", options.command().subList(1, options.command().size())));
        containers.events().record("exec_create: ".concat(command), record, "execID", execId);
        containers.events().record("exec_start: ".concat(command), record, "execID", execId);
        try {
            int exitCode = options.tty() || options.detach()
                    ? runDetached(id, options, attach, runtime, processJson, pidFile, runtimeLog)
                    : runInForeground(id, options, attach, runtime, processJson, pidFile, runtimeLog);
            if (!options.detach()) {
                containers.events().record("exec_die", record, "execID", execId, "exitCode", Integer.toString(exitCode));
            }
            return exitCode;
        } finally {
            Files.deleteIfExists(processJson);
            Files.deleteIfExists(pidFile);
        }
    }

    private static RuntimeFailureException failure(OciRuntime runtime, Path runtimeLog, long logOffset) {
        RuntimeFailureException failure = runtime.failure(runtimeLog, logOffset, "", "exec");
        return new RuntimeFailureException("OCI runtime exec failed: " + failure.getMessage(), 126);
    }

    private int runInForeground(String id, ExecOptions options, Attach attach, OciRuntime runtime, Path processJson,
                                Path pidFile, Path runtimeLog) throws IOException {
        long logOffset = OciRuntime.sizeOf(runtimeLog);
        Process exec = runtime.startExec(id, processJson, pidFile, null, runtimeLog, false,
                options.interactive() ? ProcessBuilder.Redirect.PIPE : ProcessIo.DEV_NULL,
                ProcessBuilder.Redirect.PIPE, ProcessBuilder.Redirect.PIPE);
        try (JsonFileLog discard = JsonFileLog.discard();
             ProcessPumps pumps = ProcessPumps.start(exec, attach, discard, options.interactive(), false)) {
            OptionalInt pid = ContainerRun.awaitPidFile(pidFile, exec);
            if (pid.isEmpty()) {
                OciRuntime.waitFor(exec);
                pumps.failed();
                throw failure(runtime, runtimeLog, logOffset);
            }
            pumps.started();
            int exitCode = OciRuntime.waitFor(exec);
            pumps.awaitOutput(ContainerRun.OUTPUT_GRACE_MILLIS);
            return exitCode;
        }
    }

    @SuppressWarnings("try") // the terminal session is held for its side effects, closed at the end
    private int runDetached(String id, ExecOptions options, Attach attach, OciRuntime runtime, Path processJson,
                            Path pidFile, Path runtimeLog) throws IOException {
        Posix.becomeSubreaper();
        AtomicInteger pid = new AtomicInteger();
        try (ProcessIo io = options.detach() ? ProcessIo.discard() : ProcessIo.console()) {
            long logOffset = OciRuntime.sizeOf(runtimeLog);
            Process exec = runtime.startExec(id, processJson, pidFile, io.consoleSocket(), runtimeLog, true,
                    io.stdin(), io.stdout(), io.stderr());
            io.childStarted();
            if (io.awaitRuntime(exec) != 0) {
                throw failure(runtime, runtimeLog, logOffset);
            }
            pid.set(ContainerRun.readPid(pidFile));
            if (options.detach()) {
                return 0;
            }
            attach.terminalReady(io);
            try (JsonFileLog discard = JsonFileLog.discard();
                 TerminalSession terminal = attach.controlTerminal()
                         ? TerminalSession.begin(true, attach.stdin() != null, io, pid::get, false)
                         : TerminalSession.none()) {
                io.startPumps(attach, discard, false);
                Optional<Integer> status = Posix.waitForExit(pid.get());
                pid.set(0);
                io.awaitOutput(ContainerRun.OUTPUT_GRACE_MILLIS);
                return status.orElse(ContainerState.UNKNOWN_EXIT_CODE);
            }
        }
    }
}
