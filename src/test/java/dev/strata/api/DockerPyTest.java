package dev.strata.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Debian's docker-py (python3-docker 5.0.3, installed by scripts/peers) runs a smoke test of images,
 * containers, exec, logs and stats against Strata's daemon: {@code docker_py_smoke.py} beside this class.
 */
@Tag("integration")
class DockerPyTest {
    @Test
    void dockerPyDrivesImagesContainersExecAndLogs() throws Exception {
        TestDaemon daemon = TestDaemon.shared();
        Path script = daemon.dir.resolve("docker_py_smoke.py");
        try (var in = DockerPyTest.class.getResourceAsStream("docker_py_smoke.py")) {
            Files.copy(in, script);
        }
        TestDaemon.Run run = daemon.client(TestDaemon.args("/usr/bin/python3", script.toString(), TestDaemon.IMAGE));
        assertThat(run.exit()).as(run.all()).isZero();
        assertThat(run.out()).contains("ok exec_run demux").endsWith("docker-py smoke test passed\n");
    }
}
