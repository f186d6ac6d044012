package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.container.BusyboxImage;
import dev.strata.container.Containers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code attach}, and the detach keys of {@code attach} and {@code run -it}, end to end: real containers
 * under their monitors, and the client in a terminal of its own (a tmux pane) typed into as a person would.
 */
@Tag("integration")
class AttachIntegrationTest {
    private static final String PREFIX = "attach-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    private static Path base;
    private static Path root;
    private static Containers containers;
    private final List<String> sessions = new ArrayList<>();

    @BeforeAll
    static void store() throws IOException {
        base = Files.createTempDirectory("strata-attachit-");
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
    void removeContainersAndSessions() throws Exception {
        for (String session : sessions) {
            new ProcessBuilder("tmux", "kill-session", "-t", session).start().waitFor();
        }
        for (String id : containers.store().ids()) {
            containers.remove(id, true, false);
        }
    }

    @Test
    void attachTypeDetachAndAttachAgainUntilTheExit() throws Exception {
        String name = unique();
        assertThat(strata(null, "run", "-dit", "--name", name, BusyboxImage.REFERENCE, "sh").code()).isZero();
        Pane first = pane("attach", name);
        first.type("echo hel''lo");
        first.waitFor("hello");
        first.keys("C-p", "C-q");
        assertThat(first.exitCode()).isEqualTo(1);
        assertThat(first.screen()).contains("read escape sequence");
        assertThat(state(name)).isEqualTo("running true");

        Pane second = pane("attach", name);
        second.type("echo ag''ain");
        second.waitFor("again");
        second.type("exit 3");
        assertThat(second.exitCode()).isEqualTo(3);
        assertThat(state(name)).isEqualTo("exited false");
        assertThat(strata(null, "logs", name).out()).contains("hello").contains("again");
    }

    @Test
    void twoClientsBothSeeTheOutput() throws Exception {
        String name = unique();
        strata(null, "run", "-dit", "--name", name, BusyboxImage.REFERENCE, "sh");
        Pane one = pane("attach", name);
        Pane two = pane("attach", name);
        two.awaitClient();
        one.type("stty size; echo from-o''ne");
        two.waitFor("from-one");
        two.type("echo from-t''wo");
        one.waitFor("from-two");
        assertThat(one.screen()).contains("from-one");
        one.type("exit 0");
        assertThat(one.exitCode()).isZero();
        assertThat(two.exitCode()).isZero();
    }

    @Test
    void runItDetachesWithTheKeysAndAttachReentersIt() throws Exception {
        String name = unique();
        Pane run = pane("run", "-it", "--name", name, BusyboxImage.REFERENCE, "sh");
        run.waitFor("/ #");
        run.type("echo in-r''un");
        run.waitFor("in-run");
        run.keys("C-p", "C-q");
        assertThat(run.exitCode()).as("docker run says nothing and succeeds").isZero();
        assertThat(run.screen()).doesNotContain("read escape sequence");
        assertThat(state(name)).isEqualTo("running true");

        Pane attach = pane("attach", name);
        attach.type("echo bac''k; exit 5");
        attach.waitFor("back");
        assertThat(attach.exitCode()).isEqualTo(5);
    }

    @Test
    void startAiDetachesTooAndTheContainerGoesOn() throws Exception {
        String name = unique();
        strata(null, "create", "-it", "--name", name, BusyboxImage.REFERENCE, "sh");
        Pane start = pane("start", "-ai", "--detach-keys", "ctrl-a", name);
        start.type("echo star''ted");
        start.waitFor("started");
        start.keys("C-a");
        assertThat(start.exitCode()).isZero();
        assertThat(state(name)).isEqualTo("running true");
    }

    @Test
    void withoutATerminalSignalsArePassedToTheContainer() throws Exception {
        String name = unique();
        Pane run = pane("run", "-i", "--name", name, BusyboxImage.REFERENCE, "sh", "-c",
                "trap 'echo got-int; exit 9' INT; echo rea''dy; while true; do sleep 0.1; done");
        run.waitFor("ready");
        run.keys("C-c");
        assertThat(run.exitCode()).isEqualTo(9);
        assertThat(run.screen()).contains("got-int");
    }

    @Test
    void otherDetachKeysReplaceTheDefault() throws Exception {
        String name = unique();
        strata(null, "run", "-dit", "--name", name, BusyboxImage.REFERENCE, "sh");
        Pane pane = pane("attach", "--detach-keys", "ctrl-x,x", name);
        pane.type("echo rea''dy");
        pane.waitFor("ready");
        pane.keys("C-p", "C-q");
        pane.type("echo sti''ll");
        pane.waitFor("still");
        assertThat(pane.exited()).as("Ctrl-P Ctrl-Q no longer detaches").isFalse();
        pane.keys("C-x", "x");
        assertThat(pane.exitCode()).isEqualTo(1);
        assertThat(state(name)).isEqualTo("running true");
    }

    @Test
    void stoppedAndPausedContainersAreRefusedInDockersWords() throws Exception {
        String name = unique();
        strata(null, "create", "-it", "--name", name, BusyboxImage.REFERENCE, "sh");
        Output stopped = strata(null, "attach", name);
        assertThat(stopped.code()).isEqualTo(1);
        assertThat(stopped.err()).isEqualTo("You cannot attach to a stopped container, start it first\n");

        assertThat(strata(null, "start", name).code()).isZero();
        assertThat(strata(null, "pause", name).code()).isZero();
        Output paused = strata(null, "attach", name);
        assertThat(paused.code()).isEqualTo(1);
        assertThat(paused.err()).isEqualTo("You cannot attach to a paused container, unpause it first\n");
        assertThat(strata(null, "unpause", name).code()).isZero();

        Output missing = strata(null, "attach", "nosuch-" + name);
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("Error: No such container: nosuch-" + name + "\n");
        Output keys = strata(null, "attach", "--detach-keys", "bogus", name);
        assertThat(keys.code()).isEqualTo(1);
        assertThat(keys.err()).isEqualTo("Error: Invalid detach keys (bogus) provided\n");
    }

    @Test
    void theRefusalsAreDocker28sAgainstItsDaemon() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(docker("version", "--format", "{{.Client.Version}}").out()
                .startsWith("28."), "the docker client is not 28");
        String name = unique();
        String tag = name + ":busybox";
        Path tree = BusyboxImage.buildRoot(base.resolve(name + "-tree"));
        Process load = new ProcessBuilder("sh", "-c", "tar -C " + quoted(tree.toString()) + " -c . | docker import - " + tag)
                .redirectErrorStream(true).start();
        load.getInputStream().readAllBytes();
        assertThat(load.waitFor()).isZero();
        try {
            docker("create", "-it", "--name", name, tag, "sh");
            strata(null, "create", "-it", "--name", name, BusyboxImage.REFERENCE, "sh");
            assertThat(strata(null, "attach", name)).isEqualTo(asStrata(docker("attach", name)));
            docker("start", name);
            docker("pause", name);
            strata(null, "start", name);
            strata(null, "pause", name);
            assertThat(strata(null, "attach", name)).isEqualTo(asStrata(docker("attach", name)));
            strata(null, "unpause", name);
        } finally {
            docker("rm", "-f", name);
            docker("rmi", tag);
        }
    }

