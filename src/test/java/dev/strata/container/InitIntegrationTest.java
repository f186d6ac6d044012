package dev.strata.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code run --init} with real runc: Strata's init at PID 1 reaps the orphans it is handed and passes a
 * stop's signal to the command. The same container without it keeps its zombies, so the count can fail.
 */
@Tag("integration")
class InitIntegrationTest {
    /**
     * PID 1 execs sleep, which never reaps, while an orphaned subshell (its parent has exited) leaves 100
     * more orphans that exit in 0.2 s: all of them are PID 1's to reap.
     */
    private static final String LEAVE_100_ORPHANS =
            "( (for i in $(seq 100); do (sleep 0.2 &); done) & ); exec sleep 60";
    private static final String COUNT_ZOMBIES = "grep -l '^State:.Z' /proc/[0-9]*/status 2>/dev/null | wc -l";

    @RegisterExtension
    static final ContainerTestBed BED = new ContainerTestBed("lifecycle-init-it-");

    private static CreateOptions.Builder orphanMaker(Boolean init) {
        return CreateOptions.image(BusyboxImage.REFERENCE).detach(true).init(init)
                .command("sh", "-c", LEAVE_100_ORPHANS);
    }

    private static int zombiesIn(String id) throws Exception {
        Thread.sleep(Duration.ofSeconds(1)); // the orphans' sleep has ended, and an init has had time to reap
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = BED.containers().exec(id, ExecOptions.of("sh", "-c", COUNT_ZOMBIES),
                Attach.streams(null, out, new ByteArrayOutputStream()));
        assertThat(code).isZero();
        return Integer.parseInt(out.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void theInitReapsEveryOrphan() throws Exception {
        String id = BED.containers().runDetached(orphanMaker(true).build());

        assertThat(zombiesIn(id)).isZero();
        assertThat(BED.containers().inspect(id).hostConfig().get("Init")).isEqualTo(true);
        assertThat(BED.containers().inspect(id).path()).as("inspect shows the user's command").isEqualTo("sh");
    }

    @Test
    void withoutTheInitTheOrphansStayZombies() throws Exception {
        String id = BED.containers().runDetached(orphanMaker(null).build());

        assertThat(zombiesIn(id)).isGreaterThanOrEqualTo(100);
        assertThat(BED.containers().inspect(id).hostConfig()).doesNotContainKey("Init");
    }

    @Test
    void theInitPassesTheStopSignalOnAndExitsWithTheCommandsCode() throws Exception {
        // sleep at PID 1 would ignore SIGTERM; as the init's child it is killed by it
        String id = BED.containers().runDetached(CreateOptions.image(BusyboxImage.REFERENCE).detach(true).init(true)
                .command("sh", "-c", "trap 'exit 42' TERM; while true; do sleep 0.1; done").build());
        Thread.sleep(300);

        long started = System.nanoTime();
        BED.containers().stop(id, 10);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("stopped by TERM, not the kill after 10 s")
                .isLessThan(Duration.ofSeconds(5));
        assertThat(BED.containers().inspect(id).state().current().exitCode()).isEqualTo(42);
    }
}
