package dev.strata.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code pause}/{@code unpause} through runc's freezer, and {@code top}, with real containers. */
@Tag("integration")
class PauseAndTopIntegrationTest {
    @RegisterExtension
    static final ContainerTestBed BED = new ContainerTestBed("lifecycle-pause-it-");

    private static final String COUNTER = "i=0; while true; do i=$((i+1)); echo $i > /tmp/n.new; mv /tmp/n.new /tmp/n; "
            + "sleep 0.02; done";

    private static long counter(Path rootfs) throws Exception {
        for (int attempt = 0; ; attempt++) {
            Path file = rootfs.resolve("tmp/n");
            if (Files.exists(file)) {
                return Long.parseLong(Files.readString(file).strip());
            }
            assertThat(attempt).as("the counter's file appears").isLessThan(500);
            Thread.sleep(10);
        }
    }

    @Test
    void pauseFreezesTheCounterAndUnpauseResumesIt() throws Exception {
        Containers containers = BED.containers();
        String id = containers.runDetached(CreateOptions.image(BusyboxImage.REFERENCE).detach(true)
                .command("sh", "-c", COUNTER).build());
        Path rootfs = containers.mountRootFs(id);
        long before = counter(rootfs);
        Thread.sleep(200);
        assertThat(counter(rootfs)).as("it counts").isGreaterThan(before);

        containers.pause(id);
        long frozen = counter(rootfs);
        Thread.sleep(500);

        assertThat(counter(rootfs)).as("frozen").isEqualTo(frozen);
        assertThat(containers.inspect(id).state().status()).isEqualTo("paused");
        assertThat(containers.inspect(id).state().current().paused()).isTrue();
        assertThat(containers.list(false, true).getFirst().status()).matches("Up .* \\(Paused\\)");
        assertThatThrownBy(() -> containers.pause(id)).hasMessage("Container " + id + " is already paused");

        containers.unpause(id);
        Thread.sleep(200);
        assertThat(counter(rootfs)).as("counting again").isGreaterThan(frozen);
        assertThat(containers.inspect(id).state().status()).isEqualTo("running");
        assertThatThrownBy(() -> containers.unpause(id)).hasMessage("Container " + id + " is not paused");
    }

    @Test
    void aPausedContainerStillStops() throws Exception {
        Containers containers = BED.containers();
        String id = containers.runDetached(CreateOptions.image(BusyboxImage.REFERENCE).detach(true)
                .command("sh", "-c", "trap 'exit 7' TERM; while true; do sleep 0.05; done").build());
        containers.pause(id);

        containers.stop(id, 5);

        ContainerJson.State state = containers.inspect(id).state();
        assertThat(state.status()).isEqualTo("exited");
        assertThat(state.current().exitCode()).isEqualTo(7);
        assertThatThrownBy(() -> containers.pause(id)).hasMessage("Container " + id + " is not running");
    }

    @Test
    void topShowsTheContainersOwnProcessesOnly() throws Exception {
        Containers containers = BED.containers();
        String id = containers.runDetached(CreateOptions.image(BusyboxImage.REFERENCE).detach(true)
                .command("sh", "-c", "sleep 61 & exec sleep 62").build());
        Thread.sleep(200);

        Containers.ProcessTable table = containers.top(id, null);

        assertThat(table.titles()).containsExactly("UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD");
        assertThat(table.processes()).extracting(row -> row.getLast())
                .containsExactlyInAnyOrder("sleep 61", "sleep 62");
        int init = containers.refresh(id).state().pid();
        assertThat(table.processes()).extracting(row -> row.get(1)).contains(Integer.toString(init));

        Containers.ProcessTable chosen = containers.top(id, "-o pid,comm");
        assertThat(chosen.titles()).containsExactly("PID", "COMMAND");
        assertThat(chosen.processes()).extracting(row -> row.getLast()).containsOnly("sleep");
    }
}
