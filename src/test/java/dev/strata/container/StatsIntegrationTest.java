package dev.strata.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code stats} from the container's own cgroup, with a real container that burns CPU under a memory limit. */
@Tag("integration")
class StatsIntegrationTest {
    @RegisterExtension
    static final ContainerTestBed BED = new ContainerTestBed("lifecycle-stats-it-");

    @Test
    void aBusyContainerShowsItsCpuItsLimitAndItsProcesses() throws Exception {
        Containers containers = BED.containers();
        String id = containers.runDetached(CreateOptions.image(BusyboxImage.REFERENCE).detach(true).name("busy")
                .memory(64L << 20).command("sh", "-c", "sleep 60 & while true; do :; done").build());

        ContainerStats first = containers.stats(id);
        Thread.sleep(1_000);
        ContainerStats second = containers.stats(id);

        assertThat(second.cpuPercent(first)).as("one busy loop on %d CPUs", second.onlineCpus()).isBetween(30.0, 110.0);
        assertThat(second.pids()).isEqualTo(2);
        assertThat(second.memoryLimit()).isEqualTo(64L << 20);
        assertThat(second.memoryUsage()).isPositive().isLessThan(64L << 20);
        var row = second.row("busy", first, true);
        assertThat(row.get("MemUsage")).asString().endsWith(" / 64MiB");
        assertThat(row.get("ID")).isEqualTo(id.substring(0, 12));
        assertThat(row.get("Name")).isEqualTo("busy");
        assertThat(row.get("PIDs")).isEqualTo("2");
        assertThat(row.get("CPUPerc")).asString().matches("\\d+\\.\\d\\d%");

        containers.stop(id, 1);
        assertThatThrownBy(() -> containers.stats(id)).hasMessage("Container " + id + " is not running");
    }
}
