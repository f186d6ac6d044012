package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.container.BusyboxImage;
import dev.strata.event.Event;
import dev.strata.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code events} after a scenario (a container created, started, stopped and removed; one that exits 1;
 * an image imported, tagged, untagged and removed) run by Strata and by the real Docker engine: the
 * lists of (Type, Action, attribute names) agree, IDs and times aside. The shared dockerd's events of
 * other tests are left out by keeping only this run's containers (by name) and images (by ID).
 */
@Tag("integration")
class EventsIntegrationTest {
    @TempDir
    static Path root;
    @TempDir
    static Path scratch;
    private static final String TAG = "events-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
    private static Path tar;

    @BeforeAll
    static void image() throws IOException {
        Path tree = BusyboxImage.buildRoot(scratch.resolve("tree"));
        tar = scratch.resolve("image.tar");
        NetworkTestBed.run("tar", "--numeric-owner", "-C", tree.toString(), "-cf", tar.toString(), ".");
    }

    @AfterAll
    static void cleanUp() throws IOException, InterruptedException {
        for (String c : List.of("-c1", "-c2", "-follow")) {
            quietly("docker", "rm", "-f", TAG + c);
            CliRun.run(root, "rm", "-f", TAG + c);
        }
        for (String image : List.of(TAG + "/bb:1", TAG + "/bb:2", TAG + "/del:1")) {
            quietly("docker", "rmi", "-f", image);
        }
    }

    private static void quietly(String... command) throws IOException, InterruptedException {
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
                .waitFor();
    }

    private static VolumeDockerParityTest.Result strata(List<String> args) {
        CliRun run = CliRun.run(root, args.toArray(String[]::new));
        return new VolumeDockerParityTest.Result(run.exitCode(), run.out(), run.err());
    }

    /** {@code args} run by {@code engine}, which must succeed: what it printed, stripped. */
    private static String ok(Function<List<String>, VolumeDockerParityTest.Result> engine, List<String> args) {
        VolumeDockerParityTest.Result r = engine.apply(args);
        assertThat(r.code()).as(args + ": " + r.err()).isZero();
        return r.out().strip();
    }

    /** Runs the scenario with {@code engine}; the events it then lists, as JSON lines of {@code --format json}. */
    private static List<Event> scenario(Function<List<String>, VolumeDockerParityTest.Result> engine)
            throws InterruptedException {
        String image = TAG + "/bb:1";
        Function<List<String>, String> ok = args -> ok(engine, args);
        ok.apply(List.of("import", "-c", "CMD [\"sh\"]", tar.toString(), image));
        Thread.sleep(20);
        String since = Instant.now().toString();
        ok.apply(List.of("create", "--name", TAG + "-c1", "--label", "strata.test=" + TAG, image, "sleep", "30"));
        ok.apply(List.of("start", TAG + "-c1"));
        ok.apply(List.of("stop", "-t", "1", TAG + "-c1"));
        ok.apply(List.of("rm", TAG + "-c1"));
        ok.apply(List.of("run", "-d", "--name", TAG + "-c2", image, "false"));
        assertThat(engine.apply(List.of("wait", TAG + "-c2")).out().strip()).isEqualTo("1");
        ok.apply(List.of("rm", TAG + "-c2"));
        ok.apply(List.of("tag", image, TAG + "/bb:2"));
        ok.apply(List.of("rmi", TAG + "/bb:2"));
        // an image's labels are in its events while it is there (not in its delete), as dockerd gives them
        String deleted = ok.apply(List.of("import", "-c", "LABEL strata.image=" + TAG, tar.toString(), TAG + "/del:1"));
        ok.apply(List.of("rmi", TAG + "/del:1"));
        Thread.sleep(20);
        String until = Instant.now().toString();
        String listed = ok.apply(List.of("events", "--since", since, "--until", until, "--format", "json",
                "--filter", "type=container", "--filter", "type=image"));
        String imageId = ok.apply(List.of("image", "inspect", "--format", "{{.Id}}", image));
        Set<String> ours = Set.of(imageId, deleted);
        Predicate<Event> mine = e -> e.Type().equals("container")
                ? e.Actor().Attributes().getOrDefault("name", "").startsWith(TAG) : ours.contains(e.Actor().ID());
        List<Event> out = new ArrayList<>();
        for (String line : listed.lines().toList()) {
            Event event = Event.read(Json.requireObject(line.getBytes(StandardCharsets.UTF_8)));
            if (mine.test(event)) {
                out.add(event);
            }
        }
        ok.apply(List.of("rmi", image));
        return out;
    }

    /** What is compared: type, action, and the attribute names with the values that are not IDs or times. */
    private static String shape(Event e) {
        StringBuilder out = new StringBuilder(e.Type()).append(' ').append(e.Action());
        e.Actor().Attributes().forEach((key, value) -> out.append(' ').append(key)
                .append(key.equals("exitCode") || key.equals("signal") ? "=" + value : ""));
        return out.toString();
    }

