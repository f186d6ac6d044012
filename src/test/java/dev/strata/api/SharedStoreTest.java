package dev.strata.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The CLI and the daemon on one store at once: what {@code strata} starts, {@code docker} sees, reads
 * and stops through the daemon, and the other way round. Both are the same engine over the same records.
 */
@Tag("integration")
class SharedStoreTest {
    private static TestDaemon daemon;

    @BeforeAll
    static void startDaemon() throws Exception {
        daemon = TestDaemon.shared();
    }

    private record Cli(int exit, String out, String err) {
    }

    private static Cli strata(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 2];
        all[0] = "--root";
        all[1] = daemon.root.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        int exit = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(new byte[0]), Map.of("PATH", System.getenv("PATH")), all);
        return new Cli(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static TestDaemon.Run docker(String... args) throws Exception {
        return daemon.docker("/usr/local/bin/docker", args);
    }

    private static String unique() {
        return TestDaemon.unique();
    }

    @Test
    void dockerSeesReadsAndStopsWhatTheCliStarted() throws Exception {
        String name = unique();
        Cli run = strata("run", "-d", "--name", name, TestDaemon.IMAGE, "sh", "-c", "echo from the cli; exec sleep 60");
        assertThat(run.exit()).as(run.err()).isZero();
        String id = run.out().strip();
        assertThat(docker("ps", "--no-trunc", "--format", "{{.ID}} {{.Names}}").out()).contains(id + " " + name);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!docker("logs", name).out().equals("from the cli\n")) {
            assertThat(System.nanoTime()).as("the log reaches docker logs").isLessThan(deadline);
            Thread.sleep(100);
        }
        assertThat(docker("exec", name, "echo", "exec through the daemon").out()).isEqualTo("exec through the daemon\n");
        assertThat(docker("stop", "-t", "1", name).exit()).isZero();
        assertThat(strata("ps", "-a", "--format", "{{.Names}} {{.State}}").out()).contains(name + " exited");
        assertThat(docker("rm", name).exit()).isZero();
        assertThat(strata("ps", "-a", "--format", "{{.Names}}").out()).doesNotContain(name);
    }

    @Test
    void theCliSeesReadsAndStopsWhatTheDaemonStarted() throws Exception {
        String name = unique();
        TestDaemon.Run run = docker("run", "-d", "--name", name, TestDaemon.IMAGE, "sh", "-c",
                "echo from the daemon; exec sleep 60");
        assertThat(run.exit()).as(run.all()).isZero();
        assertThat(strata("ps", "--format", "{{.Names}} {{.State}}").out()).contains(name + " running");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!strata("logs", name).out().equals("from the daemon\n")) {
            assertThat(System.nanoTime()).as("the log reaches strata logs").isLessThan(deadline);
            Thread.sleep(100);
        }
        Cli exec = strata("exec", name, "echo", "exec through the cli");
        assertThat(exec.out()).as(exec.err()).isEqualTo("exec through the cli\n");
        assertThat(strata("stop", "-t", "1", name).exit()).isZero();
        assertThat(docker("inspect", "-f", "{{.State.Status}}", name).out()).isEqualTo("exited\n");
        assertThat(strata("rm", name).exit()).isZero();
        assertThat(docker("ps", "-a", "--format", "{{.Names}}").out()).doesNotContain(name);
    }
}
