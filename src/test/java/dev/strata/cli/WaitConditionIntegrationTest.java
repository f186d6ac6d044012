package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.container.BusyboxImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wait --condition}: a {@code strata wait} process of its own blocks while this test, as another
 * process would, stops, starts and removes the containers it waits for; it must still be waiting until
 * the condition holds, then print each exit code in the order the containers were named.
 */
@Tag("integration")
class WaitConditionIntegrationTest {
    @TempDir
    static Path root;
    @TempDir
    static Path scratch;
    private static final String TAG = BusyboxImage.uniqueTag("podtools");
    private static final String IMAGE = "podtools-test/busybox:" + TAG;

    @BeforeAll
    static void image() throws IOException {
        ok("import", BusyboxImage.tar(scratch).toString(), IMAGE);
    }

    @AfterAll
    static void cleanUp() {
        for (String id : CliRun.run(root, "ps", "-aq").out().lines().toList()) {
            CliRun.run(root, "rm", "-f", id);
        }
    }

    private static CliRun ok(String... args) {
        CliRun run = CliRun.run(root, args);
        assertThat(run.exitCode()).as(String.join(" ", args) + ": " + run.err()).isZero();
        return run;
    }

    /** {@code strata wait ARGS} in a process of its own, its output gathered as it comes. */
    private record Waiter(Process process, ByteArrayOutputStream out, Thread reader) {
        static Waiter start(String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                    "dev.strata.cli.Main", "--root", root.toString(), "wait"));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(dev.strata.testing.TestBridge.ENV);
            Process process = builder.start();
            process.getOutputStream().close();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Thread reader = Thread.ofVirtual().start(() -> {
                try (InputStream in = process.getInputStream()) {
                    byte[] buffer = new byte[256];
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        synchronized (out) {
                            out.write(buffer, 0, n);
                        }
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
            });
            return new Waiter(process, out, reader);
        }

        String soFar() {
            synchronized (out) {
                return out.toString(StandardCharsets.UTF_8);
            }
        }

        /** Still waiting two seconds on, having printed only {@code printed}. */
        void stillWaiting(String printed) throws InterruptedException {
            assertThat(process.waitFor(2, TimeUnit.SECONDS)).as("exited early: " + soFar()).isFalse();
            assertThat(soFar()).isEqualTo(printed);
        }

        /** The exit status and all it printed, once it ends. */
        String finish() throws InterruptedException {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("still waiting: " + soFar()).isTrue();
            reader.join();
            return process.exitValue() + "\n" + soFar();
        }
    }

    @Test
    void notRunningPrintsEachCodeInTheOrderGiven() throws Exception {
        ok("run", "-d", "--name", TAG + "-sleeper", "--network", "none", IMAGE, "sleep", "60");
        ok("run", "-d", "--name", TAG + "-three", "--network", "none", IMAGE, "sh", "-c", "sleep 1; exit 3");
        ok("create", "--name", TAG + "-created", "--network", "none", IMAGE, "true");
        Waiter waiter = Waiter.start(TAG + "-sleeper", TAG + "-three", TAG + "-created");
        // -three exits after a second, but -sleeper's code comes first
        waiter.stillWaiting("");
        ok("stop", "-t", "1", TAG + "-sleeper");
        assertThat(waiter.finish()).isEqualTo("0\n137\n3\n0\n");
        // the default is not-running: a stopped container's code at once
        assertThat(ok("wait", "--condition", "not-running", TAG + "-three").out()).isEqualTo("3\n");
    }

    @Test
    void nextExitWaitsForTheContainerToRunAndExitAgain() throws Exception {
        String name = TAG + "-twice";
        CliRun first = CliRun.run(root, "run", "--name", name, "--network", "none", IMAGE, "sh", "-c",
                "test -f /ran && exit 7; touch /ran; exit 5");
        assertThat(first.exitCode()).isEqualTo(5);
        Waiter waiter = Waiter.start("--condition", "next-exit", name);
        waiter.stillWaiting("");
        ok("start", name);
        assertThat(waiter.finish()).isEqualTo("0\n7\n");
    }

    @Test
    void removedWaitsPastTheStopForTheRm() throws Exception {
        String name = TAG + "-removed";
        ok("run", "-d", "--name", name, "--network", "none", IMAGE, "sleep", "60");
        Waiter waiter = Waiter.start("--condition", "removed", name);
        waiter.stillWaiting("");
        ok("stop", "-t", "1", name);
        waiter.stillWaiting("");
        ok("rm", name);
        assertThat(waiter.finish()).isEqualTo("0\n137\n");
    }

    @Test
    void refusals() {
        // the Engine API's words for a condition it does not know (a 400 from POST /containers/{id}/wait)
        CliRun bad = CliRun.run(root, "wait", "--condition", "sometime", "nosuch");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).isEqualTo("Error: invalid condition: \"sometime\"\n");
        CliRun missing = CliRun.run(root, "wait", "--condition", "removed", TAG + "-nosuch");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("Error: No such container: " + TAG + "-nosuch\n");
        CliRun noArgs = CliRun.run(root, "wait", "--condition", "removed");
        assertThat(noArgs.exitCode()).isEqualTo(1);
        assertThat(noArgs.err()).startsWith("strata: 'strata wait' requires at least 1 argument\n");
    }
}