    @Test
    void strataListsTheEventsDockerLists() throws InterruptedException {
        List<Event> strata = scenario(EventsIntegrationTest::strata);
        List<Event> docker = scenario(VolumeDockerParityTest::docker);
        List<String> strataShape = strata.stream().map(EventsIntegrationTest::shape).toList();
        assertThat(strataShape).containsExactly(
                "container create image name strata.test",
                "container start image name strata.test",
                "container kill image name signal=15 strata.test",
                "container kill image name signal=9 strata.test",
                "container die exitCode=137 image name strata.test",
                "container stop image name strata.test",
                "container destroy image name strata.test",
                "container create image name",
                "container start image name",
                "container die exitCode=1 image name",
                "container destroy image name",
                "image tag name",
                "image untag name",
                "image tag name strata.image",
                "image import name strata.image",
                "image untag name strata.image",
                "image delete name");
        assertThat(strataShape).isEqualTo(docker.stream().map(EventsIntegrationTest::shape).toList());
        // the values Docker gives: the image as named, the container's name, an image event's name
        Event create = strata.getFirst();
        assertThat(create.Actor().Attributes()).containsEntry("image", TAG + "/bb:1").containsEntry("name", TAG + "-c1")
                .containsEntry("strata.test", TAG);
        assertThat(create.From()).isEqualTo(TAG + "/bb:1");
        assertThat(create.Status()).isEqualTo("create");
        assertThat(strata.get(11).Actor().Attributes()).containsEntry("name", TAG + "/bb:2");
        assertThat(strata.get(12).Actor().Attributes().get("name")).isEqualTo(strata.get(12).Actor().ID());
        // in time order, as recorded
        for (int i = 1; i < strata.size(); i++) {
            assertThat(strata.get(i).TimeNano()).isGreaterThanOrEqualTo(strata.get(i - 1).TimeNano());
        }
    }

    /** pause, unpause, rename, exec, kill, restart, rm -f and a volume's life, under both. */
    @Test
    void lifecycleEventsAsDockersToo() throws InterruptedException {
        Function<Function<List<String>, VolumeDockerParityTest.Result>, List<String>> lifecycle = engine -> {
            String image = TAG + "/bb:1";
            String name = TAG + "-c1";
            Function<List<String>, String> ok = args -> ok(engine, args);
            ok.apply(List.of("import", "-c", "CMD [\"sh\"]", tar.toString(), image));
            String since = Instant.now().toString();
            ok.apply(List.of("run", "-d", "--name", name, image, "sleep", "30"));
            ok.apply(List.of("exec", name, "true"));
            assertThat(engine.apply(List.of("exec", name, "sh", "-c", "exit 3")).code()).isEqualTo(3);
            ok.apply(List.of("pause", name));
            ok.apply(List.of("unpause", name));
            ok.apply(List.of("rename", name, TAG + "-c2"));
            ok.apply(List.of("kill", "-s", "USR1", TAG + "-c2"));
            ok.apply(List.of("restart", "-t", "1", TAG + "-c2"));
            ok.apply(List.of("rm", "-f", TAG + "-c2"));
            ok.apply(List.of("run", "--rm", "--name", TAG + "-c3", image, "true"));
            ok.apply(List.of("volume", "create", TAG + "-v"));
            ok.apply(List.of("volume", "rm", TAG + "-v"));
            String until = Instant.now().toString();
            String listed = ok.apply(List.of("events", "--since", since, "--until", until, "--format", "json",
                    "--filter", "container=" + TAG, "--filter", "volume=" + TAG));
            ok.apply(List.of("rmi", image));
            List<String> shapes = new ArrayList<>();
            for (String line : listed.lines().toList()) {
                Event event = Event.read(Json.requireObject(line.getBytes(StandardCharsets.UTF_8)));
                if (event.Type().equals("container") || event.Type().equals("volume")) {
                    shapes.add(shape(event) + (event.Actor().Attributes().containsKey("oldName")
                            ? " " + event.Actor().Attributes().get("oldName") : ""));
                }
            }
            return shapes;
        };
        List<String> strata = lifecycle.apply(EventsIntegrationTest::strata);
        List<String> docker = lifecycle.apply(VolumeDockerParityTest::docker);
        assertThat(strata).contains("container exec_create: true  execID image name", "container pause image name",
                "container rename image name oldName /" + TAG + "-c1", "container kill image name signal=10",
                "container restart image name", "container attach image name", "volume create driver",
                "volume destroy driver");
        assertThat(strata).isEqualTo(docker);
    }

    /** {@code strata events} in a process of its own prints a create made by another within a second. */
    @Test
    void aFollowerSeesAnotherProcessesCreateAtOnce() throws Exception {
        VolumeDockerParityTest.Result imported = strata(List.of("import", tar.toString(), TAG + "/follow:1"));
        assertThat(imported.code()).as(imported.err()).isZero();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), "dev.strata.cli.Main",
                "--root", root.toString(), "events", "--filter", "event=create", "--format", "{{.Actor.Attributes.name}}"));
        Process follower = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(follower.getInputStream(), StandardCharsets.UTF_8))) {
            // the follower has started reading once a first create reaches it
            String warmUp = TAG + "-warm";
            String seen = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (seen == null && System.nanoTime() < deadline) {
                strata(List.of("create", "--name", warmUp, TAG + "/follow:1", "true"));
                strata(List.of("rm", warmUp));
                if (follower.getInputStream().available() > 0 || !follower.isAlive()) {
                    seen = lines.readLine();
                } else {
                    Thread.sleep(200);
                }
            }
            assertThat(seen).isEqualTo(warmUp);
            long before = System.nanoTime();
            assertThat(strata(List.of("create", "--name", TAG + "-follow", TAG + "/follow:1", "true")).code()).isZero();
            long created = System.nanoTime();
            String line = lines.readLine();
            while (warmUp.equals(line)) {
                line = lines.readLine(); // the other warm-up creates, printed before
            }
            assertThat(line).isEqualTo(TAG + "-follow");
            long seenAfter = System.nanoTime() - created;
            assertThat(TimeUnit.NANOSECONDS.toMillis(seenAfter)).as("ms from the create's return to the line; create took "
                    + TimeUnit.NANOSECONDS.toMillis(created - before) + " ms").isLessThan(1000);
        } finally {
            follower.destroy();
            follower.waitFor(10, TimeUnit.SECONDS);
            strata(List.of("rm", "-f", TAG + "-follow"));
            strata(List.of("rmi", TAG + "/follow:1"));
        }
    }
}
