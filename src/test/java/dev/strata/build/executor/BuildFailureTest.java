package dev.strata.build.executor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.container.BusyboxImage;
import dev.strata.registry.client.RegistryServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Done-when 3 of issue 9: every bad input ends the build with a message naming the Dockerfile and line,
 * a non-zero exit status (a failed RUN's own), and nothing left behind: no container, mount, snapshot
 * or file in the store's temporary places. So does a build interrupted by Ctrl-C (SIGINT), and after a
 * SIGKILL the next build sweeps what the killed one left. Each build runs {@code strata} in a JVM of
 * its own, as a user runs it.
 */
@Tag("integration")
class BuildFailureTest extends BusyboxStoreTest {
    /** An empty registry, for the images no one has: names on it are pulled and not found. */
    private static RegistryServer registry;

    @BeforeAll
    static void outsideAndRegistry() throws IOException {
        ParityContexts.write(work.resolve("outside.txt"), "", "outside the context\n", 0644);
        registry = RegistryServer.plain(work.resolve("registry"));
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    @AfterEach
    void nothingIsLeftBehind() throws IOException {
        assertThat(strata.leftovers()).isEmpty();
    }

    private record Cli(int exitCode, String out, String err) {
    }

    private static Path context(String name, String dockerfile) throws IOException {
        Path dir = work.resolve("contexts").resolve(name);
        ParityContexts.write(dir, "Dockerfile", dockerfile, 0644);
        ParityContexts.write(dir, "a.txt", "alpha\n", 0644);
        ParityContexts.write(dir, "ignored.txt", "left out\n", 0644);
        ParityContexts.write(dir, ".dockerignore", "ignored.txt\n", 0644);
        return dir;
    }

    private static ProcessBuilder strataCommand(String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp", classPath,
                "dev.strata.cli.Main", "--root", strata.root.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        // the machine's registry settings and credentials are not the test's
        builder.environment().put("STRATA_CONFIG", work.resolve("config").toString());
        builder.environment().put("HOME", work.toString());
        return builder;
    }

    private static Cli build(Path context, String... flags) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("build", "--progress", "plain"));
        args.addAll(List.of(flags));
        args.add(context.toString());
        Process process = strataCommand(args.toArray(String[]::new)).start();
        process.getOutputStream().close();
        String[] errText = new String[1];
        Thread err = Thread.ofVirtual().start(() -> {
            try {
                errText[0] = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                errText[0] = e.toString();
            }
        });
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        err.join();
        return new Cli(process.exitValue(), out, errText[0]);
    }

    private static void fails(String dockerfile, int exitCode, String message, String... flags) throws Exception {
        Cli cli = build(context("case-" + Integer.toHexString(dockerfile.hashCode()), dockerfile), flags);
        assertThat(cli.err()).as(cli.out()).isEqualTo(message + "\n");
        assertThat(cli.exitCode()).isEqualTo(exitCode);
    }

    private static final String FROM = "FROM " + BusyboxImage.REFERENCE + "\n";

    @Test
    void aDockerfileErrorNamesTheFileAndLine() throws Exception {
        fails(FROM + "FORM x\n", 1, "Dockerfile:2: unknown instruction: FORM (did you mean FROM?)");
        fails(FROM + "COPY only-one\n", 1, "Dockerfile:2: COPY requires at least two arguments, but only one was"
                + " provided. Destination could not be determined");
    }

    @Test
    void aFailingRunGivesItsCommandItsOutputAndItsExitCode() throws Exception {
        Cli cli = build(context("failing-run", FROM + "COPY a.txt /a.txt\nRUN echo out; echo err >&2; exit 3\n"));
        assertThat(cli.exitCode()).isEqualTo(3);
        // the command's stdout and stderr come through two pipes, so their lines may come in either order
        assertThat(cli.out()).contains("Step 3/3 : RUN echo out; echo err >&2; exit 3\n ---> Running in ");
        List<String> running = cli.out().substring(cli.out().indexOf(" ---> Running in ")).lines().toList();
        assertThat(running).as(cli.out()).hasSize(4);
        assertThat(running.subList(1, 3)).containsExactlyInAnyOrder("out", "err");
        assertThat(running.get(3)).startsWith("Removing intermediate container ");
        assertThat(cli.err()).isEqualTo("Dockerfile:3: The command '/bin/sh -c echo out; echo err >&2; exit 3' "
                + "returned a non-zero code: 3\n");
    }

    @Test
    void aMissingExcludedOrOutsideSource() throws Exception {
        fails(FROM + "COPY nope.txt /x\n", 1, "Dockerfile:2: COPY failed: file not found in build context or "
                + "excluded by .dockerignore: stat nope.txt: file does not exist");
        fails(FROM + "ENV F=ignored.txt\nCOPY $F /x\n", 1, "Dockerfile:3: COPY failed: file not found in build "
                + "context or excluded by .dockerignore: stat ignored.txt: file does not exist");
        fails(FROM + "COPY ../outside.txt /x\n", 1, "Dockerfile:2: COPY failed: forbidden path outside the build "
                + "context: ../outside.txt ()");
        fails(FROM + "COPY *.none /x/\n", 1, "Dockerfile:2: COPY failed: no source files were specified");
        fails(FROM + "COPY a.txt Dockerfile /one\n", 1, "Dockerfile:2: When using COPY with more than one source "
                + "file, the destination must be a directory and end with a /");
    }

    @Test
    void anUnknownStageImageOrTarget() throws Exception {
        String missing = registry.address() + "/bld-none/image:1";
        String notFound = "manifest for " + missing + " not found: manifest unknown: manifest unknown";
        fails(FROM + "COPY --from=" + missing + " /a /b\n", 1, "Dockerfile:2: invalid from flag value " + missing
                + ": no stage of that name, and no such image: " + notFound);
        fails("FROM " + missing + "\n", 1, "Dockerfile:1: FROM " + missing + ": " + notFound);
        fails(FROM.replace("\n", " AS base\n") + "RUN true\n", 1, "Dockerfile: failed to reach build target nope in "
                + "Dockerfile: expected one of the stage names: base", "--target", "nope");
        fails(FROM + "COPY --chown=nobody a.txt /a\n", 1, "Dockerfile:2: unable to convert uid/gid chown string "
                + "to host mapping: can't find gid for group nobody: no such group: nobody");
    }

    @Test
    void aStageFailingWhileAnotherRunsStopsBoth() throws Exception {
        Cli cli = build(context("parallel", FROM + "RUN sleep 30\n" + FROM + "RUN exit 7\n"
                + "FROM scratch\nCOPY --from=0 /bin/busybox /a\nCOPY --from=1 /bin/busybox /b\n"));
        assertThat(cli.exitCode()).as(cli.err()).isEqualTo(7);
        assertThat(cli.err()).isEqualTo("Dockerfile:4: The command '/bin/sh -c exit 7' returned a non-zero code: 7\n");
    }

    @Test
    void ctrlCTakesTheBuildAway() throws Exception {
        Process process = startSleeping("interrupted");
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the build ends on SIGINT").isTrue();
        assertThat(process.exitValue()).isNotZero();
    }

    @Test
    void afterASigkillTheNextBuildSweeps() throws Exception {
        Process process = startSleeping("killed");
        process.destroyForcibly();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(strata.leftovers()).as("what the killed build left").isNotEmpty()
                .anyMatch(l -> l.startsWith("container "));
        Cli next = build(context("next", FROM + "RUN true\n"));
        assertThat(next.exitCode()).as(next.err()).isZero();
    }

    /** A build in its own JVM, once its RUN step is running {@code sleep 60}. */
    private static Process startSleeping(String name) throws Exception {
        Path context = context(name, FROM + "COPY a.txt /a.txt\nRUN echo sleeping-now && sleep 60\n");
        Process process = strataCommand("build", "--progress", "plain", "--no-cache", context.toString())
                .redirectErrorStream(true).start();
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null && !line.equals("sleeping-now")) {
            // the build's output, until the step runs
        }
        assertThat(line).as("the RUN step started").isEqualTo("sleeping-now");
        Thread.ofVirtual().start(() -> {
            try {
                reader.transferTo(java.io.Writer.nullWriter());
            } catch (IOException ignored) {
                // the process ended
            }
        });
        return process;
    }
}
