package dev.strata.embed;

import dev.strata.container.Attach;
import dev.strata.container.CommitOptions;
import dev.strata.container.ContainerRecord;
import dev.strata.container.ContainerState;
import dev.strata.container.ExecOptions;
import dev.strata.container.NoSuchContainerException;
import dev.strata.image.Timestamps;
import dev.strata.io.Waits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A container this process runs (see {@link Containers#run}): its log, commands run in it, files copied
 * in and out, a commit of its changes, waits for a condition or its exit, and {@link #close()}, which
 * removes it (killing it first if it runs). Every method but {@link #close()} needs the container to
 * exist; those that act in it ({@link #exec}, {@link #waitFor}) need it running. Safe to use from
 * several threads.
 */
public final class Container implements AutoCloseable {
    private static final long POLL_MILLIS = 50;

    private final Containers owner;
    private final String id;
    private final String name;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private volatile Thread watcher;
    private boolean closed;

    Container(Containers owner, String id, String name) {
        this.owner = owner;
        this.id = id;
        this.name = name;
    }

    private dev.strata.container.Containers engine() throws IOException {
        return owner.engine();
    }

    /** Starts the container, watched by a thread of this process; returns when its process runs. */
    void start() throws IOException {
        CompletableFuture<Void> started = new CompletableFuture<>();
        watcher = Thread.ofPlatform().daemon().name("strata-watch-" + id.substring(0, 12)).start(() -> {
            try {
                exit.complete(engine().startAttached(id, Attach.none(), () -> started.complete(null)));
            } catch (Throwable e) {
                started.completeExceptionally(e);
                exit.completeExceptionally(e);
            }
        });
        await(started);
    }

    /** The container's ID: 64 hex digits. */
    public String id() {
        return id;
    }

    /** The container's name: the spec's, or the random one it was given. */
    public String name() {
        return name;
    }

    /**
     * What the store says of the container now.
     *
     * @throws NotFoundException when it has been removed
     */
    public ContainerInfo inspect() throws IOException {
        return Errors.call(() -> info(engine().refresh(id)));
    }

    /** True while its process runs. */
    public boolean isRunning() throws IOException {
        return inspect().running();
    }

    /**
     * The host port TCP port {@code containerPort} is published at ({@link ContainerSpec#publish}), on
     * 127.0.0.1.
     *
     * @throws NotFoundException when that port is not published, or the container does not run
     */
    public int hostPort(int containerPort) throws IOException {
        return Errors.call(() -> {
            List<dev.strata.network.port.PortBinding> bindings = engine().ports(id).getOrDefault(containerPort + "/tcp",
                    List.of());
            if (bindings.isEmpty()) {
                throw new NotFoundException("port " + containerPort + "/tcp of container " + name
                        + " is not published (or it does not run)", null);
            }
            return Integer.parseInt(bindings.getFirst().hostPort());
        });
    }

    /**
     * The container's IPv4 address on its network (the default bridge's, else its first network's), or ""
     * when it has none (network {@code none} or {@code host}, or it does not run).
     */
    public String ipAddress() throws IOException {
        return Errors.call(() -> {
            Map<String, Object> settings = engine().inspect(id).networkSettings();
            Object address = settings == null ? null : settings.get("IPAddress");
            if (address instanceof String text && !text.isEmpty()) {
                return text;
            }
            if (settings != null && settings.get("Networks") instanceof Map<?, ?> networks) {
                for (Object endpoint : networks.values()) {
                    if (endpoint instanceof Map<?, ?> fields && fields.get("IPAddress") instanceof String text
                            && !text.isEmpty()) {
                        return text;
                    }
                }
            }
            return "";
        });
    }

    static ContainerInfo info(ContainerRecord record) {
        ContainerState state = record.state();
        ContainerStatus status = switch (state.status()) {
            case CREATED -> ContainerStatus.CREATED;
            case RUNNING -> ContainerStatus.RUNNING;
            case PAUSED -> ContainerStatus.PAUSED;
            case RESTARTING -> ContainerStatus.RESTARTING;
            case EXITED -> ContainerStatus.EXITED;
            case REMOVING -> ContainerStatus.REMOVING;
            case DEAD -> ContainerStatus.DEAD;
        };
        Map<String, String> labels = record.config().labels() == null ? Map.of() : record.config().labels();
        return new ContainerInfo(record.id(), record.name().substring(1), record.config().image(), record.image(),
                status, state.exitCode(), state.running() ? state.pid() : 0, time(record.created()),
                time(state.startedAt()), time(state.finishedAt()), state.error(), labels);
    }

    /** An RFC 3339 time of a record, or null for Go's zero time (never). */
    private static Instant time(String text) {
        if (text == null || text.isEmpty() || text.equals(Timestamps.ZERO)) {
            return null;
        }
        return Timestamps.parse(text);
    }

    // ---- logs ----

    /**
     * Its log so far, stdout and stderr in the order written. Close the stream (try-with-resources) if
     * it is not read to its end.
     */
    public Stream<LogLine> logs() throws IOException {
        return Errors.call(() -> new LogFollower(engine(), engine().store().resolve(id), false).stream());
    }

    /**
     * Its log from the start and, as it comes, what it writes next, until the container stops. Close the
     * stream to stop following.
     */
    public Stream<LogLine> followLogs() throws IOException {
        return Errors.call(() -> new LogFollower(engine(), engine().store().resolve(id), true).stream());
    }

    // ---- commands and files ----

    /**
     * Runs {@code command} in the container (its environment, user and working directory) and waits for
     * it; returns its exit code and what it wrote. For long output, use
     * {@link #exec(List, OutputStream, OutputStream)}.
     *
     * @throws ConflictException    when the container is not running
     * @throws UnavailableException when the command cannot be run (not found: the message says so)
     */
    public ExecResult exec(String... command) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = exec(List.of(command), out, err);
        return new ExecResult(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs {@code command} in the container, its output streamed to {@code stdout} and {@code stderr}; its exit code. */
    public int exec(List<String> command, OutputStream stdout, OutputStream stderr) throws IOException {
        return Errors.call(() -> engine().exec(id, new ExecOptions(command, false, false, null, null, List.of(), false),
                Attach.streams(null, stdout, stderr)));
    }

    /**
     * Copies the host file or directory {@code hostPath} into the container, as {@code strata cp}: to
     * {@code containerPath} if that does not exist (its parent must), into it if it is a directory.
     * Owners become root's, as docker cp makes them.
     *
     * @throws NotFoundException when the parent of {@code containerPath} does not exist
     */
    public void copyTo(Path hostPath, String containerPath) throws IOException {
        if (!Files.exists(hostPath, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new java.nio.file.NoSuchFileException(hostPath.toString());
        }
        Errors.run(() -> engine().copyTo(hostPath, hostPath.toString(), id, containerPath, false, false));
    }

    /**
     * Copies the file or directory {@code containerPath} out of the container, as {@code strata cp}: to
     * {@code hostPath} if that does not exist (its parent must), into it if it is a directory.
     *
     * @throws NotFoundException when {@code containerPath} does not exist in the container
     */
    public void copyFrom(String containerPath, Path hostPath) throws IOException {
        Errors.run(() -> engine().copyFrom(id, containerPath, hostPath, hostPath.toString(), false));
    }

    /**
     * A new image of the container's changes on top of its image, tagged {@code reference} (untagged when
     * it is null), with Dockerfile instructions applied to its config ({@code CMD ["httpd"]},
     * {@code ENV K=V} …). The config is otherwise the container's. A running container is paused while
     * its changes are read.
     *
     * @throws InvalidInputException when a change is not an instruction commit accepts, or the reference is not one
     */
    public Image commit(String reference, String... changes) throws IOException {
        return Errors.call(() -> owner.images().image(engine().commit(id,
                new CommitOptions(reference, null, null, List.of(changes), true))));
    }

    // ---- waiting ----

    /**
     * Blocks until {@code condition} holds.
     *
     * @throws WaitTimeoutException when it does not hold within its timeout
     * @throws ConflictException    when the container stops first (its exit code in the message)
     */
    public void waitFor(Wait condition) throws IOException {
        long deadline = System.nanoTime() + condition.timeout().toNanos();
        Errors.run(() -> {
            switch (condition.kind()) {
                case LOG_LINE -> awaitLogLine(condition, deadline);
                case LISTENING_PORT -> poll(condition, deadline, () -> ListeningPorts.listens(pid(), condition.port()));
                case COMMAND -> poll(condition, deadline, () -> exec(condition.command().toArray(String[]::new)).succeeded());
                case HEALTH_CHECK -> {
                    List<String> check = healthCheck();
                    poll(condition, deadline, () -> exec(check.toArray(String[]::new)).succeeded());
                }
            }
        });
    }

    private void awaitLogLine(Wait condition, long deadline) throws IOException {
        try (LogFollower lines = new LogFollower(engine(), id, true)) {
            while (true) {
                LogLine line;
                try {
                    line = lines.next(Math.max(0, deadline - System.nanoTime()));
                } catch (TimeoutException e) {
                    throw timedOut(condition);
                }
                if (line == null) {
                    throw exitedBefore(condition);
                }
                if (condition.pattern().matcher(line.text()).find()) {
                    return;
                }
            }
        }
    }

    @FunctionalInterface
    private interface Probe {
        boolean holds() throws IOException;
    }

    /**
     * Tries {@code probe} until it holds: at once, then after 50 ms, doubling up to a second between
     * tries, so a quick service is seen quickly and a slow one is not asked a hundred times a second.
     */
    private void poll(Wait condition, long deadline, Probe probe) throws IOException {
        long pause = POLL_MILLIS;
        while (true) {
            if (!inspect().running()) {
                throw exitedBefore(condition);
            }
            try {
                if (probe.holds()) {
                    return;
                }
            } catch (ConflictException stoppedMeanwhile) {
                throw exitedBefore(condition);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw timedOut(condition);
            }
            sleep(Math.min(pause, TimeUnit.NANOSECONDS.toMillis(left) + 1));
            pause = Math.min(pause * 2, 1_000);
        }
    }

    private int pid() throws IOException {
        return engine().refresh(id).state().pid();
    }

    /** The image's HEALTHCHECK as a command to exec. */
    private List<String> healthCheck() throws IOException {
        var health = engine().refresh(id).config().healthcheck();
        List<String> test = health == null || health.test() == null ? List.of() : health.test();
        if (test.size() >= 2 && test.getFirst().equals("CMD-SHELL")) {
            return List.of("/bin/sh", "-c", test.get(1));
        }
        if (test.size() >= 2 && test.getFirst().equals("CMD")) {
            return test.subList(1, test.size());
        }
        throw new InvalidInputException("container " + name + " has no health check: its image has no HEALTHCHECK"
                + " (or HEALTHCHECK NONE); wait for a log line, a port or a command instead", null);
    }

    private WaitTimeoutException timedOut(Wait condition) {
        return new WaitTimeoutException("container " + name + ": gave up waiting for " + condition, condition.timeout());
    }

    private ConflictException exitedBefore(Wait condition) throws IOException {
        ContainerInfo info = inspect();
        return new ConflictException("container " + name + " stopped (exit code " + info.exitCode()
                + ") before " + condition, null);
    }

    /** Blocks until the container's process exits; its exit code (Docker's 128 + N after signal N). */
    public int waitForExit() throws IOException {
        return Errors.call(() -> await(exit));
    }

    /**
     * {@link #waitForExit()}, at most {@code timeout}.
     *
     * @throws WaitTimeoutException when it is still running after {@code timeout}
     */
    public int waitForExit(Duration timeout) throws IOException {
        try {
            exit.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new WaitTimeoutException("container " + name + " still runs after " + timeout, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for container " + name);
        } catch (ExecutionException failed) {
            // await throws it as the API's
        }
        return Errors.call(() -> await(exit));
    }

    /** The future's value, waiting for it; its failure thrown as the API's. */
    private static <T> T await(CompletableFuture<T> future) throws IOException {
        try {
            return Waits.get(future::get, "interrupted while waiting for a container");
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case IOException io -> throw io;
                case java.io.UncheckedIOException io -> throw io.getCause();
                case RuntimeException runtime -> throw Errors.translate(runtime);
                case Error error -> throw error;
                default -> throw new IOException(e.getCause());
            }
        }
    }

    // ---- stopping ----

    /** Stops the container as {@code strata stop}: its stop signal (SIGTERM unless the image says), then SIGKILL after 10 seconds. */
    public void stop() throws IOException {
        Errors.run(() -> engine().stop(id, null));
        awaitWatcher();
    }

    /** {@link #stop()}, with SIGKILL after {@code timeout} (at once for zero). */
    public void stop(Duration timeout) throws IOException {
        Errors.run(() -> engine().stop(id, Math.toIntExact(timeout.toSeconds())));
        awaitWatcher();
    }

    /** Once the process has stopped, the watcher records its exit and ends: wait for that. */
    private void awaitWatcher() throws IOException {
        try {
            await(exit);
        } catch (IOException | RuntimeException failedToStart) {
            // reported by start
        }
    }

    /**
     * Removes the container, killing it first if it runs, with its file system and log. A container
     * already removed (by another process too) is no error; a second call does nothing.
     */
    @Override
    public void close() throws IOException {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            Errors.run(() -> {
                try {
                    engine().remove(id, true, false);
                } catch (NoSuchContainerException gone) {
                    // removed already
                }
            });
            if (watcher != null) {
                watcher.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while removing container " + name);
        } finally {
            owner.forget(this);
        }
    }

    private static void sleep(long millis) throws InterruptedIOException {
        Waits.run(() -> Thread.sleep(millis), "interrupted while waiting");
    }

    @Override
    public String toString() {
        return "Container[" + name + " " + id.substring(0, 12) + "]";
    }
}
