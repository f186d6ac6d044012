package dev.strata.container;

import dev.strata.image.HealthConfig;
import dev.strata.image.Timestamps;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The health check of a running container, run by its watcher (the monitor, or an attached {@code run}):
 * every Interval (30 s by default) the Test is exec'd in the container ({@code CMD} as words,
 * {@code CMD-SHELL} through {@code /bin/sh -c}) with Timeout (30 s), and {@link ContainerHealth} is
 * brought up to date. Closing it ends the checks; the last health stays for {@code inspect}.
 */
final class HealthProbe implements AutoCloseable {
    private static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final int DEFAULT_RETRIES = 3;
    /** Docker keeps at most this much of a probe's output. */
    private static final int MAX_OUTPUT = 4096;

    private final Thread thread;

    private HealthProbe(Thread thread) {
        this.thread = thread;
    }

    /** The words the Test runs, or null when there is no check (none, or {@code NONE}). */
    static List<String> command(HealthConfig check) {
        if (check == null || check.test() == null || check.test().isEmpty()) {
            return null;
        }
        List<String> test = check.test();
        return switch (test.getFirst()) {
            case "CMD" -> test.size() > 1 ? List.copyOf(test.subList(1, test.size())) : null;
            case "CMD-SHELL" -> test.size() > 1 ? List.of("/bin/sh", "-c", test.get(1)) : null;
            default -> null; // NONE, or a form Docker would not run either
        };
    }

    /** Starts the checks of {@code record}'s container, which has just started; null if it has none. */
    static HealthProbe start(Containers containers, ContainerRecord record, Path dir) throws IOException {
        HealthConfig check = record.config().healthcheck();
        List<String> command = command(check);
        if (command == null) {
            return null;
        }
        ContainerHealth.starting().write(dir);
        Duration interval = check.interval() > 0 ? Duration.ofNanos(check.interval()) : DEFAULT_INTERVAL;
        Duration timeout = check.timeout() > 0 ? Duration.ofNanos(check.timeout()) : DEFAULT_TIMEOUT;
        Duration startPeriod = Duration.ofNanos(Math.max(0, check.startPeriod()));
        int retries = check.retries() > 0 ? check.retries() : DEFAULT_RETRIES;
        long startedAt = System.nanoTime();
        Thread thread = Thread.ofVirtual().name("health " + record.shortId()).start(() -> {
            ContainerHealth health = ContainerHealth.starting();
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(interval);
                    ContainerHealth.Probe probe = probe(containers, record.id(), command, timeout);
                    boolean inStartPeriod = System.nanoTime() - startedAt < startPeriod.toNanos();
                    health = health.after(probe, inStartPeriod, retries);
                    health.write(dir);
                }
            } catch (InterruptedException | java.io.InterruptedIOException stopped) {
                // the container has exited
            } catch (IOException e) {
                System.err.println("health check of " + record.id() + " stopped: " + e.getMessage());
            }
        });
        return new HealthProbe(thread);
    }

    private static ContainerHealth.Probe probe(Containers containers, String id, List<String> command, Duration timeout)
            throws InterruptedException {
        String start = Timestamps.now();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        FutureTask<Integer> exec = new FutureTask<>(() -> containers.exec(id,
                new ExecOptions(command, false, false, null, null, List.of(), false),
                Attach.streams(null, output, output)));
        Thread.ofVirtual().start(exec);
        int code;
        String text;
        try {
            code = exec.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            text = output.toString(StandardCharsets.UTF_8);
        } catch (TimeoutException e) {
            exec.cancel(true);
            code = -1;
            text = "Health check exceeded timeout (" + dev.strata.go.Durations.format(timeout) + ")";
        } catch (ExecutionException e) {
            code = -1;
            text = String.valueOf(e.getCause().getMessage());
        }
        if (text.length() > MAX_OUTPUT) {
            text = text.substring(0, MAX_OUTPUT);
        }
        return new ContainerHealth.Probe(start, Timestamps.now(), code, text);
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
