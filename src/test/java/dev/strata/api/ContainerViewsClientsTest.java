package dev.strata.api;

import static dev.strata.api.TestDaemon.IMAGE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.go.Units;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the docker clients read about containers from Strata's daemon beyond their records: sizes
 * ({@code ps --size}, {@code inspect --size}), live statistics ({@code stats}) and health in the status.
 */
@Tag("integration")
class ContainerViewsClientsTest {
    private static TestDaemon daemon;

    @BeforeAll
    static void startDaemon() throws Exception {
        daemon = TestDaemon.shared();
    }

    static Stream<String> clients() {
        return DockerClientsTest.clients();
    }

    @ParameterizedTest
    @MethodSource("clients")
    void sizesOfTheWritableLayerAndTheImage(String client) throws Exception {
        String name = TestDaemon.unique();
        daemon.ok(client, "run", "--name", name, IMAGE, "sh", "-c", "dd if=/dev/zero of=/tmp/f bs=1024 count=1024");
        long image = Long.parseLong(daemon.ok(client, "image", "inspect", "-f", "{{.Size}}", IMAGE).out().strip());
        assertThat(daemon.ok(client, "inspect", "-s", "-f", "{{.SizeRw}} {{.SizeRootFs}}", name).out())
                .isEqualTo("1048576 " + (image + 1048576) + "\n");
        assertThat(daemon.ok(client, "ps", "-a", "--size", "--filter", "name=" + name, "--format", "{{.Size}}").out())
                .isEqualTo("1.05MB (virtual " + Units.humanSize(image + 1048576) + ")\n");
        // not asked for: no sizes from the daemon, "0B" in the row (the 20.10 client asks whenever the
        // template reads .Size, --size=false or not)
        String unasked = daemon.ok(client, "ps", "-a", "--size=false", "--filter", "name=" + name, "--format",
                "{{.Size}}").out();
        assertThat(unasked).isEqualTo(client.equals("/usr/local/bin/docker") ? "0B\n"
                : "1.05MB (virtual " + Units.humanSize(image + 1048576) + ")\n");
        daemon.ok(client, "rm", name);
    }
}
