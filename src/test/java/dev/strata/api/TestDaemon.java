package dev.strata.api;

import dev.strata.api.http.Listen;
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
 * One Strata daemon for the API's integration tests, started in the test JVM on a socket under a
 * temporary directory, with a store of its own holding {@link #IMAGE} (busybox). Started once for every
 * test class that asks, stopped (its containers with it) and deleted when the JVM ends.
 */
final class TestDaemon {
    static final String IMAGE = "dmn-busybox:latest";

    private static TestDaemon shared;

    final Path dir;
    final Path socket;
    final Path root;
    final Daemon daemon;
    final ByteArrayOutputStream log = new ByteArrayOutputStream();

    private TestDaemon(Path dir) throws Exception {
        this.dir = dir;
        this.socket = dir.resolve("strata.sock");
        this.root = dir.resolve("root");
        try (Engine engine = Engine.open(root)) {
            BusyboxImage.importInto(engine, BusyboxImage.buildRoot(dir.resolve("busybox")));
            engine.names().tag(BusyboxImage.REFERENCE, IMAGE);
            engine.removal().removeImage(BusyboxImage.REFERENCE, false, false);
        }
        PrintStream logStream = new PrintStream(log, true, StandardCharsets.UTF_8);
        // the registry settings of a config directory of its own, never the machine's
        Map<String, String> env = Map.of("PATH", System.getenv("PATH"), "HOME", dir.toString(),
                "STRATA_CONFIG", dir.resolve("strata-config").toString());
        this.daemon = Daemon.start(new Daemon.Options(List.of(new Listen.Unix(socket)), root, null, env), logStream);
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

    String dockerHost() {
        return "unix://" + socket;
    }

    private void stop() {
        try {
            daemon.close();
        } catch (IOException e) {
            // the JVM is ending
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