    private static Output docker(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        return new Output(process.waitFor(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    private static Output asStrata(Output docker) {
        return new Output(docker.code(), DockerCliParityTest.asStrata(docker.out()), DockerCliParityTest.asStrata(docker.err()));
    }

    @Test
    void pipedInputEndsTheContainersInputAsDockerRunIDoes() throws IOException {
        Output cat = strata("hi\nthere\n", "run", "-i", "--rm", BusyboxImage.REFERENCE, "cat");
        assertThat(cat.code()).isZero();
        assertThat(cat.out()).isEqualTo("hi\nthere\n");
        Output counted = strata("a\nb\nc\n", "run", "-i", "--rm", BusyboxImage.REFERENCE, "sh", "-c",
                "wc -l; echo to-stderr >&2; exit 7");
        assertThat(counted.code()).isEqualTo(7);
        assertThat(counted.out().strip()).isEqualTo("3");
        assertThat(counted.err()).isEqualTo("to-stderr\n");
        assertThat(containers.store().ids()).as("--rm removed them before run returned").isEmpty();
    }

    @Test
    void anAttachedRunEndsAtTheFirstExitOfARestartingContainer() throws Exception {
        String name = unique();
        Output run = strata("", "run", "-i", "--restart", "on-failure:1", "--name", name, BusyboxImage.REFERENCE,
                "sh", "-c", "echo ran; exit 3");
        assertThat(run.code()).isEqualTo(3);
        assertThat(run.out()).isEqualTo("ran\n");
        String restarts = "";
        for (long deadline = System.nanoTime() + 20_000_000_000L; System.nanoTime() < deadline; Thread.sleep(100)) {
            restarts = strata(null, "inspect", "-f", "{{.RestartCount}} {{.State.Status}}", name).out().strip();
            if (restarts.equals("1 exited")) {
                break;
            }
        }
        assertThat(restarts).as("its monitor restarted it once, as the policy says").isEqualTo("1 exited");
        assertThat(strata(null, "logs", name).out()).isEqualTo("ran\nran\n");
    }

    @Test
    void runTWithoutIGivesTheTerminalsOutput() throws IOException {
        Output tty = strata(null, "run", "-t", "--rm", BusyboxImage.REFERENCE, "sh", "-c", "tty; exit 2");
        assertThat(tty.code()).isEqualTo(2);
        assertThat(tty.out()).isEqualTo("/dev/pts/0\r\n");
    }

    @Test
    void aClientAttachedLaterSeesOutputFromThenOn() throws Exception {
        String name = unique();
        strata(null, "run", "-d", "-i", "--name", name, BusyboxImage.REFERENCE, "sh", "-c",
                "echo before; read line; echo after $line; exit 4");
        Thread.sleep(300);
        Output attached = strata("go\n", "attach", name);
        assertThat(attached.code()).isEqualTo(4);
        assertThat(attached.out()).isEqualTo("after go\n");
        assertThat(strata(null, "logs", name).out()).isEqualTo("before\nafter go\n");
    }

    @Test
    void aKilledMonitorEndsTheAttachWithAnErrorAndTheContainerReadsAsExited() throws Exception {
        String name = unique();
        strata(null, "run", "-dit", "--name", name, BusyboxImage.REFERENCE, "sh");
        Pane pane = pane("attach", name);
        pane.type("echo ali''ve");
        pane.waitFor("alive");
        int monitor = Integer.parseInt(strata(null, "inspect", "-f", "{{.State.Pid}}", name).out().strip());
        String ppid = Files.readString(Path.of("/proc/" + monitor + "/stat")).split("\\) ")[1].split(" ")[1];
        // the monitor is the container's parent (a child subreaper) with a terminal
        new ProcessBuilder("kill", "-9", ppid).start().waitFor();
        assertThat(pane.exitCode()).isEqualTo(1);
        assertThat(pane.screen().replace("\n", "")).contains("Error: lost the container's monitor while attached");
        // its terminal's master went with the monitor, so the shell has a hangup and goes too
        String shown = "";
        for (long deadline = System.nanoTime() + 10_000_000_000L; System.nanoTime() < deadline; Thread.sleep(100)) {
            shown = strata(null, "inspect", "-f", "{{.State.Status}} {{.State.ExitCode}} {{.State.Error}}", name).out();
            if (!shown.startsWith("running")) {
                break;
            }
        }
        assertThat(shown).isEqualTo("exited 255 container monitor exited before the container; exit status unknown\n");
    }

    private record Output(int code, String out, String err) {
    }

    private static Output strata(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandContext context = new CommandContext(() -> containers, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(stdin == null ? new byte[0] : stdin.getBytes(StandardCharsets.UTF_8)));
        int code = ContainerCli.run(context, args);
        return new Output(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String state(String name) {
        return strata(null, "inspect", "-f", "{{.State.Status}} {{.State.Running}}", name).out().strip();
    }

    private static String unique() {
        return PREFIX + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
    }

    /** {@code strata ARGS} in a new tmux pane of 100x30, its exit code written to a file when it ends. */
    private Pane pane(String... args) throws Exception {
        String session = unique();
        Path exit = base.resolve(session + ".exit");
        Map<String, String> env = dev.strata.testing.TestBridge.ENV;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> words = new ArrayList<>(List.of("env"));
        env.forEach((k, v) -> words.add(k + "=" + v));
        words.addAll(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                ContainerCli.class.getName(), "--root", root.toString()));
        words.addAll(List.of(args));
        String command = words.stream().map(AttachIntegrationTest::quoted).collect(Collectors.joining(" "))
                + "; echo $? > " + quoted(exit + ".tmp") + " && mv " + quoted(exit + ".tmp") + " " + quoted(exit.toString())
                + "; sleep 600";
        Process tmux = new ProcessBuilder("tmux", "new-session", "-d", "-s", session, "-x", "100", "-y", "30", command)
                .redirectErrorStream(true).start();
        assertThat(tmux.waitFor()).isZero();
        sessions.add(session);
        return new Pane(session, exit);
    }

    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private record Pane(String session, Path exitFile) {
        void type(String line) throws Exception {
            awaitClient();
            run("tmux", "send-keys", "-t", session, "-l", line);
            run("tmux", "send-keys", "-t", session, "Enter");
        }

        void keys(String... keys) throws Exception {
            for (String key : keys) {
                run("tmux", "send-keys", "-t", session, key);
                Thread.sleep(50);
            }
        }

        /** Waits until the client holds the terminal raw (its JVM is up and attached): tmux then shows no local echo. */
        void awaitClient() throws Exception {
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (System.nanoTime() < deadline) {
                Process stty = new ProcessBuilder("tmux", "display", "-p", "-t", session, "#{pane_tty}").start();
                String tty = new String(stty.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                stty.waitFor();
                Process mode = new ProcessBuilder("stty", "-a", "-F", tty).start();
                String modes = new String(mode.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                mode.waitFor();
                if (modes.contains("-icanon") && modes.contains("-echo ")) {
                    return;
                }
                Thread.sleep(50);
            }
            throw new AssertionError("the client never put its terminal in raw mode; it shows:\n" + screen());
        }

        String screen() throws Exception {
            Process capture = new ProcessBuilder("tmux", "capture-pane", "-p", "-J", "-t", session).start();
            String screen = new String(capture.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            capture.waitFor();
            return screen;
        }

        void waitFor(String expected) throws Exception {
            long deadline = System.nanoTime() + 20_000_000_000L;
            String screen = "";
            while (System.nanoTime() < deadline) {
                screen = screen();
                if (screen.contains(expected)) {
                    return;
                }
                Thread.sleep(50);
            }
            throw new AssertionError("the terminal never showed " + expected + "; it shows:\n" + screen);
        }

        boolean exited() {
            return Files.exists(exitFile);
        }

        int exitCode() throws Exception {
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (!Files.exists(exitFile)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the client did not exit; it shows:\n" + screen());
                }
                Thread.sleep(50);
            }
            return Integer.parseInt(Files.readString(exitFile).strip());
        }

        private static void run(String... command) throws Exception {
            assertThat(new ProcessBuilder(command).start().waitFor()).isZero();
        }
    }
}
