package dev.strata.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.testing.Validate;
import dev.strata.engine.Engine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Real containers, run by runc from a busybox root file system (copied by {@link CopyRootFs}). Needs root
 * and runc. Every container, its runtime state and its cgroup are removed after each test.
 */
@Tag("integration")
class ContainersIntegrationTest {
    @RegisterExtension
    static final ContainerTestBed BED = new ContainerTestBed("strata-container-it-");
    private static Path base;
    private static Path root;
    private static Path data;
    private static Engine engine;
    private static Containers containers;

    @BeforeAll
    static void store() {
        base = BED.base();
        root = BED.root();
        data = BED.data();
        engine = BED.engine();
        containers = BED.containers();
    }

    private static CreateOptions.Builder image() {
        return CreateOptions.image(BusyboxImage.REFERENCE);
    }

    /** Runs attached with captured output; returns exit code, stdout, stderr. */
    private record Result(int exitCode, String out, String err) {
    }

    private static Result run(CreateOptions options) throws IOException {
        return run(options, null);
    }

    private static Result run(CreateOptions options, String stdin) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = containers.run(options, Attach.streams(
                stdin == null ? null : new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), out, err));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void runPrintsTheImagesFileAndRemovesTheContainer() throws IOException {
        Result result = run(image().autoRemove(true).command("cat", "/etc/os-release").build());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo(BusyboxImage.OS_RELEASE);
        assertThat(containers.store().ids()).isEmpty();
    }

    @Test
    void exitCodeIsTheContainersAndIsRecorded() throws IOException {
        Result result = run(image().name("three").command("sh", "-c", "echo out; echo err >&2; exit 3").build());

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.out()).isEqualTo("out\n");
        assertThat(result.err()).isEqualTo("err\n");
        ContainerJson inspect = containers.inspect("three");
        assertThat(inspect.state().status()).isEqualTo("exited");
        assertThat(inspect.state().current().exitCode()).isEqualTo(3);
        assertThat(containers.waitFor("three")).isEqualTo(3);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        containers.logs("three", LogOptions.all(), out, err);
        assertThat(out.toString()).isEqualTo("out\n");
        assertThat(err.toString()).isEqualTo("err\n");
        assertThat(containers.list(true, true)).singleElement().satisfies(row -> {
            assertThat(row.status()).matches("Exited \\(3\\) (Less than a second|\\d+ seconds?) ago");
            assertThat(row.names()).isEqualTo("three");
            assertThat(row.command()).isEqualTo("\"sh -c 'echo out; ec…\"");
        });
        assertThat(containers.list(false, true)).isEmpty();
    }

    private static String logsOf(String container) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        containers.logs(container, LogOptions.all(), out, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void awaitLog(String container, String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!logsOf(container).contains(text)) {
            assertThat(System.nanoTime()).as("log of %s to contain %s", container, text).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void detachedContainerLogsStopsAndIsRemoved() throws Exception {
        String id = containers.runDetached(image().name("detached").detach(true)
                .command("sh", "-c", "echo hello; echo oops >&2; trap 'echo bye; exit 0' TERM; while true; do sleep 0.1; done")
                .build());

        assertThat(id).hasSize(64);
        ContainerJson running = containers.inspect("detached");
        assertThat(running.state().current().running()).isTrue();
        assertThat(running.state().current().pid()).isPositive();
        assertThat(containers.list(false, true)).singleElement()
                .satisfies(row -> assertThat(row.status()).startsWith("Up "));
        awaitLog("detached", "oops");
        assertThatThrownBy(() -> containers.remove("detached", false, false))
                .isInstanceOf(dev.strata.error.ConflictException.class)
                .hasMessage("You cannot remove a running container " + id
                        + ". Stop the container before attempting removal or force remove");

        // commit pauses a running container while reading its changes, then lets it go on
        var committed = containers.commit("detached", CommitOptions.tagged(null));
        assertThat(engine.store().image(committed)).isPresent();
        Validate.storedImage(engine, committed);
        assertThat(containers.inspect("detached").state().status()).isEqualTo("running");

        containers.stop("detached", 10);

        assertThat(containers.inspect(id).state().status()).isEqualTo("exited");
        assertThat(containers.waitFor(id.substring(0, 8))).isZero();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        containers.logs("detached", LogOptions.all(), out, err);
        assertThat(out.toString()).isEqualTo("hello\nbye\n");
        assertThat(err.toString()).isEqualTo("oops\n");
        List<String> lines = Files.readAllLines(containers.store().logPath(id));
        assertThat(lines).hasSize(3);
        // stdout and stderr are read by separate threads, so their lines may interleave either way (as in Docker)
        assertThat(lines.stream().filter(l -> l.contains("hello")).findFirst()).get().asString().matches("\\{\"log\":\"hello\\\\n\",\"stream\":\"stdout\",\"time\":\"\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z\"}");

        containers.remove("detached", false, false);
        assertThatThrownBy(() -> containers.inspect("detached")).isInstanceOf(NoSuchContainerException.class)
                .hasMessage("No such container: detached");
    }

    @Test
    void stopKillsWhatIgnoresTheSignal() throws Exception {
        containers.runDetached(image().name("stubborn").detach(true)
                .command("sh", "-c", "trap '' TERM; echo ready; while true; do sleep 0.1; done").build());
        awaitLog("stubborn", "ready");
        long start = System.nanoTime();

        containers.stop("stubborn", 1);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(containers.inspect("stubborn").state().current().exitCode()).isEqualTo(137);
    }

    @Test
    void execRunsInTheRunningContainer() throws Exception {
        String id = containers.runDetached(image().name("host-of-exec").detach(true).env("FROM_RUN=yes")
                .command("sleep", "60").build());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = containers.exec("host-of-exec", new ExecOptions(List.of("sh", "-c",
                        "cat /etc/hostname; echo $FROM_RUN $FROM_EXEC; pwd; id -u; echo err >&2; exit 7"),
                false, false, "nobody", "/tmp", List.of("FROM_EXEC=also"), false),
                Attach.streams(null, out, err));

        assertThat(code).isEqualTo(7);
        assertThat(out.toString()).isEqualTo(id.substring(0, 12) + "\nyes also\n/tmp\n65534\n");
        assertThat(err.toString()).isEqualTo("err\n");
        assertThatThrownBy(() -> containers.exec("host-of-exec", ExecOptions.of("no-such-command"), Attach.none()))
                .isInstanceOf(RuntimeFailureException.class)
                .hasMessageContaining("OCI runtime exec failed")
                .hasMessageContaining("\"no-such-command\": executable file not found in $PATH");

        String input = "piped through cat\n";
        ByteArrayOutputStream echoed = new ByteArrayOutputStream();
        int catCode = containers.exec("host-of-exec", new ExecOptions(List.of("cat"), true, false, null, null,
                List.of(), false), Attach.streams(new ByteArrayInputStream(input.getBytes()), echoed, echoed));
        assertThat(catCode).isZero();
        assertThat(echoed.toString()).isEqualTo(input);

        containers.stop("host-of-exec", 0);
        assertThatThrownBy(() -> containers.exec("host-of-exec", ExecOptions.of("true"), Attach.none()))
                .isInstanceOf(dev.strata.error.ConflictException.class).hasMessage("Container " + id + " is not running");
    }

    @Test
    void environmentWorkdirAndUserAreApplied() throws IOException {
        Path envFile = Files.writeString(base.resolve("env.list"), "# a comment\nFROM_FILE=file value\nBOTH=file\n");
        Result result = run(image().autoRemove(true).env("FOO=bar").env("BOTH=flag").envFile(envFile)
                .workdir("/work/dir").user("1000")
                .command("sh", "-c", "echo $FOO; echo $FROM_FILE; echo $BOTH; echo $HOSTNAME; pwd; id").build());

        assertThat(result.exitCode()).isZero();
        List<String> lines = result.out().lines().toList();
        assertThat(lines.subList(0, 3)).containsExactly("bar", "file value", "flag");
        assertThat(lines.get(3)).hasSize(12);
        assertThat(lines.get(4)).isEqualTo("/work/dir");
        assertThat(lines.get(5)).isEqualTo("uid=1000 gid=0(root) groups=0(root)");
    }

    @Test
    void readOnlyRootRefusesWrites() throws IOException {
        Result result = run(image().autoRemove(true).readOnly(true)
                .command("sh", "-c", "touch /written && echo wrote; touch /dev/shm/fine && echo shm ok").build());

        assertThat(result.out()).isEqualTo("shm ok\n");
        assertThat(result.err()).contains("Read-only file system");
    }

    @Test
    void limitsShowInTheContainersCgroups() throws IOException {
        Result result = run(image().autoRemove(true).memory(64L << 20).nanoCpus(1_500_000_000L).pidsLimit(50L)
                .command("sh", "-c", "cat /sys/fs/cgroup/memory/memory.limit_in_bytes /sys/fs/cgroup/cpu/cpu.cfs_quota_us"
                        + " /sys/fs/cgroup/pids/pids.max").build());

        assertThat(result.out().lines().toList()).containsExactly(Long.toString(64L << 20), "150000", "50");
    }

    @Test
    void theDefaultNetworkGivesAnInterfaceNoneOnlyLoopback() throws IOException {
        assertThat(run(image().autoRemove(true).network("none").command("ls", "/sys/class/net").build()).out())
                .isEqualTo("lo\n");
        assertThat(run(image().autoRemove(true).command("ls", "/sys/class/net").build()).out()).isEqualTo("eth0\nlo\n");
        assertThat(run(image().autoRemove(true).network("host").command("ls", "/sys/class/net").build()).out())
                .isNotEqualTo("lo\n");
    }

    @Test
    void signalsReachTheProcess() throws Exception {
        containers.runDetached(image().name("trapper").detach(true).command("sh", "-c",
                "trap 'echo got USR1' USR1; trap 'exit 42' TERM; echo ready; while true; do sleep 0.1; done").build());
        awaitLog("trapper", "ready");

        containers.kill("trapper", "USR1");
        awaitLog("trapper", "got USR1");
        containers.kill("trapper", "SIGTERM");

        assertThat(containers.waitFor("trapper")).isEqualTo(42);
        assertThatThrownBy(() -> containers.kill("trapper", "USR1")).isInstanceOf(dev.strata.error.ConflictException.class)
                .hasMessageEndingWith("is not running");
        assertThatThrownBy(() -> containers.kill("trapper", "NOPE")).hasMessage("Invalid signal: NOPE");
    }

    @Test
    void terminalIsAllocated() throws IOException {
        Result result = run(image().autoRemove(true).tty(true).command("sh", "-c", "tty; echo $TERM").build());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("/dev/pts/0\r\nxterm\r\n");
    }

    @Test
    void interactiveStdinReachesTheContainer() throws IOException {
        Result result = run(image().autoRemove(true).interactive(true).command("sh", "-c", "cat; echo done").build(),
                "line one\nline two\n");

        assertThat(result.out()).isEqualTo("line one\nline two\ndone\n");
    }

    @Test
    void bindMountsAreVisibleAndReadOnlyWhenAsked() throws IOException {
        Path shared = Files.createDirectories(base.resolve("shared"));
        Files.writeString(shared.resolve("from-host"), "host data\n");
        Result result = run(image().autoRemove(true).volume(shared + ":/data:ro")
                .command("sh", "-c", "cat /data/from-host; touch /data/x").build());

        assertThat(result.out()).isEqualTo("host data\n");
        assertThat(result.err()).contains("Read-only file system");
        Result writable = run(image().autoRemove(true).volume(shared + ":/data")
                .command("sh", "-c", "echo back > /data/from-container").build());
        assertThat(writable.exitCode()).isZero();
        assertThat(shared.resolve("from-container")).hasContent("back");
    }

    @Test
    void missingCommandFailsLikeDocker() throws IOException {
        assertThatThrownBy(() -> run(image().autoRemove(true).command("no-such-command").build()))
                .isInstanceOfSatisfying(RuntimeFailureException.class,
                        e -> assertThat(e.runExitCode()).isEqualTo(127))
                .hasMessageContaining("\"no-such-command\": executable file not found in $PATH");
        assertThat(containers.store().ids()).isEmpty();
    }

    @Test
    void copyBothWaysStaysInsideTheContainer() throws Exception {
        String id = containers.runDetached(image().name("cp-target").detach(true).command("sh", "-c",
                "ln -s / /escape; ln -s ../../../../../../etc /etc-up; mkdir -p /srv/dir; echo inside > /srv/dir/f;"
                        + " echo ready; sleep 60").build());
        awaitLog("cp-target", "ready");
        Path hostDir = Files.createDirectories(base.resolve("cp-host"));
        Path hostFile = Files.writeString(hostDir.resolve("payload"), "from host\n");
        String hostTmpBefore = Files.exists(Path.of("/tmp/payload")) ? Files.readString(Path.of("/tmp/payload")) : null;

        // into the container through a link to "/": lands in the container's /tmp, not the host's
        containers.copyTo(hostFile, hostFile.toString(), "cp-target", "/escape/tmp/", false, false);
        assertThat(exec("cp-target", "cat", "/tmp/payload")).isEqualTo("from host\n");
        String hostTmpAfter = Files.exists(Path.of("/tmp/payload")) ? Files.readString(Path.of("/tmp/payload")) : null;
        assertThat(hostTmpAfter).isEqualTo(hostTmpBefore);

        // out of the container through a link climbing above the root: the container's /etc, not the host's
        Path copied = hostDir.resolve("hostname-copy");
        containers.copyFrom("cp-target", "/etc-up/hostname", copied, copied.toString(), false);
        assertThat(copied).hasContent(id.substring(0, 12) + "\n");

        // a directory out, and back in under a new name
        containers.copyFrom("cp-target", "/srv/dir", hostDir.resolve("dir-copy"), "dir-copy", false);
        assertThat(hostDir.resolve("dir-copy/f")).hasContent("inside");
        containers.copyTo(hostDir.resolve("dir-copy"), "dir-copy", "cp-target", "/srv/again", false, false);
        assertThat(exec("cp-target", "cat", "/srv/again/f")).isEqualTo("inside\n");
        assertThat(exec("cp-target", "stat", "-c", "%u:%g", "/srv/again/f")).isEqualTo("0:0\n");

        assertThatThrownBy(() -> containers.copyFrom("cp-target", "/nope", hostDir.resolve("x"), "x", false))
                .hasMessage("Could not find the file /nope in container cp-target");

        // a tar stream both ways; entries through the container's links stay inside, climbing entries are refused
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        containers.copyFromAsTar("cp-target", "/srv/dir", tar, false);
        containers.copyToFromTar(new ByteArrayInputStream(tar.toByteArray()), "cp-target", "/escape/tmp", false);
        assertThat(exec("cp-target", "cat", "/tmp/dir/f")).isEqualTo("inside\n");
        assertThat(Path.of("/tmp/dir/f")).doesNotExist();
        ByteArrayOutputStream hostile = new ByteArrayOutputStream();
        try (var out = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(hostile)) {
            var entry = new org.apache.commons.compress.archivers.tar.TarArchiveEntry("../../etc/climbed");
            entry.setSize(1);
            out.putArchiveEntry(entry);
            out.write('x');
            out.closeArchiveEntry();
        }
        assertThatThrownBy(() -> containers.copyToFromTar(new ByteArrayInputStream(hostile.toByteArray()), "cp-target",
                "/srv", false)).hasMessageContaining("climbs out of the destination");
    }

    private static String exec(String container, String... command) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = containers.exec(container, ExecOptions.of(command), Attach.streams(null, out, out));
        assertThat(code).as("exit code of %s", List.of(command)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void diffAndCommitMakeAnImageThatRunsWithTheChanges() throws Exception {
        Result build = run(image().name("builder").command("sh", "-c",
                "echo added > /etc/added && echo changed >> /etc/os-release && rm /bin/vi").build());
        assertThat(build.exitCode()).isZero();

        assertThat(containers.diff("builder")).extracting(Object::toString)
                .contains("C /bin", "D /bin/vi", "C /etc", "A /etc/added", "C /etc/os-release")
                .doesNotContain("A /etc/hostname", "A /etc/hosts", "A /etc/resolv.conf");

        var id = containers.commit("builder", new CommitOptions("strata-test/committed:1", "Tester <t@example.com>",
                "a message", List.of("CMD [\"cat\", \"/etc/added\"]", "ENV FROM_COMMIT=yes"), true));

        var image = engine.store().image(id).orElseThrow();
        assertThat(image.diffIds()).hasSize(2);
        assertThat(image.config().history().getLast().createdBy())
                .isEqualTo("sh -c echo added > /etc/added && echo changed >> /etc/os-release && rm /bin/vi");
        assertThat(image.config().history().getLast().comment()).isEqualTo("a message");
        assertThat(image.config().author()).isEqualTo("Tester <t@example.com>");
        assertThat(image.config().config().cmd()).containsExactly("cat", "/etc/added");
        assertThat(image.config().config().env()).contains("FROM_COMMIT=yes");
        assertThat(engine.names().resolve("strata-test/committed:1")).isEqualTo(id);
        Validate.storedImage(engine, id);

        assertThat(run(image("strata-test/committed:1").autoRemove(true).build()).out()).isEqualTo("added\n");
        Result after = run(image("strata-test/committed:1").autoRemove(true)
                .command("sh", "-c", "tail -1 /etc/os-release; ls /bin/vi; echo $FROM_COMMIT").build());
        assertThat(after.out()).isEqualTo("changed\nyes\n");
        assertThat(after.err()).contains("/bin/vi");

        // the base image is in use by "builder": rmi refuses it until the container goes
        String base = engine.names().resolve(BusyboxImage.REFERENCE).toString();
        assertThatThrownBy(() -> engine.removal().removeImage(base, false, false))
                .hasMessageContaining("image is being used by stopped container " + containers.store().resolve("builder").substring(0, 12));
    }

    private static CreateOptions.Builder image(String reference) {
        return CreateOptions.image(reference);
    }

    @Test
    void exportIsATarOfTheWholeFileSystem() throws IOException {
        run(image().name("to-export").command("sh", "-c", "echo data > /exported").build());
        ByteArrayOutputStream tar = new ByteArrayOutputStream();

        containers.export("to-export", tar);

        List<String> names = new java.util.ArrayList<>();
        try (var in = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
                new ByteArrayInputStream(tar.toByteArray()))) {
            org.apache.commons.compress.archivers.tar.TarArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                names.add(entry.getName() + (entry.isSymbolicLink() ? " -> " + entry.getLinkName() : ""));
            }
        }
        assertThat(names).contains("bin/", "bin/busybox", "bin/sh -> busybox", "etc/os-release", "exported");
    }

    @Test
    void aDeadMonitorIsNoticedAndTheExitReportedAsUnknown() throws Exception {
        containers.runDetached(image().name("orphan").detach(true).command("sleep", "60").build());
        ContainerState state = containers.store().require(containers.store().resolve("orphan")).state();
        assertThat(ProcessHandle.of(state.monitorPid())).isPresent();

        ProcessHandle.of(state.monitorPid()).orElseThrow().destroyForcibly();
        ProcessHandle.of(state.monitorPid()).ifPresent(h -> h.onExit().join());

        assertThat(containers.inspect("orphan").state().current().running()).as("the runtime still runs it").isTrue();
        containers.stop("orphan", 1);
        ContainerJson.State after = containers.inspect("orphan").state();
        assertThat(after.status()).isEqualTo("exited");
        assertThat(after.current().exitCode()).isEqualTo(ContainerState.UNKNOWN_EXIT_CODE);
        assertThat(after.current().error()).contains("monitor");
        assertThat(containers.list(true, true)).singleElement()
                .satisfies(row -> assertThat(row.status()).startsWith("Exited (255)"));
    }

    @Test
    void waitReportsTheExitOfAnAutoRemovedContainer() throws IOException {
        String id = containers.runDetached(image().autoRemove(true).detach(true)
                .command("sh", "-c", "sleep 0.3; exit 5").build());

        assertThat(containers.waitFor(id)).isEqualTo(5);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (containers.store().get(id).isPresent() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(containers.store().get(id)).isEmpty();
    }

    @Test
    void detachedTerminalAndExecTerminalWork() throws Exception {
        String id = containers.runDetached(image().detach(true).tty(true).interactive(true)
                .command("sh", "-c", "tty; echo ready; sleep 60").build());
        awaitLog(id, "ready");
        assertThat(logsOf(id)).startsWith("/dev/pts/0\r\n");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = containers.exec(id, new ExecOptions(List.of("sh", "-c", "tty; exit 9"), false, true, null, null,
                List.of(), false), Attach.streams(null, out, out));
        assertThat(code).isEqualTo(9);
        assertThat(out.toString()).matches("/dev/pts/\\d+\r\n");

        containers.remove(id, true, false);
        assertThat(containers.store().get(id)).isEmpty();
    }

    @Test
    void containersWithoutANameGetADockerStyleOne() throws IOException {
        ContainerRecord record = containers.create(image().command("true").build());

        assertThat(record.name()).matches("/[a-z]+_[a-z]+\\d*");
        assertThat(containers.store().resolve(record.plainName())).isEqualTo(record.id());
        assertThat(containers.list(true, true)).singleElement()
                .satisfies(row -> assertThat(row.status()).isEqualTo("Created"));
        assertThat(containers.waitFor(record.id())).isZero();
    }
}
