package dev.strata.cli;

import dev.strata.container.ContainerJsonGoldenTest;
import dev.strata.engine.StoreFixture;
import dev.strata.testing.Golden;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code inspect}, plain and through --format templates, byte for byte, for an image and a container. */
class InspectGoldenTest {
    @TempDir
    Path root;

    private static final List<String> FORMATS = List.of("{{json .}}", "{{json .Config}}", "{{.Config.Cmd}}",
            "{{.Size}} {{printf \"%T %T\" .Size .Config.Labels}}", "{{range $k, $v := .Config.Labels}}{{$k}}={{$v}};{{end}}",
            "{{json .HostConfig.PidsLimit}} {{.State.Pid}} {{printf \"%T\" .State.Pid}} {{.HostConfig.Memory}}",
            "{{index .RepoTags 0}} {{len .RootFS.Layers}} {{.Metadata.LastTagTime}}");

    @Test
    void image() throws IOException {
        Path store = root.resolve("store");
        StoreFixture.image(StoreFixture.open(store));
        StringBuilder out = new StringBuilder();
        CliRun plain = CliRun.run(store, "--storage-driver", "vfs", "inspect", "bb:1", "example.com/team/bb:2");
        out.append(plain.exitCode()).append('\n').append(plain.out()).append(plain.err());
        for (String format : FORMATS) {
            CliRun run = CliRun.run(store, "--storage-driver", "vfs", "image", "inspect", "--format", format, "bb:1");
            out.append(run.exitCode()).append(' ').append(format).append('\n').append(run.out()).append(run.err());
        }
        Golden.assertMatches("inspect-image.txt", out.toString().replace(store.toString(), "/ROOT"));
    }

    private static String inspectContainer(String format) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Object container = ContainerJsonGoldenTest.inspected();
        String code;
        try {
            code = Integer.toString(Inspection.run(out, out, List.of("web", "nothing"), format,
                    Inspection.Kind.CONTAINER, Inspection.NONE, name -> name.equals("web") ? container : null));
        } catch (CommandFailure e) {
            code = e.getMessage();
        }
        return code + " " + format + "\n" + bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void container() throws IOException {
        StringBuilder out = new StringBuilder(inspectContainer(null));
        for (String format : FORMATS) {
            out.append(inspectContainer(format));
        }
        Golden.assertMatches("inspect-container-formats.txt", out.toString());
    }
}
