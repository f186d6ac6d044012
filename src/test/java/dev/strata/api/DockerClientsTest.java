package dev.strata.api;

import static dev.strata.api.TestDaemon.IMAGE;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real docker clients against Strata's daemon: the docker CLI 28 at /usr/local/bin/docker and, when
 * Debian's docker.io put it there, the 20.10 client at /usr/bin/docker, each through the commands people
 * run every day. Nothing here talks to the machine's dockerd: DOCKER_HOST is set per process.
 */
@Tag("integration")
class DockerClientsTest {
    private static TestDaemon daemon;

    @BeforeAll
    static void startDaemon() throws Exception {
        daemon = TestDaemon.shared();
    }

    static Stream<String> clients() {
        List<String> out = new ArrayList<>(List.of("/usr/local/bin/docker"));
        if (Files.isExecutable(Path.of("/usr/bin/docker"))) {
            out.add("/usr/bin/docker");
        }
        return out.stream();
    }

    private static String unique() {
        return TestDaemon.unique();
    }

    private static TestDaemon.Run docker(String client, String... args) throws Exception {
        return daemon.docker(client, args);
    }

    private static TestDaemon.Run ok(String client, String... args) throws Exception {
        return daemon.ok(client, args);
    }

    @ParameterizedTest
    @MethodSource("clients")
    void versionAndInfoNameStrata(String client) throws Exception {
        assertThat(ok(client, "version", "--format", "{{.Server.Version}} {{.Server.APIVersion}}").out())
                .isEqualTo(Daemon.REPORTED_VERSION + " " + ApiVersion.CURRENT + "\n");
        assertThat(ok(client, "info", "--format", "{{.Driver}} {{.OSType}} {{.DockerRootDir}}").out())
                .matches("(overlay2|vfs) linux " + daemon.root + "\n");
    }

    /** The /volumes endpoints and a container's Binds and Volumes, as the docker CLI sends them. */
    @ParameterizedTest
    @MethodSource("clients")
    void volumesKeepDataAndAreListedInspectedAndRemoved(String client) throws Exception {
        String volume = unique();
        String user = unique();
        assertThat(ok(client, "volume", "create", "--label", "k=v", volume).out()).isEqualTo(volume + "\n");
        ok(client, "run", "--rm", "-v", volume + ":/d", IMAGE, "sh", "-c", "echo kept > /d/f");
        assertThat(ok(client, "run", "--rm", "-v", volume + ":/d:ro", IMAGE, "cat", "/d/f").out()).isEqualTo("kept\n");
        assertThat(ok(client, "volume", "ls", "-f", "name=" + volume).out())
                .isEqualTo("DRIVER    VOLUME NAME\nlocal     " + volume + "\n");
        assertThat(ok(client, "volume", "inspect", "-f", "{{.Name}} {{.Driver}} {{.Labels}} {{.Scope}}", volume).out())
                .isEqualTo(volume + " local map[k:v] local\n");
        String id = ok(client, "create", "--name", user, "-v", volume + ":/d", "-v", "/anon", IMAGE, "true").out().strip();
        assertThat(ok(client, "inspect", "-f", "{{range .Mounts}}{{.Type}}:{{.Destination}} {{end}}", user).out())
                .isEqualTo("volume:/anon volume:/d \n");
        TestDaemon.Run inUse = docker(client, "volume", "rm", volume);
        assertThat(inUse.exit()).isEqualTo(1);
        assertThat(inUse.err()).isEqualTo("Error response from daemon: remove " + volume + ": volume is in use - ["
                + id + "]\n");
        String anonymous = ok(client, "inspect", "-f", "{{range .Mounts}}{{if eq .Destination \"/anon\"}}{{.Name}}{{end}}{{end}}",
                user).out().strip();
        ok(client, "rm", "-v", user);
        assertThat(ok(client, "volume", "ls", "-q").out()).contains(volume).doesNotContain(anonymous);
        assertThat(ok(client, "volume", "prune", "-f", "--filter", "label=k=v").out())
                .startsWith("Deleted Volumes:\n" + volume + "\n");
        TestDaemon.Run gone = docker(client, "volume", "inspect", volume);
        // the 28 client passes the daemon's words on ("get NAME: no such volume"); the 20.10 one words a 404 itself
        assertThat(gone.exit()).isEqualTo(1);
        assertThat(gone.err()).containsIgnoringCase("no such volume").contains(volume);
    }

