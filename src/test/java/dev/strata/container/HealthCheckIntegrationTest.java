package dev.strata.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.image.HealthConfig;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Health checks run by the container's monitor through exec, with real runc: the status in {@code ps}
 * flips from starting to healthy to unhealthy and back as the probe's file comes and goes.
 */
@Tag("integration")
class HealthCheckIntegrationTest {
    @RegisterExtension
    static final ContainerTestBed BED = new ContainerTestBed("lifecycle-health-it-");

    private static final long MILLIS = 1_000_000L;

    private static String psStatus(String id) throws Exception {
        return BED.containers().list(false, true).stream().filter(row -> id.startsWith(row.id())).findFirst()
                .orElseThrow().status();
    }

    private static String awaitStatus(String id, Predicate<String> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            String status = psStatus(id);
            if (condition.test(status)) {
                return status;
            }
            assertThat(System.nanoTime()).as("ps status of %s, last %s", id, status).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    void psFlipsBetweenHealthyAndUnhealthyAsTheProbeDoes() throws Exception {
        String id = BED.containers().runDetached(CreateOptions.image(BusyboxImage.REFERENCE).detach(true)
                .health(new HealthConfig(List.of("CMD-SHELL", "cat /tmp/ok"), 200 * MILLIS, 2_000 * MILLIS, 0, 0, 2))
                .command("sh", "-c", "echo fine > /tmp/ok; exec sleep 60").build());
        assertThat(psStatus(id)).matches("Up .* \\(health: starting\\)");

        awaitStatus(id, s -> s.endsWith("(healthy)"));
        ContainerJson.State state = BED.containers().inspect(id).state();
        assertThat(state.health().status()).isEqualTo("healthy");
        assertThat(state.health().failingStreak()).isZero();
        assertThat(state.health().log()).isNotEmpty().last().satisfies(probe -> {
            assertThat(probe.exitCode()).isZero();
            assertThat(probe.output()).isEqualTo("fine\n");
        });

        BED.containers().exec(id, ExecOptions.of("rm", "/tmp/ok"), Attach.none());
        awaitStatus(id, s -> s.endsWith("(unhealthy)"));
        ContainerHealth unhealthy = BED.containers().inspect(id).state().health();
        assertThat(unhealthy.failingStreak()).isGreaterThanOrEqualTo(2);
        assertThat(unhealthy.log().getLast().exitCode()).isEqualTo(1);

        BED.containers().exec(id, ExecOptions.of("touch", "/tmp/ok"), Attach.none());
        awaitStatus(id, s -> s.endsWith("(healthy)"));
        assertThat(BED.containers().inspect(id).state().health().failingStreak()).isZero();
    }

    @Test
    void theImagesCheckIsTurnedOffByNoHealthcheckAndAContainerWithoutOneShowsNoHealth() throws Exception {
        String id = BED.containers().runDetached(CreateOptions.image(BusyboxImage.REFERENCE).detach(true)
                .health(new HealthConfig(List.of("NONE"), 0, 0, 0, 0, 0)).command("sleep", "60").build());

        Thread.sleep(300);
        assertThat(psStatus(id)).matches("Up [^(]*");
        assertThat(BED.containers().inspect(id).state().health()).isNull();
    }

    @Test
    void aProbeThatOutlivesItsTimeoutFails() throws Exception {
        String id = BED.containers().runDetached(CreateOptions.image(BusyboxImage.REFERENCE).detach(true)
                .health(new HealthConfig(List.of("CMD", "sleep", "5"), 100 * MILLIS, 300 * MILLIS, 0, 0, 1))
                .command("sleep", "60").build());

        awaitStatus(id, s -> s.endsWith("(unhealthy)"));
        ContainerHealth.Probe probe = BED.containers().inspect(id).state().health().log().getFirst();
        assertThat(probe.exitCode()).isEqualTo(-1);
        assertThat(probe.output()).isEqualTo("Health check exceeded timeout (300ms)");
    }
}
