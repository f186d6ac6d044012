package dev.strata.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code strata daemon -H fd://} as systemd starts it (systemd/strata.socket and strata.service): the
 * listening socket arrives on standard input. Here python binds and listens, puts the socket on fd 0
 * and becomes the daemon's JVM, as systemd with {@code StandardInput=socket} would; the docker client
 * then talks to the socket's path. The unit files name that command line.
 */
@Tag("integration")
class SocketActivationTest {
    @TempDir
    Path dir;

    @Test
    void aListeningSocketOnStandardInputIsServed() throws Exception {
        Path socket = dir.resolve("activated.sock");
        String launcher = """
                import os, socket, sys
                s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                s.bind(sys.argv[1])
                s.listen(16)
                os.dup2(s.fileno(), 0)
                os.execv(sys.argv[2], sys.argv[2:])
                """;
        List<String> command = new java.util.ArrayList<>(List.of("python3", "-c", launcher, socket.toString()));
        command.addAll(TestDaemon.command("daemon", "-H", "fd://", "--root", dir.resolve("root").toString()));
        Process daemon = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(dir.resolve("daemon.log").toFile()).start();
        try {
            // the socket exists before the JVM starts, as systemd's does: a client may connect at once
            // and wait while the daemon comes up
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!Files.exists(socket)) {
                assertThat(System.nanoTime()).as("python made the socket").isLessThan(deadline);
                Thread.sleep(20);
            }
            Process client = new ProcessBuilder("/usr/local/bin/docker", "-H", "unix://" + socket, "version",
                    "--format", "{{.Server.Version}}").redirectErrorStream(true).start();
            assertThat(client.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String out = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(out).as(log()).isEqualTo(Daemon.REPORTED_VERSION + "\n");
            assertThat(client.exitValue()).isZero();
        } finally {
            daemon.destroy();
            if (!daemon.waitFor(30, TimeUnit.SECONDS)) {
                daemon.destroyForcibly().waitFor();
            }
        }
        assertThat(daemon.exitValue()).as(log()).isIn(0, 143);
        assertThat(Files.readAllLines(Path.of("systemd/strata.service")))
                .anyMatch(line -> line.startsWith("ExecStart=") && line.contains("daemon -H fd://"))
                .contains("StandardInput=socket");
        assertThat(Files.readAllLines(Path.of("systemd/strata.socket"))).contains("ListenStream=/run/strata.sock",
                "Accept=no");
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("daemon.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
