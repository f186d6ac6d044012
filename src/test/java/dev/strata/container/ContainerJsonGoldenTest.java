package dev.strata.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.image.ContainerConfig;
import dev.strata.image.ImageConfig;
import dev.strata.json.Json;
import dev.strata.template.Formatter;
import dev.strata.testing.Golden;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container side's JSON, byte for byte as Strata has always written it: the stored record, the
 * runtime spec and exec process, a json-file log line, {@code container inspect} and {@code ps} rows.
 */
public class ContainerJsonGoldenTest {
    static final String ID = "0123456789ab" + "c".repeat(52);
    static final Path DIR = Path.of("/var/lib/strata/containers/" + ID);

    @TempDir
    Path tmp;

    /** A container with every option Strata stores set. */
    public static ContainerRecord fullRecord() throws IOException {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("z", "1");
        labels.put("a", "<&>");
        CreateOptions options = CreateOptions.image("bb:1").name("web").command("sh", "-c", "echo 'a b' > /x")
                .entrypoint("/entry").env("A=1").workdir("/w").user("1000:1000").volume("/srv:/data:ro")
                .volume("/tmp:/tmp").network("host").readOnly(true).memory(64L << 20).nanoCpus(1_500_000_000L)
                .pidsLimit(100L).tty(true).interactive(true).autoRemove(true).labels(labels).build();
        ImageConfig image = new ImageConfig("amd64", null, null,
                ContainerConfig.empty().with().env(List.of("PATH=/bin")).cmd(List.of("sh")).build(), null, null, null,
                null, null, "linux", null, null, null, null);
        ContainerConfigs.Resolved resolved = ContainerConfigs.resolve(image, options, ID, Map.of());
        ContainerState state = ContainerState.created().started(4242, "2026-01-01T00:00:01.5Z", 4000, 123456789L)
                .exited(3, "2026-01-01T00:00:02Z", "boom \"x\"");
        return new ContainerRecord(ID, "2026-01-01T00:00:00.123Z", resolved.path(), resolved.args(), state,
                "sha256:" + "f".repeat(64), "/web", "overlay2", 0, resolved.config(), resolved.hostConfig());
    }

    /** A container made with no options at all. */
    public static ContainerRecord bareRecord() throws IOException {
        ImageConfig image = new ImageConfig("amd64", null, null, ContainerConfig.empty().with().cmd(List.of("sh")).build(),
                null, null, null, null, null, "linux", null, null, null, null);
        ContainerConfigs.Resolved resolved = ContainerConfigs.resolve(image, CreateOptions.image("bb:1").build(), ID,
                Map.of());
        return new ContainerRecord(ID, "2026-01-01T00:00:00Z", resolved.path(), resolved.args(),
                ContainerState.created(), "sha256:" + "f".repeat(64), "/bare", "vfs", 0, resolved.config(),
                resolved.hostConfig());
    }

    /** {@code container inspect}'s object for {@link #fullRecord}. */
    public static ContainerJson inspected() throws IOException {
        return ContainerJson.of(fullRecord(), DIR, DIR.resolve(ID + "-json.log"), "overlay2",
                new LinkedHashMap<>(Map.of("UpperDir", "/u")));
    }

    public static ContainerJson inspectedBare() throws IOException {
        return ContainerJson.of(bareRecord(), DIR, DIR.resolve(ID + "-json.log"), "vfs", null);
    }

    private static byte[] compact(Object value) {
        return Json.write(value);
    }

    private static String indented(Object value) {
        return Json.writeIndented(value);
    }

    private static ContainerRecord parseRecord(byte[] json) {
        return ContainerRecord.fromJson(Json.object(json));
    }

    /** ps rows as PsCommand gives them to the formatter. */
    static List<Object> rows(List<ContainerSummary> summaries) {
        List<Object> maps = new ArrayList<>();
        summaries.forEach(row -> maps.add(Json.tree(row)));
        return maps;
    }

