package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The docker CLI installed against strata, side by side: every command line of {@link DockerCliOutputTest}
 * and a few more, each run by both, docker's output with "docker" turned into "strata". Needs the docker
 * 28 client (Debian's docker.io is 20.10, whose words differ); skipped with another.
 */
@Tag("integration")
class DockerCliParityTest {
    @TempDir
    static Path root;

    @BeforeAll
    static void dockerIs28() throws IOException, InterruptedException {
        String version = docker("version", "--format", "{{.Client.Version}}").out().strip();
        assumeTrue(version.startsWith("28."), "the docker client is " + version + ", not 28");
    }

    static Stream<String> commandLines() {
        List<String> lines = new ArrayList<>();
        DockerCliOutputTest.cases().forEach(c -> lines.add(c.commandLine()));
        lines.addAll(List.of("images -qx", "rmi --help --bogus", "--help images", "image --help ls", "help image ls",
                "images --all= -q", "ps -n 0x1z", "image ls --help a b", "stop --timeout 1 nosuch", "logs --tail",
                "history -H=maybe x", "container ls -x", "image list -h", "container remove --bogus", "container wait",
                "system df --help", "search --limit 0x", "login -px", "logout --bogus", "manifest inspect -vx",
                "search -f stars=3 -f is-official=no x",
                "network --bogus", "network inspect --help", "network rm --help",
                "network prune --help", "network disconnect --help", "network ls -f bogus=1", "port nosuch",
                "network inspect nosuch", "network rm nosuchnet nosuch2", "network rm -f nosuchnet", "network ls -qx",
                "network create --subnet abc x", "network create --subnet 10.0.0.0/24 --ip-range 10.1.0.0/25 x",
                "network create --ip-range 10.1.0.0/25 x", "port x 1 2", "network connect --bogus a b",
                "run --network-alias x --network none busybox", "container port --help",
                "run --restart on-failure:x busybox", "run --rm --restart always busybox",
                "create --restart always:1x busybox", "run --no-healthcheck --health-cmd true busybox",
                "run --health-interval -1s busybox", "run --health-interval abc busybox",
                "create --health-retries -1 busybox", "run --health-timeout -2s busybox",
                "create --health-start-period -1ms busybox", "restart --bogus", "container restart", "restart nosuch",
                "pause nosuch", "unpause nosuch", "container pause", "top nosuch", "top", "rename nosuch x", "rename a",
                "stats --no-stream nosuch", "stats --bogus", "update nosuch", "update -m 3m nosuch",
                "container update --bogus", "container prune --bogus",
                "logs --since bogus nosuch", "logs --until 1x nosuch", "logs --details nosuch",
                "events --since foo", "events --until 2026-13-01", "events --since 2026-12-0x", "events --filter foo",
                "events a", "events --bogus", "events --help", "system events --help", "events --since 5 --until 2",
                "events --since 2026-12-03T12:00:00 --until 1", "events --since 1796299200.25 --until 1",
                "events --since 2026-12-03T12:00:00.5+01:00 --until 1", "events --since 2026-12-03 --until 1",
                "events --filter foo=bar --since 1 --until 2", "events --format {{.Bad --since 1 --until 2",
                "events --since 2026-02-30T10:00:00Z --until 2",
                "ps --size=maybe", "ps -s -q -f name=nosuch", "ps -s --format '{{.Size}}' -f name=nosuch", "ps --help",
                "inspect -s nosuch", "inspect --size=x nosuch", "inspect --help", "container inspect --help",
                "container inspect -s nosuch", "logs -t nosuch", "logs -t --details nosuch",
                "attach", "attach a b", "container attach --bogus", "attach --no-stdin", "attach --sig-proxy=maybe x",
                "attach --detach-keys", "attach --help", "container attach nosuch"));
        return lines.stream();
    }

    private static CliRun docker(String... args) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(Stream.concat(Stream.of("docker"), Stream.of(args)).toList())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        return new CliRun(process.waitFor(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    /**
     * docker's words as strata's: the program's name, but not the Dockerfile, Docker Hub, docker.io or
     * Docker's documentation; and what docker's daemon refused is, without a daemon, Strata's own error.
     */
    static String asStrata(String text) {
        return text.replace("Error response from daemon: ", "Error: ")
                .replace("docs.docker.com", "\0docs").replace("Dockerfile", "\0file").replace("Docker Hub", "\0hub")
                .replace("docker.io", "\0io").replace("docker", "strata").replace("Docker", "Strata")
                .replace("\0docs", "docs.docker.com").replace("\0file", "Dockerfile").replace("\0hub", "Docker Hub")
                .replace("\0io", "docker.io");
    }

    @ParameterizedTest
    @MethodSource("commandLines")
    void strataPrintsWhatDockerPrints(String commandLine) throws IOException, InterruptedException {
        String[] args = commandLine.split(" ");
        CliRun docker = docker(args);
        CliRun strata = CliRun.run(root, args);
        assertThat(strata).isEqualTo(new CliRun(docker.exitCode(), asStrata(docker.out()), asStrata(docker.err())));
    }
}
