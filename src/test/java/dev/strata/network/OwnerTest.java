package dev.strata.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** An owner is alive while its process runs: not once it has exited, even while it waits to be reaped. */
class OwnerTest {
    @Test
    void thisProcessIsAliveAndAnotherStartTimeIsNot() {
        long pid = ProcessHandle.current().pid();
        long started = ProcessHandle.current().info().startInstant().orElseThrow().toEpochMilli();
        assertThat(new Owner(pid, started).alive()).isTrue();
        assertThat(new Owner(pid, started - 60_000).alive()).isFalse();
        assertThat(new Owner(0, 0).alive()).isFalse();
    }

    @Test
    void anExitedProcessNobodyReapsIsNotAlive() throws Exception {
        // the child exits once its parent has become a sleep, which never reaps it: a zombie (had it exited
        // at once, the shell could reap it before its exec, as it did on a loaded machine)
        Process parent = new ProcessBuilder("sh", "-c", "sh -c 'sleep 0.5; exit 0' & echo $!; exec sleep 5").start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
            long child = Long.parseLong(out.readLine().strip());
            Path stat = Path.of("/proc/" + child + "/stat");
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!Files.readString(stat).contains(") Z ") && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(Files.readString(stat)).contains(") Z ");
            assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive)).as("what the JDK says").contains(true);
            assertThat(new Owner(child, 0).alive()).isFalse();
        } finally {
            parent.destroyForcibly();
        }
    }
}
