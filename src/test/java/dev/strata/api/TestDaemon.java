package dev.strata.api;

import dev.strata.container.BusyboxImage;
import dev.strata.engine.Engine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Strata daemon for the API's integration tests, in a process of its own (as users run it: its JVM
 * becomes the reaper of the terminal containers it runs, which the test JVM, where other tests kill
 * monitors on purpose, must not become), on a socket under a temporary directory, with a store of its
 * own holding {@link #IMAGE} (busybox) and the test JVM's bridge for its containers. Started once for
 * every test class that asks, stopped (its containers with it) and deleted when the test JVM ends.
 */
final class TestDaemon {
    static final String IMAGE = "dmn-busybox:latest";

    private static TestDaemon shared;

    final Path dir;
    final Path socket;
    final Path root;
    final Process process;

    private TestDaemon(Path dir, String... daemonFlags) throws Exception {
        this.dir = dir;
        this.socket = dir.resolve("strata.sock");
        this.root = dir.resolve("root");
        try (Engine engine = Engine.open(root)) {
            BusyboxImage.importInto(engine, BusyboxImage.buildRoot(dir.resolve("busybox")));
            engine.names().tag(BusyboxImage.REFERENCE, IMAGE);
            engine.removal().removeImage(BusyboxImage.REFERENCE, false, false);
        }
        List<String> args = new ArrayList<>(List.of("daemon", "-H", "unix://" + socket, "--root", root.toString()));
        args.addAll(List.of(daemonFlags));
        ProcessBuilder builder = new ProcessBuilder(command(args.toArray(String[]::new)))
                .redirectErrorStream(true).redirectOutput(dir.resolve("daemon.log").toFile());
        builder.environment().clear();
        // the registry settings of a config directory of its own, never the machine's
        builder.environment().putAll(dev.strata.testing.TestBridge.with(Map.of("HOME", dir.toString(),
                "STRATA_CONFIG", dir.resolve("strata-config").toString())));
        process = builder.start();
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (RawHttp.requestQuietly(socket, "/_ping") != 200) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IOException("strata daemon did not start: " + log());
            }
            Thread.sleep(50);
        }
    }

    /** {@code strata ARGS} as a command line of this test JVM's Java and class path. */
    static List<String> command(String... args) {
        List<String> out = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), "dev.strata.cli.Main"));
        out.addAll(List.of(args));
        return out;
    }

    static synchronized TestDaemon shared() throws Exception {
        if (shared == null) {
            Path dir = Files.createTempDirectory("dmn-daemon-");
            shared = new TestDaemon(dir);
            TestDaemon started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop));
        }
        return shared;
    }

    /**
     * A daemon of a test's own in {@code dir}, started with {@code daemonFlags}, for tests that need
     * settings the shared one does not have; {@link #stop} it when done.
     */
    static TestDaemon dedicated(Path dir, String... daemonFlags) throws Exception {
        return new TestDaemon(dir, daemonFlags);
    }

    /** What the daemon printed. */
    String log() {
        try {
            return Files.readString(dir.resolve("daemon.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    String dockerHost() {
        return "unix://" + socket;
    }

    void stop() {
        // what the tests left: removed through the daemon, so no root file system stays mounted and no
        // network namespace stays bound under the directory deleted below
        try {
            List<String> left = ok("/usr/local/bin/docker", "ps", "-aq").out().lines().toList();
            if (!left.isEmpty()) {
                List<String> rm = new ArrayList<>(List.of("/usr/local/bin/docker", "rm", "-f"));
                rm.addAll(left);
                client(rm);
            }
        } catch (IOException | InterruptedException | AssertionError e) {
            // the daemon is gone already; its containers went with it
        }
        // SIGTERM: the daemon stops the containers it runs, then exits
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind
        }
    }

    /** What a client process printed and exited with. */
    record Run(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    /** Runs {@code command} with DOCKER_HOST at this daemon, {@code stdin} (may be null) as its input. */
    Run client(byte[] stdin, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.put("DOCKER_HOST", dockerHost());
        env.remove("DOCKER_CONTEXT");
        env.put("DOCKER_CONFIG", dir.resolve("docker-config").toString());
        Process process = builder.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread outReader = copy(process.getInputStream(), out);
        Thread errReader = copy(process.getErrorStream(), err);
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin);
            }
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + command + "\n" + out + err);
        }
        outReader.join();
        errReader.join();
        return new Run(process.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Run client(List<String> command) throws IOException, InterruptedException {
        return client(null, command);
    }

    private static Thread copy(InputStream in, OutputStream out) {
        return Thread.ofVirtual().start(() -> {
            try (in) {
                in.transferTo(out);
            } catch (IOException ignored) {
                // the process ended
            }
        });
    }

    /** A name no other test, run or agent uses: the branch's prefix and a random part. */
    static String unique() {
        return "dmn-" + java.util.HexFormat.of().toHexDigits(java.util.concurrent.ThreadLocalRandom.current().nextInt());
    }

    /** The docker client {@code client} run with {@code args} against this daemon. */
    Run docker(String client, String... args) throws IOException, InterruptedException {
        return client(args(client, args));
    }

    /** The same, which must exit 0 (the assertion shows what it printed). */
    Run ok(String client, String... args) throws IOException, InterruptedException {
        Run run = docker(client, args);
        org.assertj.core.api.Assertions.assertThat(run.exit())
                .as("docker %s: %s", String.join(" ", args), run.all()).isZero();
        return run;
    }

    static List<String> args(String first, String... rest) {
        List<String> out = new ArrayList<>();
        out.add(first);
        out.addAll(List.of(rest));
        return out;
    }
}