    @Test
    void storedRecord() throws IOException {
        Golden.assertMatches("container-record.json", compact(fullRecord()));
        Golden.assertMatches("container-record-bare.json", compact(bareRecord()));
        Golden.assertMatches("container-record.json", compact(parseRecord(Golden.read("container-record.json"))));
        Golden.assertMatches("container-record-bare.json", compact(parseRecord(Golden.read("container-record-bare.json"))));
    }

    /** A record written before volumes existed has no MountPoints: its binds are its mounts. */
    @Test
    void recordWithoutMountPointsReadsItsBinds() throws IOException {
        ContainerRecord old = parseRecord(Golden.read("container-record-before-volumes.json"));
        assertThat(old.mountPoints()).extracting(MountPoint::type, MountPoint::source, MountPoint::destination,
                MountPoint::rw).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("bind", "/srv", "/data", false),
                        org.assertj.core.groups.Tuple.tuple("bind", "/tmp", "/tmp", true));
        assertThat(compact(old)).isEqualTo(compact(fullRecord()));
    }

    @Test
    void runtimeSpecAndProcess() throws IOException {
        OciSpec spec = OciSpecs.container(fullRecord(), new ProcessUser(1000, 1000, List.of(1000, 27)),
                Path.of("/merged"), DIR, new Posix.WindowSize(24, 80));
        Golden.assertMatches("oci-spec.json", compact(spec));
        Golden.assertMatches("oci-spec-bare.json", compact(OciSpecs.container(bareRecord(), ProcessUser.ROOT,
                Path.of("/merged"), DIR, null)));
        Golden.assertMatches("oci-process.json", compact(OciSpecs.process(List.of("sh", "-c", "a && b"),
                List.of("A=<1>"), "/", new ProcessUser(5, 6, List.of()), false, null)));
    }

    @Test
    void logLines() throws IOException {
        Path log = tmp.resolve("log.json");
        try (JsonFileLog file = JsonFileLog.open(log)) {
            byte[] text = "hello <world> & \"all\"\n\u0001\t\u00e9\u2028".getBytes(StandardCharsets.UTF_8);
            file.write("stdout", text, 0, text.length, Instant.parse("2026-01-01T00:00:00.000000001Z"));
            byte[] invalid = {'a', (byte) 0xff, 'b'};
            file.write("stderr", invalid, 0, invalid.length, Instant.parse("2026-01-01T00:00:01Z"));
        }
        Golden.assertMatches("json-file.log", Files.readAllBytes(log));
    }

    @Test
    void inspect() throws IOException {
        Golden.assertMatches("inspect-container.txt", indented(List.of(inspected())) + "\n");
        Golden.assertMatches("inspect-container-bare.txt", indented(List.of(inspectedBare())) + "\n");
    }

    @Test
    void psRows() throws IOException {
        ContainerSummary row = new ContainerSummary("0123456789ab", "bb:1", "\"sh -c 'echo <a>'\"",
                "2026-01-01 00:00:00 +0000 UTC", "2 hours ago", "", "Up 2 hours", "0B", "web", "a=<&>,z=1", "0",
                "/srv", "host", "running");
        ContainerSummary of = ContainerSummary.of(bareRecord(), "bb:1", Instant.parse("2026-01-01T01:00:00Z"), true);
        // CreatedAt is in the local time zone: fixed here
        ContainerSummary bare = new ContainerSummary(of.id(), of.image(), of.command(), "2026-01-01 00:00:00 +0000 UTC",
                of.runningFor(), of.ports(), of.status(), of.size(), of.names(), of.labels(), of.localVolumes(),
                of.mounts(), of.networks(), of.state());
        List<Object> maps = rows(List.of(row, bare));
        Formatter formatter = new Formatter("table {{.ID}}\t{{.Image}}", Map.of("ID", "CONTAINER ID", "Image", "IMAGE"));
        Golden.assertMatches("ps-json.txt", formatter.render("{{json .}}", maps) + formatter.render("json", maps)
                + formatter.render("table {{.ID}}\t{{.Command}}\t{{.Labels}}\t{{.State}}", maps)
                + formatter.render("{{.Names}} {{json .Labels}} {{printf \"%T\" .Size}}", maps));
    }
}
