package dev.strata.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code update} of a running container: its cgroup's limits and its monitor's restart policy change. */
@Tag("integration")
class UpdateIntegrationTest {
    @RegisterExtension
    static final ContainerTestBed BED = new ContainerTestBed("lifecycle-update-it-");

    private static String cgroup(String controller, String id, String file) throws Exception {
        return Files.readString(Path.of("/sys/fs/cgroup", controller, "strata", id, file)).strip();
    }

    @Test
    void limitsReachTheCgroupAndTheNewPolicyTheMonitor() throws Exception {
        Containers containers = BED.containers();
        String id = containers.runDetached(CreateOptions.image(BusyboxImage.REFERENCE).detach(true)
                .command("sleep", "60").build());
        assertThatThrownBy(() -> containers.update(id, new ResourceUpdate(64L << 20, null, null, null, null)))
                .hasMessageContaining("Memory limit should be smaller than already set memoryswap limit");

        containers.update(id, new ResourceUpdate(64L << 20, 128L << 20, 500_000_000L, 20L, RestartPolicy.parse("always")));

        assertThat(cgroup("memory", id, "memory.limit_in_bytes")).isEqualTo(Long.toString(64L << 20));
        assertThat(cgroup("cpu", id, "cpu.cfs_quota_us")).isEqualTo("50000");
        assertThat(cgroup("pids", id, "pids.max")).isEqualTo("20");
        HostConfig host = containers.refresh(id).hostConfig();
        assertThat(host.memory()).isEqualTo(64L << 20);
        assertThat(host.memorySwap()).isEqualTo(128L << 20);
        assertThat(host.nanoCpus()).isEqualTo(500_000_000L);
        assertThat(host.pidsLimit()).isEqualTo(20L);
        assertThat(host.restartPolicy().name()).isEqualTo("always");

        int pid = containers.refresh(id).state().pid();
        CopyRootFs.run("kill", "-9", Integer.toString(pid));
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (containers.refresh(id).state().pid() == pid || !containers.refresh(id).state().running()
                || containers.refresh(id).state().restarting()) {
            assertThat(System.nanoTime()).as("restarted by the updated policy").isLessThan(deadline);
            Thread.sleep(20);
        }
        assertThat(cgroup("pids", id, "pids.max")).as("the new start keeps the limits").isEqualTo("20");

        containers.update(id, new ResourceUpdate(null, null, null, -1L, null));
        assertThat(cgroup("pids", id, "pids.max")).isEqualTo("max");
        assertThat(containers.refresh(id).hostConfig().pidsLimit()).isNull();
    }
}
