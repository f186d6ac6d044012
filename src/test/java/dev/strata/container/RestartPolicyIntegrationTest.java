package dev.strata.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code --restart}, kept by each container's own monitor process with real runc: on-failure's count,
 * always after the process is killed from outside, stop ending every policy, and the start after a reboot.
 */
@Tag("integration")
class RestartPolicyIntegrationTest {
    @RegisterExtension
    static final ContainerTestBed BED = new ContainerTestBed("lifecycle-restart-it-");

    private static CreateOptions.Builder restarting(String policy) {
        return CreateOptions.image(BusyboxImage.REFERENCE).detach(true).restartPolicy(RestartPolicy.parse(policy));
    }

    private static ContainerRecord await(String id, String what, Predicate<ContainerRecord> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            ContainerRecord record = BED.containers().refresh(id);
            if (condition.test(record)) {
                return record;
            }
            assertThat(System.nanoTime()).as("%s: %s, last %s", id, what, record.state()).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static String logOf(String id) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BED.containers().logs(id, LogOptions.all(), out, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void onFailureThreeRestartsAFailingContainerThreeTimesThenLeavesItExited() throws Exception {
        String id = BED.containers().runDetached(restarting("on-failure:3").command("sh", "-c", "echo ran; exit 3").build());

        ContainerRecord last = await(id, "exited for good", r -> !r.state().running() && r.restartCount() == 3);
        Thread.sleep(500); // a fourth start would have come by now (the back-off before it is 800 ms at most)

        ContainerRecord settled = BED.containers().refresh(id);
        assertThat(settled.restartCount()).isEqualTo(3);
        assertThat(settled.state().status()).isEqualTo(ContainerState.Status.EXITED);
        assertThat(settled.state().exitCode()).isEqualTo(3);
        assertThat(settled.state().finishedAt()).isEqualTo(last.state().finishedAt());
        assertThat(logOf(id)).isEqualTo("ran\n".repeat(4));
        ContainerJson inspect = BED.containers().inspect(id);
        assertThat(inspect.restartCount()).isEqualTo(3);
        assertThat(inspect.hostConfig().get("RestartPolicy"))
                .isEqualTo(java.util.Map.of("Name", "on-failure", "MaximumRetryCount", 3));
    }

    @Test
    void onFailureLeavesAContainerThatSucceedsAlone() throws Exception {
        String id = BED.containers().runDetached(restarting("on-failure").command("true").build());

        await(id, "exited", r -> !r.state().running());
        Thread.sleep(300);
        assertThat(BED.containers().refresh(id).restartCount()).isZero();
        assertThat(BED.containers().refresh(id).state().status()).isEqualTo(ContainerState.Status.EXITED);
    }

    @Test
    void alwaysBringsTheContainerBackAfterItsProcessIsKilled() throws Exception {
        String id = BED.containers().runDetached(restarting("always").command("sleep", "60").build());
        int firstPid = BED.containers().refresh(id).state().pid();
        assertThat(firstPid).isPositive();

        // from outside, as the kernel's OOM killer or a stray kill -9 would: not a stop by hand
        CopyRootFs.run("kill", "-9", Integer.toString(firstPid));

        ContainerRecord back = await(id, "running again", r -> r.state().status() == ContainerState.Status.RUNNING
                && r.state().pid() != firstPid && r.state().pid() != 0);
        assertThat(back.restartCount()).isEqualTo(1);
        assertThat(ProcessHandle.of(back.state().pid())).isPresent();
    }

    @Test
    void unlessStoppedStaysDownAfterStop() throws Exception {
        String id = BED.containers().runDetached(restarting("unless-stopped").command("sleep", "60").build());

        BED.containers().stop(id, 1);
        Thread.sleep(500);

        ContainerRecord stopped = BED.containers().refresh(id);
        assertThat(stopped.state().status()).isEqualTo(ContainerState.Status.EXITED);
        assertThat(stopped.restartCount()).isZero();
        assertThat(stopped.hasBeenManuallyStopped()).isTrue();

        BED.containers().start(id);
        assertThat(BED.containers().refresh(id).hasBeenManuallyStopped()).as("a start by hand clears the mark").isFalse();
    }

    @Test
    void stopEndsTheBackOffOfAContainerThatKeepsFailing() throws Exception {
        String id = BED.containers().runDetached(restarting("always").command("sh", "-c", "exit 1").build());
        await(id, "restarted a few times", r -> r.restartCount() >= 3);

        BED.containers().stop(id, 1);

        ContainerRecord stopped = BED.containers().refresh(id);
        assertThat(stopped.state().running()).isFalse();
        int count = stopped.restartCount();
        Thread.sleep(1_000);
        assertThat(BED.containers().refresh(id).restartCount()).as("no start after stop").isEqualTo(count);
        assertThat(ProcessHandle.of(stopped.state().monitorPid())).isEmpty();
    }

    @Test
    void anAttachedRunHandsItsRestartsToAMonitor() throws Exception {
        int code = BED.containers().run(CreateOptions.image(BusyboxImage.REFERENCE).name("handover")
                        .restartPolicy(RestartPolicy.parse("on-failure:2")).command("sh", "-c", "exit 4").build(),
                Attach.streams(null, new ByteArrayOutputStream(), new ByteArrayOutputStream()));

        assertThat(code).isEqualTo(4);
        ContainerRecord done = await(BED.containers().store().resolve("handover"), "restarted twice",
                r -> !r.state().running() && r.restartCount() == 2);
        assertThat(done.state().exitCode()).isEqualTo(4);
    }

    @Test
    void afterARebootAlwaysContainersStartAgainAndStoppedUnlessStoppedOnesDoNot() throws Exception {
        String always = BED.containers().runDetached(restarting("always").command("sleep", "60").build());
        String unlessStopped = BED.containers().runDetached(restarting("unless-stopped").command("sleep", "60").build());
        String unlessStoppedRunning = BED.containers().runDetached(restarting("unless-stopped").command("sleep", "60").build());
        String none = BED.containers().runDetached(CreateOptions.image(BusyboxImage.REFERENCE).detach(true)
                .command("sleep", "60").build());
        BED.containers().stop(always, 1);
        BED.containers().stop(unlessStopped, 1);
        BED.containers().restartAfterBoot(); // the first look on this boot records its ID
        // a reboot: no container process and no monitor survive it, and the boot ID changes
        for (String id : java.util.List.of(unlessStoppedRunning, none)) {
            ContainerState state = BED.containers().store().require(id).state();
            ProcessHandle monitor = ProcessHandle.of(state.monitorPid()).orElseThrow();
            monitor.destroyForcibly();
            monitor.onExit().join();
            // the runtime's state goes with the boot: its processes are killed and it is deleted
            CopyRootFs.run("runc", "--root", BED.root().resolve("runtime/runc").toString(), "delete", "--force", id);
        }
        Files.writeString(BED.root().resolve("containers").resolve("boot-id"), "an-earlier-boot\n");

        BED.containers().restartAfterBoot();

        assertThat(BED.containers().refresh(always).state().running()).as("always, though stopped by hand").isTrue();
        assertThat(BED.containers().refresh(unlessStoppedRunning).state().running()).as("unless-stopped, running").isTrue();
        assertThat(BED.containers().refresh(unlessStopped).state().running()).as("unless-stopped, stopped").isFalse();
        await(none, "seen stopped (no policy)", r -> !r.state().running());
        assertThat(BED.containers().refresh(none).state().exitCode()).isEqualTo(ContainerState.UNKNOWN_EXIT_CODE);
    }
}
