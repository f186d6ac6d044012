package dev.strata.container;

import dev.strata.content.AtomicFile;
import dev.strata.image.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code exec}: a new process in a running container, started with the runtime's {@code exec --detach}
 * and then waited for directly (it becomes our child once the runtime exits, as the container's init does
 * in {@link ContainerRun}). Its environment, user and working directory default to the container's, as
 * Docker's do; its output is not logged, as Docker logs none of an exec's.
 */
final class ExecRun {
    private static final long OUTPUT_GRACE_MILLIS = 2_000;

    private final Containers containers;

    ExecRun(Containers containers) {
        this.containers = containers;
    }

    int run(String id, ExecOptions options, Attach attach, Map<String, String> hostEnv) throws IOException {
        if (options.command().isEmpty()) {
            throw new ContainerException.InvalidRequest("No exec command specified");
        }
        ContainerRecord record = containers.refresh(id);
        if (!record.state().running()) {
            throw new ContainerException.Conflict("Container " + id + " is not running");
        }
        if (record.state().paused()) {
            throw new ContainerException.Conflict("Container " + id + " is paused, unpause the container before exec");
        }
        Posix.becomeSubreaper();
        Path rootfs = containers.rootFs().mount(id);
        String userSpec = options.user() != null && !options.user().isEmpty() ? options.user() : record.config().user();
        ProcessUser user = ProcessUser.resolve(userSpec, rootfs);
        List<String> execEnv = new java.util.ArrayList<>();
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
        AtomicFile.write(processJson, Json.write(process));
        AtomicInteger pid = new AtomicInteger();
        try (ProcessIo io = options.detach() ? ProcessIo.discard()
                : options.tty() ? ProcessIo.console() : ProcessIo.pipes(options.interactive())) {
            long logOffset = OciRuntime.sizeOf(runtimeLog);
            Process exec = runtime.startExec(id, processJson, pidFile, io.consoleSocket(), runtimeLog,
                    io.stdin(), io.stdout(), io.stderr());
            io.childStarted();
            if (io.awaitRuntime(exec) != 0) {
                ContainerException.RuntimeFailure failure = runtime.failure(runtimeLog, logOffset, "", "exec");
                throw new ContainerException.RuntimeFailure("OCI runtime exec failed: " + failure.getMessage(), 126);
            }
            pid.set(ContainerRun.readPid(pidFile));
            if (options.detach()) {
                return 0;
            }
            try (JsonFileLog discard = JsonFileLog.discard();
                 TerminalSession terminal = attach.controlTerminal()
                         ? TerminalSession.begin(options.tty(), attach.stdin() != null, io, pid::get, false)
                         : TerminalSession.none()) {
                io.startPumps(attach, discard, false);
                Optional<Integer> status = Posix.waitForExit(pid.get());
                pid.set(0);
                io.awaitOutput(OUTPUT_GRACE_MILLIS);
                return status.orElse(ContainerState.UNKNOWN_EXIT_CODE);
            }
        } finally {
            Files.deleteIfExists(processJson);
            Files.deleteIfExists(pidFile);
        }
    }
}
