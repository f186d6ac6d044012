package dev.strata.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.cli.CliRun;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code logs -t} and {@code --details} against the real Docker engine (20.10, json-file, through the
 * docker 28 CLI). First the golden case: the json-file log dockerd itself wrote (stdout and stderr lines,
 * a tab and a carriage return, UTF-8, a 20,000-byte line dockerd splits at 16 KiB, an unfinished last
 * line, log attributes from {@code --log-opt labels=,env=}) printed by Strata's reader must be
 * byte for byte what {@code docker logs} prints of it. Then the same container run by both engines:
 * the same output with each time masked, and a time must have all nine fraction digits to be masked.
 * (The order of lines written to stdout and stderr at the same moment is up to each engine's pumps: the
 * script pauses after each line to stderr so that {@code --tail} sees the same ones.)
 */
@Tag("integration")
class LogsDockerParityTest {
    @TempDir
    static Path root;
    @TempDir
    static Path scratch;
    private static final String TAG = BusyboxImage.uniqueTag("podtools");
    private static final String IMAGE = "podtools-test/busybox:" + TAG;
    private static final String SCRIPT = "echo hello; echo err >&2; sleep 0.3; printf 'tab\\there\\r\\n'; echo 'ünï ✓';"
            + " head -c 20000 /dev/zero | tr '\\0' x; echo; sleep 0.3; echo late >&2; sleep 0.3; echo -n partial";
    private static final Pattern FIXED_TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z");
    private static final List<List<String>> OPTIONS = List.of(List.of(), List.of("-t"), List.of("--details"),
            List.of("-t", "--details"), List.of("-t", "--tail", "3"));

    /** What one command printed and its exit status. */
    record Result(int code, String out, String err) {
        String masked() {
            return code + "\n" + FIXED_TIME.matcher(out).replaceAll("TIME") + "\n--\n"
                    + FIXED_TIME.matcher(err).replaceAll("TIME");
        }
    }

    @BeforeAll
    static void images() throws Exception {
        Path tar = BusyboxImage.tar(scratch);
        CliRun imported = CliRun.run(root, "import", tar.toString(), IMAGE);
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(docker("import", tar.toString(), IMAGE).code()).isZero();
    }

    @AfterAll
    static void cleanUp() {
        docker("rm", "-f", TAG + "-labelled", TAG + "-run");
        docker("rmi", "-f", IMAGE);
        CliRun.run(root, "rm", "-f", TAG + "-run");
    }

    static Result docker(String... args) {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        dev.strata.testing.PeerCommand.Output run = dev.strata.testing.PeerCommand.run(command);
        return new Result(run.code(), run.out(), run.err());
    }

    private static LogOptions options(List<String> flags) {
        int tail = flags.contains("--tail") ? Integer.parseInt(flags.get(flags.indexOf("--tail") + 1)) : -1;
        return new LogOptions(false, tail, flags.contains("-t"), null, null, flags.contains("--details"));
    }

    @Test
    void dockersOwnLogPrintsAsDockerPrintsIt() throws IOException {
        String name = TAG + "-labelled";
        Result run = docker("run", "--name", name, "--network", "none", "-l", "team=a b", "-l", "tier=x*y~z",
                "--log-opt", "labels=team,tier", "-e", "STAGE=ci", "--log-opt", "env=STAGE", IMAGE, "sh", "-c", SCRIPT);
        assertThat(run.code()).as(run.err()).isZero();
        Path log = Path.of(docker("inspect", "-f", "{{.LogPath}}", name).out().strip());
        Path copy = scratch.resolve("docker-json.log");
        Files.copy(log, copy);
        assertThat(Files.readString(copy)).contains("\"attrs\":{\"STAGE\":\"ci\",\"team\":\"a b\",\"tier\":\"x*y~z\"}");
        for (List<String> flags : OPTIONS) {
            List<String> args = new ArrayList<>(List.of("logs"));
            args.addAll(flags);
            args.add(name);
            Result expected = docker(args.toArray(String[]::new));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            LogPrinter.print(copy, options(flags), out, err, () -> false);
            assertThat(out.toString(StandardCharsets.UTF_8)).as("stdout of logs " + flags).isEqualTo(expected.out());
            assertThat(err.toString(StandardCharsets.UTF_8)).as("stderr of logs " + flags).isEqualTo(expected.err());
        }
        // the attributes, sorted and escaped as Go's url.QueryEscape escapes them
        assertThat(docker("logs", "--details", "--tail", "1", name).out()).isEqualTo("STAGE=ci,team=a+b,tier=x%2Ay~z partial");
    }

    @Test
    void theSameContainerLogsTheSameWithBothEngines() {
        String name = TAG + "-run";
        assertThat(docker("run", "--name", name, "--network", "none", IMAGE, "sh", "-c", SCRIPT).code()).isZero();
        assertThat(CliRun.run(root, "run", "--name", name, "--network", "none", IMAGE, "sh", "-c", SCRIPT).exitCode())
                .isZero();
        for (List<String> flags : OPTIONS) {
            List<String> args = new ArrayList<>(List.of("logs"));
            args.addAll(flags);
            args.add(name);
            Result expected = docker(args.toArray(String[]::new));
            CliRun strata = CliRun.run(root, args.toArray(String[]::new));
            assertThat(new Result(strata.exitCode(), strata.out(), strata.err()).masked()).as("logs " + flags)
                    .isEqualTo(expected.masked());
        }
        // the docker CLI's own check: every -t line starts with a time of nine fraction digits
        assertThat(docker("logs", "-t", name).out().lines().toList())
                .allSatisfy(line -> assertThat(line).matches(FIXED_TIME.pattern() + " .*"));
    }
}
