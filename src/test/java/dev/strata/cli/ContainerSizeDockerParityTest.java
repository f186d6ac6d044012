package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.container.BusyboxImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ps --size} and {@code inspect --size} against the real Docker engine (20.10, overlay2, through the
 * docker 28 CLI): one image tar imported into both, one container that writes a 1 MiB file, a hard link
 * to it (counted once), a symbolic link (its own 6 bytes, not followed), a file it then deletes (a
 * whiteout, zero bytes) and a directory (zero bytes). Both must print the same SIZE column, the same
 * SizeRw and SizeRootFs to the byte, and the same {@code 0B} where sizes were not asked for.
 */
@Tag("integration")
class ContainerSizeDockerParityTest {
    @TempDir
    static Path root;
    @TempDir
    static Path scratch;
    private static final String TAG = BusyboxImage.uniqueTag("podtools");
    private static final String STRATA_IMAGE = "podtools-test/busybox:" + TAG;
    private static final String DOCKER_IMAGE = STRATA_IMAGE;
    private static final String NAME = TAG + "-writer";
    private static final Pattern TIMES = Pattern.compile(
            "(About an? \\w+|Less than a second|\\d+ \\w+) ago|\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d [+-]\\d{4} \\w+");
    private static final Pattern HEX = Pattern.compile("\\b[0-9a-f]{12}\\b");

    @BeforeAll
    static void images() throws IOException {
        Path tar = BusyboxImage.tar(scratch);
        CliRun imported = CliRun.run(root, "import", "-c", "CMD [\"sh\"]", tar.toString(), STRATA_IMAGE);
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        NetworkTestBed.run("docker", "import", "-c", "CMD [\"sh\"]", tar.toString(), DOCKER_IMAGE);
    }

    @AfterAll
    static void cleanUp() {
        VolumeDockerParityTest.docker(List.of("rm", "-f", NAME));
        VolumeDockerParityTest.docker(List.of("rmi", "-f", DOCKER_IMAGE));
        CliRun.run(root, "rm", "-f", NAME);
    }

    private static VolumeDockerParityTest.Result strata(List<String> args) {
        CliRun run = CliRun.run(root, args.toArray(String[]::new));
        return new VolumeDockerParityTest.Result(run.exitCode(), run.out(), run.err());
    }

    private static Map<String, String> scenario(Function<List<String>, VolumeDockerParityTest.Result> engine,
                                                String image) {
        Map<String, String> seen = new LinkedHashMap<>();
        java.util.function.BiConsumer<String, List<String>> step = (key, args) -> {
            VolumeDockerParityTest.Result r = engine.apply(args);
            seen.put(key, r.code() + "\n" + HEX.matcher(TIMES.matcher(r.out()).replaceAll("TIME")).replaceAll("ID")
                    + r.err());
        };
        step.accept("run", List.of("run", "--name", NAME, "--network", "none", image, "sh", "-c",
                "dd if=/dev/zero of=/tmp/f bs=1024 count=1024 2>/dev/null && ln /tmp/f /tmp/hard"
                        + " && ln -s /tmp/f /tmp/s && mkdir -p /var/new/dir && rm /etc/group"));
        String filter = "name=" + NAME;
        step.accept("size", List.of("ps", "-a", "--size", "--format", "{{.Size}}", "--filter", filter));
        step.accept("size implied", List.of("ps", "-a", "--format", "{{.Names}} {{.Size}}", "--filter", filter));
        step.accept("size refused", List.of("ps", "-a", "--size=false", "--format", "{{.Size}}", "--filter", filter));
        step.accept("json", List.of("ps", "-a", "--format", "json", "--filter", filter));
        step.accept("json sized", List.of("ps", "-a", "-s", "--format", "json", "--filter", filter));
        step.accept("platform", List.of("ps", "-a", "--format", "table {{.Platform}}|{{json .Platform}}|{{.Names}}",
                "--filter", filter));
        step.accept("template json", List.of("ps", "-a", "--format", "{{json .}}", "--filter", filter));
        // the columns' widths follow the times' words: compared with each run of padding as one
        VolumeDockerParityTest.Result table = engine.apply(List.of("ps", "-a", "-s", "--filter", filter));
        seen.put("table", table.code() + "\n" + HEX.matcher(TIMES.matcher(table.out()).replaceAll("TIME"))
                .replaceAll("ID").replaceAll(" {2,}", "   ") + table.err());
        step.accept("quiet", List.of("ps", "-a", "-q", "-s", "--filter", filter));
        step.accept("inspect -s image", List.of("inspect", "-s", "-f", "{{.Os}}", image));
        step.accept("inspect -s", List.of("inspect", "-s", "-f", "{{.SizeRw}} {{.SizeRootFs}}", NAME));
        step.accept("container inspect --size", List.of("container", "inspect", "--size", "-f",
                "{{json .SizeRw}} {{json .SizeRootFs}}", NAME));
        // without -s the fields are absent (Docker's template sees a nil pointer and prints <nil>; Strata's
        // templates run over the JSON and print <no value>: the JSON is compared, not the template)
        VolumeDockerParityTest.Result plain = engine.apply(List.of("inspect", NAME));
        seen.put("inspect", plain.code() + " " + plain.out().contains("SizeRw") + " " + plain.out().contains("SizeRootFs"));
        VolumeDockerParityTest.Result sized = engine.apply(List.of("inspect", "-s", NAME));
        seen.put("inspect -s json", sized.code() + " " + sized.out().lines().filter(l -> l.contains("\"Size")).toList());
        return seen;
    }

    @Test
    void sizesAreDockersToTheByte() {
        Map<String, String> docker = scenario(VolumeDockerParityTest::docker, DOCKER_IMAGE);
        Map<String, String> strata = scenario(ContainerSizeDockerParityTest::strata, STRATA_IMAGE);
        // what either engine must print: 1 MiB once (the hard link is the same inode) plus the link's 6 bytes
        assertThat(docker.get("inspect -s")).startsWith("0\n1048582 ");
        assertThat(docker.get("size")).matches("0\n1\\.05MB \\(virtual \\d\\.\\d\\dMB\\)\n");
        for (String key : docker.keySet()) {
            assertThat(strata.get(key)).as(key).isEqualTo(docker.get(key));
        }
    }
}
