package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.container.BusyboxImage;
import dev.strata.container.Containers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The container commands end to end, in process, with Docker's output and wording. */
@Tag("integration")
class ContainerCommandsTest {
    private static Path base;
    private static Path root;
    private static Containers containers;

    @BeforeAll
    static void store() throws IOException {
        base = Files.createTempDirectory("strata-cli-it-");
        root = base.resolve("root");
        containers = ContainerCli.testStore(root, base.resolve("busybox"));
    }

    @AfterAll
    static void deleteStore() throws IOException {
        try (var walk = Files.walk(base)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @AfterEach
    void removeContainers() throws IOException {
        for (String id : containers.store().ids()) {
            containers.remove(id, true, false);
        }
    }

    private record Output(int code, String out, String err) {
    }

    private static Output strata(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandContext context = new CommandContext(() -> containers, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        int code = ContainerCli.run(context, args);
        return new Output(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void createStartWaitLogsAndPs() {
        Output created = strata("create", "--name", "job", BusyboxImage.REFERENCE, "sh", "-c", "echo -n hi; ls -l / >/dev/null; exit 4");
        assertThat(created.code()).isZero();
        assertThat(created.out()).matches("[0-9a-f]{64}\n");

        Output listed = strata("ps", "-a");
        List<String> lines = listed.out().lines().toList();
        // the image as it was given, as Docker shows it
        // CREATED is as wide as its longest value: "Less than a second ago", or "2 seconds ago" on a busy machine
        assertThat(lines.getFirst()).matches(
                "CONTAINER ID   IMAGE                        COMMAND                  CREATED {2,}STATUS    PORTS     NAMES");
        assertThat(lines.get(1)).matches(
                "[0-9a-f]{12}   strata-test/busybox:latest   \"sh -c 'echo -n hi; …\"   .+ ago +Created             job");

        assertThat(strata("start", "job").out()).isEqualTo("job\n");
        assertThat(strata("wait", "job").out()).isEqualTo("4\n");
        assertThat(strata("logs", "job").out()).isEqualTo("hi");
        assertThat(strata("ps", "-a", "--format", "{{.Names}}: {{.Status}}").out()).matches("job: Exited \\(4\\) .+ ago\n");
        assertThat(strata("ps", "-q").out()).isEmpty();
        assertThat(strata("ps", "-aq", "--no-trunc").out()).matches("[0-9a-f]{64}\n");
        assertThat(strata("ps", "-a", "--format", "table {{.Names}}\\t{{.State}}").out())
                .isEqualTo("NAMES     STATE\njob       exited\n");
    }

    @Test
    void runDetachedExecStopAndRm() {
        Output run = strata("run", "-d", "--name", "svc", BusyboxImage.REFERENCE, "sleep", "60");
        assertThat(run.code()).isZero();
        assertThat(run.out()).matches("[0-9a-f]{64}\n");

        Output inspect = strata("inspect", "--format", "{{.State.Status}} {{.Name}} {{.HostConfig.NetworkMode}}", "svc");
        assertThat(inspect.out()).isEqualTo("running /svc default\n");
        Output removeRunning = strata("rm", "svc");
        assertThat(removeRunning.code()).isEqualTo(1);
        assertThat(removeRunning.err()).startsWith("Error: You cannot remove a running container ");

        Output unknownUser = strata("exec", "-u", "nosuch", "svc", "true");
        assertThat(unknownUser.code()).isEqualTo(126);
        assertThat(unknownUser.err()).isEqualTo("unable to find user nosuch: no matching entries in passwd file\n");
        Output failing = strata("exec", "svc", "sh", "-c", "exit 9");
        assertThat(failing.code()).isEqualTo(9);

        assertThat(strata("stop", "-t", "1", "svc").out()).isEqualTo("svc\n");
        assertThat(strata("inspect", "-f", "{{.State.ExitCode}}", "svc").out()).isEqualTo("137\n");
        Output exec = strata("exec", "svc", "true");
        assertThat(exec.code()).isEqualTo(1);
        assertThat(exec.err()).startsWith("Error: Container ").endsWith(" is not running\n");
        assertThat(strata("rm", "svc").out()).isEqualTo("svc\n");
    }

    @Test
    void errorsAreWordedAsDockersAndExitAsDockers() {
        Output inspect = strata("inspect", "nosuch");
        assertThat(inspect.code()).isEqualTo(1);
        assertThat(inspect.out()).isEqualTo("[]\n");
        assertThat(inspect.err()).isEqualTo("Error: No such container: nosuch\n");

        for (String command : List.of("rm", "stop", "logs", "wait", "diff", "start")) {
            Output output = strata(command, "nosuch");
            assertThat(output.code()).as(command).isEqualTo(1);
            assertThat(output.err()).as(command).startsWith("Error: No such container: nosuch\n");
        }
        assertThat(strata("kill", "nosuch").err())
                .isEqualTo("Error: Cannot kill container: nosuch: No such container: nosuch\n");

        Output badName = strata("run", "--name", "-bad", BusyboxImage.REFERENCE, "true");
        assertThat(badName.code()).isEqualTo(125);
        assertThat(badName.err()).startsWith("strata: Error: Invalid container name (-bad), only "
                + "[a-zA-Z0-9][a-zA-Z0-9_.-] are allowed\n");

        Output notFound = strata("run", "--rm", BusyboxImage.REFERENCE, "no-such-command");
        assertThat(notFound.code()).isEqualTo(127);
        assertThat(notFound.err()).contains("executable file not found in $PATH");
    }

    @Test
    void commitPrintsTheImageIdAndCpCopies() throws IOException {
        strata("create", "--name", "source", BusyboxImage.REFERENCE, "true");
        Path file = Files.writeString(base.resolve("note.txt"), "hello\n");

        assertThat(strata("cp", file.toString(), "source:/note.txt").code()).isZero();
        Path back = base.resolve("note-back.txt");
        assertThat(strata("cp", "source:/note.txt", back.toString()).code()).isZero();
        assertThat(back).hasContent("hello");
        assertThat(strata("diff", "source").out()).isEqualTo("A /note.txt\n");
        Output commit = strata("commit", "-m", "noted", "-c", "CMD cat /note.txt", "source", "strata-test/noted");
        assertThat(commit.code()).isZero();
        assertThat(commit.out()).matches("sha256:[0-9a-f]{64}\n");
        assertThat(strata("cp", "a:/x", "b:/y").err()).isEqualTo("Error: copying between containers is not supported\n");
        assertThat(strata("kill", "-s", "NOPE", "source").err()).isEqualTo("Error: Invalid signal: NOPE\n");
    }

    @Test
    void runStopsReadingOptionsAtTheImage() throws Exception {
        RunCommand run = new RunCommand(new CommandContext(() -> containers, System.out, System.err));
        var syntax = run.syntax();
        assertThat(syntax.flags().parse(List.of("-d", "--rm", "img", "ls", "-l", "--name", "x"), syntax.interspersed(),
                notice -> { })).containsExactly("img", "ls", "-l", "--name", "x");
        assertThat(run.detach.get()).isTrue();
        assertThat(run.create.name.given()).isNull();
        assertThat(CpCommand.split("web:/etc")).containsExactly("web", "/etc");
        assertThat(CpCommand.split("./a:b")).containsExactly(null, "./a:b");
    }
    @Test
    void psFiltersAndContainerPruneRemovesExactlyTheStoppedOnes() throws IOException {
        String exited = strata("create", "--name", "lifecycle-done", BusyboxImage.REFERENCE, "true").out().strip();
        assertThat(strata("start", "-a", "lifecycle-done").code()).isZero();
        String running = strata("run", "-d", "--name", "lifecycle-up", "--restart", "unless-stopped",
                BusyboxImage.REFERENCE, "sleep", "60").out().strip();

        assertThat(strata("ps", "-q", "--no-trunc", "--filter", "status=exited").out()).isEqualTo(exited + "\n");
        assertThat(strata("ps", "-q", "--no-trunc", "-f", "name=lifecycle-up").out()).isEqualTo(running + "\n");
        assertThat(strata("ps", "-q", "-f", "status=bogus").err()).isEqualTo("Error: invalid filter 'status=bogus'\n");
        assertThat(strata("container", "inspect", "-f", "{{.HostConfig.RestartPolicy.Name}} {{.RestartCount}}",
                "lifecycle-up").out()).isEqualTo("unless-stopped 0\n");

        Output pruned = strata("container", "prune", "-f");

        assertThat(pruned.code()).isZero();
        assertThat(pruned.out()).matches("Deleted Containers:\n" + exited + "\n\nTotal reclaimed space: \\S+\n");
        assertThat(containers.store().ids()).containsExactly(running);
        assertThat(strata("container", "prune", "-f").out()).isEqualTo("Total reclaimed space: 0B\n");
    }

    @Test
    void restartPauseUnpauseAndRenamePrintWhatDockerPrints() {
        strata("run", "-d", "--name", "lifecycle-cycle", BusyboxImage.REFERENCE, "sleep", "60");

        assertThat(strata("pause", "lifecycle-cycle").out()).isEqualTo("lifecycle-cycle\n");
        assertThat(strata("ps", "--format", "{{.Status}}").out()).matches("Up .* \\(Paused\\)\n");
        assertThat(strata("unpause", "lifecycle-cycle").out()).isEqualTo("lifecycle-cycle\n");
        assertThat(strata("restart", "-t", "1", "lifecycle-cycle").out()).isEqualTo("lifecycle-cycle\n");
        assertThat(strata("rename", "lifecycle-cycle", "lifecycle-renamed").code()).isZero();
        Output top = strata("top", "lifecycle-renamed");
        assertThat(top.out().lines().findFirst().orElseThrow())
                .isEqualTo("UID                 PID                 PPID                C                   "
                        + "STIME               TTY                 TIME                CMD");
        assertThat(top.out().lines().skip(1).toList()).singleElement().asString().endsWith("sleep 60");
    }
}
