package dev.strata.container;

import dev.strata.json.Json;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Drives an OCI runtime binary (runc, or crun, which takes the same commands) with its state under
 * {@code ROOT/runtime/NAME}, so Strata's containers never mix with another engine's. Each call runs the
 * binary once; the runtime's own log goes, as JSON, to the container's {@code runtime.log}, from which a
 * failure's message is taken (its stderr may be the container's).
 */
public final class OciRuntime {
    private final String name;
    private final String binary;
    private final Path stateRoot;

    private OciRuntime(String name, String binary, Path stateRoot) {
        this.name = name;
        this.binary = binary;
        this.stateRoot = stateRoot;
    }

    /**
     * The runtime called {@code name} ({@code runc}, {@code crun}, or a path to a compatible binary), found on
     * PATH or in the usual sbin directories.
     */
    public static OciRuntime named(String name, Path engineRoot, Map<String, String> env) throws IOException {
        String binary = locate(name, env).orElseThrow(() -> new dev.strata.error.InvalidInputException(
                "unknown or invalid runtime name: " + name));
        String key = Path.of(name).getFileName().toString();
        Path state = engineRoot.resolve("runtime").resolve(key);
        Files.createDirectories(state);
        return new OciRuntime(key, binary, state);
    }

    static Optional<String> locate(String name, Map<String, String> env) {
        if (name.contains("/")) {
            return Files.isExecutable(Path.of(name)) ? Optional.of(name) : Optional.empty();
        }
        List<String> dirs = new ArrayList<>();
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty()) {
                dirs.add(dir);
            }
        }
        dirs.addAll(List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"));
        for (String dir : dirs) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }

    public String name() {
        return name;
    }

    public Path stateRoot() {
        return stateRoot;
    }

    /** The command line for one runtime call, logging to {@code log} as JSON. */
    List<String> command(Path log, String... args) {
        List<String> command = new ArrayList<>(List.of(binary, "--root", stateRoot.toString()));
        if (log != null) {
            command.addAll(List.of("--log", log.toString(), "--log-format", "json"));
        }
        command.addAll(List.of(args));
        return command;
    }

    /** Runs a short runtime command, returning its stdout; failures carry the runtime's message. */
    String call(Path log, String... args) throws IOException {
        long logOffset = sizeOf(log);
        ProcessBuilder builder = new ProcessBuilder(command(log, args)).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process process = builder.start();
        byte[] out;
        byte[][] err = new byte[1][];
        try (InputStream stdout = process.getInputStream(); InputStream stderr = process.getErrorStream()) {
            // both pipes drained at once, so neither can fill up and stall the runtime
            Thread errReader = Thread.ofVirtual().start(() -> {
                try {
                    err[0] = stderr.readAllBytes();
                } catch (IOException e) {
                    err[0] = new byte[0];
                }
            });
            out = stdout.readAllBytes();
            errReader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
            throw new IOException("interrupted while running " + name + " " + args[0], e);
        }
        int exit = waitFor(process);
        if (exit != 0) {
            throw failure(log, logOffset, new String(err[0], StandardCharsets.UTF_8), args[0]);
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    static int waitFor(Process process) throws IOException {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
            throw new IOException("interrupted", e);
        }
    }

    /** The runtime's reason for a failed call: the last error in its log since {@code logOffset}, else its stderr. */
    RuntimeFailureException failure(Path log, long logOffset, String stderr, String operation) {
        String message = lastLoggedError(log, logOffset).orElse(stderr.strip());
        if (message.isEmpty()) {
            message = name + " " + operation + " failed";
        }
        return new RuntimeFailureException(message, RuntimeFailureException.classify(message));
    }

    static long sizeOf(Path log) {
        try {
            return log == null ? 0 : Files.size(log);
        } catch (IOException e) {
            return 0;
        }
    }


    static Optional<String> lastLoggedError(Path log, long offset) {
        if (log == null) {
            return Optional.empty();
        }
        try {
            byte[] all = Files.readAllBytes(log);
            String text = new String(all, (int) Math.min(offset, all.length), all.length - (int) Math.min(offset, all.length),
                    StandardCharsets.UTF_8);
            String found = null;
            for (String line : text.split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    var entry = Json.object(line.getBytes(StandardCharsets.UTF_8));
                    String level = entry.string("level");
                    if (("error".equals(level) || "fatal".equals(level)) && entry.string("msg") != null) {
                        found = entry.string("msg");
                    }
                } catch (RuntimeException notJson) {
                    found = line.strip();
                }
            }
            return Optional.ofNullable(found);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Starts {@code run --detach}: the runtime creates and starts the container and exits; the container's
     * init inherits the given stdio, unless a console socket is given, to which the runtime sends the
     * master of the container's terminal instead.
     */
    Process startDetached(String id, Path bundle, Path pidFile, Path consoleSocket, Path log,
                          ProcessBuilder.Redirect in, ProcessBuilder.Redirect out, ProcessBuilder.Redirect err)
            throws IOException {
        List<String> args = new ArrayList<>(List.of("run", "--detach", "--bundle", bundle.toString(), "--pid-file",
                pidFile.toString()));
        if (consoleSocket != null) {
            args.addAll(List.of("--console-socket", consoleSocket.toString()));
        }
        args.add(id);
        return new ProcessBuilder(command(log, args.toArray(String[]::new)))
                .redirectInput(in).redirectOutput(out).redirectError(err).start();
    }

    /**
     * Starts {@code exec}: with {@code detach}, the runtime exits once the process runs (and its stdio is
     * the given redirects, or a terminal sent to the console socket); without, the runtime stays until
     * the process exits, passing its own stdio through and exiting with its status.
     */
    Process startExec(String id, Path processJson, Path pidFile, Path consoleSocket, Path log, boolean detach,
                      ProcessBuilder.Redirect in, ProcessBuilder.Redirect out, ProcessBuilder.Redirect err)
            throws IOException {
        List<String> args = new ArrayList<>(List.of("exec"));
        if (detach) {
            args.add("--detach");
        }
        args.addAll(List.of("--pid-file", pidFile.toString(), "--process", processJson.toString()));
        if (consoleSocket != null) {
            args.addAll(List.of("--console-socket", consoleSocket.toString()));
        }
        args.add(id);
        return new ProcessBuilder(command(log, args.toArray(String[]::new)))
                .redirectInput(in).redirectOutput(out).redirectError(err).start();
    }

    /** Sends {@code signal} (a number) to the container's init. */
    void kill(String id, int signal, Path log) throws IOException {
        call(log, "kill", id, Integer.toString(signal));
    }

    void pause(String id, Path log) throws IOException {
        call(log, "pause", id);
    }

    void resume(String id, Path log) throws IOException {
        call(log, "resume", id);
    }

    /** Forgets the container (its cgroup and state); with {@code force} a running one is killed first. */
    void delete(String id, boolean force, Path log) throws IOException {
        if (force) {
            call(log, "delete", "--force", id);
        } else {
            call(log, "delete", id);
        }
    }

    /** What the runtime reports: {@code created}, {@code running}, {@code paused}, {@code stopped}; empty if unknown. */
    public record Status(String status, int pid) {
    }

    Optional<Status> state(String id) throws IOException {
        if (!Files.isDirectory(stateRoot.resolve(id))) {
            return Optional.empty();
        }
        try {
            String json = call(null, "state", id);
            var state = Json.object(json.getBytes(StandardCharsets.UTF_8));
            return Optional.of(new Status(state.string("status"), state.intValue("pid")));
        } catch (RuntimeFailureException e) {
            return Optional.empty();
        }
    }

    /** True if the runtime holds state for {@code id} (created, running or stopped but not deleted). */
    boolean knows(String id) {
        return Files.isDirectory(stateRoot.resolve(id));
    }
}