    @ParameterizedTest
    @MethodSource("clients")
    void imagesListsTheStore(String client) throws Exception {
        TestDaemon.Run images = ok(client, "images");
        assertThat(images.out()).startsWith("REPOSITORY").contains("dmn-busybox").contains("latest");
        assertThat(ok(client, "images", "--format", "{{.Repository}}:{{.Tag}}", "dmn-busybox").out())
                .isEqualTo("dmn-busybox:latest\n");
    }

    @ParameterizedTest
    @MethodSource("clients")
    void runRmPassesStreamsAndExitCodeAndLeavesNothing(String client) throws Exception {
        String name = unique();
        TestDaemon.Run run = docker(client, "run", "--rm", "--name", name, IMAGE, "sh", "-c",
                "echo out; echo err >&2; exit 3");
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.out()).isEqualTo("out\n");
        assertThat(run.err()).isEqualTo("err\n");
        assertThat(ok(client, "ps", "-a", "--format", "{{.Names}}").out()).doesNotContain(name);
        TestDaemon.Run piped = daemon.client("through stdin\n".getBytes(StandardCharsets.UTF_8),
                TestDaemon.args(client, "run", "--rm", "-i", IMAGE, "cat"));
        assertThat(piped.out()).isEqualTo("through stdin\n");
    }

    private static TestDaemon.Run classicBuild(String client, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("env", "DOCKER_BUILDKIT=0", client, "build"));
        command.addAll(List.of(args));
        return daemon.client(command);
    }

    @ParameterizedTest
    @MethodSource("clients")
    void buildMakesAnImageTheClientRunsAndAFailedStepSaysWhy(String client) throws Exception {
        Path context = Files.createTempDirectory("dmn-build");
        Files.writeString(context.resolve("Dockerfile"), "FROM " + IMAGE + "\nARG GREETING=hi\n"
                + "COPY hello.txt /hello.txt\nRUN echo \"$GREETING from run\" > /run.txt\nLABEL made=by-daemon\n"
                + "CMD [\"cat\", \"/hello.txt\", \"/run.txt\"]\n");
        Files.writeString(context.resolve("hello.txt"), "hello from the context\n");
        String tag = unique() + ":built";

        TestDaemon.Run build = classicBuild(client, "--build-arg", "GREETING=hey", "-t", tag, context.toString());
        assertThat(build.exit()).as(build.all()).isEqualTo(0);
        assertThat(build.out()).contains("Step 1/6 : FROM " + IMAGE, "Step 4/6 : RUN echo \"$GREETING from run\"",
                "Successfully built ", "Successfully tagged " + tag);
        assertThat(ok(client, "run", "--rm", tag).out()).isEqualTo("hello from the context\nhey from run\n");
        assertThat(ok(client, "inspect", "-f", "{{index .Config.Labels \"made\"}}", tag).out()).isEqualTo("by-daemon\n");
        TestDaemon.Run quiet = classicBuild(client, "-q", context.toString());
        assertThat(quiet.out()).as(quiet.all()).matches("sha256:[0-9a-f]{64}\n");

        Files.writeString(context.resolve("Dockerfile"), "FROM " + IMAGE + "\nRUN echo doomed; exit 7\n");
        TestDaemon.Run failed = classicBuild(client, context.toString());
        assertThat(failed.exit()).as(failed.all()).isNotZero();
        assertThat(failed.out()).contains("doomed");
        assertThat(failed.all()).contains("returned a non-zero code: 7");
        assertThat(ok(client, "ps", "-a", "--no-trunc", "--format", "{{.Command}}").out()).doesNotContain("doomed");
        ok(client, "rmi", tag);
    }

    @ParameterizedTest
    @MethodSource("clients")
    void detachedRunLogsExecStopRm(String client) throws Exception {
        String name = unique();
        ok(client, "run", "-d", "--name", name, IMAGE, "sh", "-c", "echo one; echo two >&2; exec sleep 60");
        assertThat(ok(client, "ps", "--format", "{{.Names}} {{.Status}}").out()).contains(name + " Up");
        TestDaemon.Run exec = docker(client, "exec", name, "sh", "-c", "echo $((2+3)); echo e >&2; exit 4");
        assertThat(exec.exit()).as(exec.all()).isEqualTo(4);
        assertThat(exec.out()).isEqualTo("5\n");
        assertThat(exec.err()).isEqualTo("e\n");
        TestDaemon.Run interactive = daemon.client("typed\n".getBytes(StandardCharsets.UTF_8),
                TestDaemon.args(client, "exec", "-i", name, "cat"));
        assertThat(interactive.out()).isEqualTo("typed\n");
        assertThat(ok(client, "top", name).out()).contains("sleep 60");
        assertThat(ok(client, "stop", "-t", "1", name).out()).isEqualTo(name + "\n");
        TestDaemon.Run logs = ok(client, "logs", "-f", name);
        assertThat(logs.out()).isEqualTo("one\n");
        assertThat(logs.err()).isEqualTo("two\n");
        assertThat(ok(client, "inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", name).out())
                .isEqualTo("exited 137\n");
        assertThat(ok(client, "rm", name).out()).isEqualTo(name + "\n");
        TestDaemon.Run gone = docker(client, "inspect", name);
        assertThat(gone.exit()).isEqualTo(1);
        assertThat(gone.err()).contains("No such object: " + name);
    }

    @ParameterizedTest
    @MethodSource("clients")
    void logsFollowStreamsWhileTheContainerWrites(String client) throws Exception {
        String name = unique();
        ok(client, "run", "-d", "--name", name, IMAGE, "sh", "-c",
                "for i in 1 2 3; do echo line $i; sleep 0.3; done");
        TestDaemon.Run logs = ok(client, "logs", "-f", name);
        assertThat(logs.out()).isEqualTo("line 1\nline 2\nline 3\n");
        assertThat(ok(client, "logs", "--tail", "1", name).out()).isEqualTo("line 3\n");
        ok(client, "rm", name);
    }

    @ParameterizedTest
    @MethodSource("clients")
    void interactiveTerminalUnderTmux(String client) throws Exception {
        String name = unique();
        String session = unique();
        List<String> tmux = List.of("tmux", "new-session", "-d", "-s", session, "-x", "100", "-y", "30",
                "env DOCKER_HOST=" + daemon.dockerHost() + " " + client + " run -it --rm --name " + name + " " + IMAGE
                        + " sh");
        assertThat(new ProcessBuilder(tmux).start().waitFor()).isZero();
        try {
            String screen = waitForScreen(session, "/ #");
            sendKeys(session, "echo typed-$((6*7)); stty size");
            screen = waitForScreen(session, "typed-42");
            screen = waitForScreen(session, "30 100");
            assertThat(screen).contains("typed-42").contains("30 100");
            sendKeys(session, "exit");
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (new ProcessBuilder("tmux", "has-session", "-t", session).start().waitFor() == 0) {
                assertThat(System.nanoTime()).as("the client exits after the shell").isLessThan(deadline);
                Thread.sleep(100);
            }
        } finally {
            new ProcessBuilder("tmux", "kill-session", "-t", session).start().waitFor();
        }
        assertThat(ok(client, "ps", "-a", "--format", "{{.Names}}").out()).doesNotContain(name);
    }

    private static void sendKeys(String session, String text) throws Exception {
        new ProcessBuilder("tmux", "send-keys", "-t", session, "-l", text).start().waitFor();
        new ProcessBuilder("tmux", "send-keys", "-t", session, "Enter").start().waitFor();
    }

    private static String waitForScreen(String session, String expected) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        String screen = "";
        while (System.nanoTime() < deadline) {
            Process capture = new ProcessBuilder("tmux", "capture-pane", "-p", "-t", session).start();
            screen = new String(capture.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            capture.waitFor();
            if (screen.contains(expected)) {
                return screen;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the terminal never showed " + expected + "; it shows:\n" + screen);
    }

    @ParameterizedTest
    @MethodSource("clients")
    void copyBothWays(String client) throws Exception {
        String name = unique();
        ok(client, "create", "--name", name, IMAGE, "true");
        Path work = Files.createTempDirectory(daemon.dir, "cp-");
        Files.writeString(work.resolve("in.txt"), "into the container\n");
        Files.createDirectories(work.resolve("tree/sub"));
        Files.writeString(work.resolve("tree/sub/deep.txt"), "deep\n");
        ok(client, "cp", work.resolve("in.txt").toString(), name + ":/tmp/");
        ok(client, "cp", work.resolve("tree").toString(), name + ":/copied");
        ok(client, "cp", name + ":/tmp/in.txt", work.resolve("back.txt").toString());
        ok(client, "cp", name + ":/copied", work.resolve("tree-back").toString());
        assertThat(Files.readString(work.resolve("back.txt"))).isEqualTo("into the container\n");
        assertThat(Files.readString(work.resolve("tree-back/sub/deep.txt"))).isEqualTo("deep\n");
        TestDaemon.Run missing = docker(client, "cp", name + ":/no/such", work.resolve("x").toString());
        assertThat(missing.exit()).isEqualTo(1);
        // the clients stat the path first (HEAD, a 404 without a body) and word it themselves, as against dockerd
        assertThat(missing.err()).containsPattern("No such container:path: " + name + ":/no/such|Could not find the file /no/such");
        ok(client, "rm", name);
    }

    @ParameterizedTest
    @MethodSource("clients")
    void commitDiffHistoryInspectTagRmi(String client) throws Exception {
        String name = unique();
        String repo = unique();
        ok(client, "run", "--name", name, IMAGE, "sh", "-c", "echo data > /data.txt");
        assertThat(ok(client, "diff", name).out()).contains("A /data.txt");
        String id = ok(client, "commit", "-m", "committed by a test", "-c", "CMD [\"cat\", \"/data.txt\"]", name,
                repo + ":1").out().strip();
        assertThat(id).startsWith("sha256:");
        assertThat(ok(client, "history", "--no-trunc", "--format", "{{.CreatedBy}}|{{.Comment}}", repo + ":1").out())
                .startsWith("sh -c echo data > /data.txt|committed by a test\n");
        assertThat(ok(client, "inspect", "-f", "{{.Id}} {{.Config.Cmd}}", repo + ":1").out())
                .isEqualTo(id + " [cat /data.txt]\n");
        ok(client, "tag", repo + ":1", repo + ":2");
        assertThat(ok(client, "run", "--rm", repo + ":2").out()).isEqualTo("data\n");
        assertThat(ok(client, "rmi", repo + ":2").out()).isEqualTo("Untagged: " + repo + ":2\n");
        ok(client, "rm", name);
        assertThat(ok(client, "rmi", repo + ":1").out()).contains("Untagged: " + repo + ":1").contains("Deleted: " + id);
    }

    @ParameterizedTest
    @MethodSource("clients")
    void saveThenLoad(String client) throws Exception {
        String repo = unique();
        ok(client, "tag", IMAGE, repo + ":saved");
        TestDaemon.Run save = daemon.client(TestDaemon.args("sh", "-c",
                client + " save " + repo + ":saved > " + daemon.dir.resolve(repo + ".tar")));
        assertThat(save.exit()).as(save.all()).isZero();
        ok(client, "rmi", repo + ":saved");
        TestDaemon.Run load = daemon.client(Files.readAllBytes(daemon.dir.resolve(repo + ".tar")),
                TestDaemon.args(client, "load"));
        assertThat(load.exit()).as(load.all()).isZero();
        assertThat(load.out()).isEqualTo("Loaded image: " + repo + ":saved\n");
        // as people type it: one client's save straight into another's load, under a new name
        ok(client, "tag", repo + ":saved", repo + ":piped");
        ok(client, "rmi", repo + ":saved");
        TestDaemon.Run piped = daemon.client(TestDaemon.args("sh", "-c", client + " save " + repo + ":piped | " + client
                + " load && " + client + " rmi " + repo + ":piped"));
        assertThat(piped.exit()).as(piped.all()).isZero();
        assertThat(piped.out()).isEqualTo("Loaded image: " + repo + ":piped\nUntagged: " + repo + ":piped\n");
    }

    /** A web server on a network of its own, published on a port the kernel picks; curl-free: Java fetches it. */
    @ParameterizedTest
    @MethodSource("clients")
    void publishedPortsAndNetworks(String client) throws Exception {
        String network = unique();
        String server = unique();
        String peer = unique();
        ok(client, "network", "create", "--label", "dmn=net", network);
        try {
            assertThat(ok(client, "network", "ls", "--filter", "label=dmn=net", "--format", "{{.Name}} {{.Driver}}").out())
                    .isEqualTo(network + " bridge\n");
            ok(client, "run", "-d", "--name", server, "--network", network, "--network-alias", "web",
                    "-p", "127.0.0.1::8080", IMAGE, "sh", "-c",
                    "mkdir /www && echo served > /www/index.html && exec httpd -f -p 8080 -h /www");
            String port = ok(client, "port", server, "8080").out().strip();
            assertThat(port).matches("127\\.0\\.0\\.1:[0-9]+");
            assertThat(ok(client, "ps", "--filter", "name=" + server, "--format", "{{.Ports}}").out())
                    .isEqualTo(port + "->8080/tcp\n");
            assertThat(fetch("http://" + port + "/index.html")).isEqualTo("served\n");
            assertThat(ok(client, "inspect", "-f", "{{range $k, $v := .NetworkSettings.Networks}}{{$k}}{{end}}", server)
                    .out()).isEqualTo(network + "\n");
            assertThat(ok(client, "network", "inspect", "-f", "{{range .Containers}}{{.Name}}{{end}}", network).out())
                    .isEqualTo(server + "\n");
            // another container on the network reaches the server by its alias
            ok(client, "create", "--name", peer, IMAGE, "sh", "-c", "wget -q -O - http://web:8080/index.html");
            ok(client, "network", "connect", network, peer);
            TestDaemon.Run reached = docker(client, "start", "-a", peer);
            assertThat(reached.out()).as(reached.all()).isEqualTo("served\n");
            ok(client, "network", "disconnect", network, peer);
        } finally {
            docker(client, "rm", "-f", server, peer);
            docker(client, "network", "rm", network);
        }
        assertThat(ok(client, "network", "ls", "--format", "{{.Name}}").out()).doesNotContain(network);
    }

    /** The body of an HTTP GET, tried for up to a minute while the server comes up. */
    private static String fetch(String url) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            try {
                return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            } catch (java.io.IOException notYet) {
                assertThat(System.nanoTime()).as("the server answers " + url).isLessThan(deadline);
                Thread.sleep(100);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("clients")
    void systemDfCountsImagesAndContainers(String client) throws Exception {
        TestDaemon.Run df = ok(client, "system", "df", "--format", "{{.Type}} {{.TotalCount}}");
        assertThat(df.out()).containsPattern("Images [1-9]").contains("Containers ").contains("Local Volumes 0");
    }
}
