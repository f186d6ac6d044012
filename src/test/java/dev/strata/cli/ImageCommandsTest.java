package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.testing.Validate;
import dev.strata.testing.TarBuilder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageCommandsTest {
    @TempDir
    Path root;

    static final byte[] ROOTFS = new TarBuilder().dir("etc").file("etc/os-release", "ID=test\n").build();

    private String importImage(String ref, String... extra) {
        String[] args = new String[extra.length + 3];
        args[0] = "import";
        System.arraycopy(extra, 0, args, 1, extra.length);
        args[extra.length + 1] = "-";
        args[extra.length + 2] = ref;
        CliRun run = CliRun.run(root, ROOTFS, args);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).matches("sha256:[0-9a-f]{64}\n");
        return run.out().strip();
    }

    @Test
    void importThenListShowsDockersColumns() {
        String id = importImage("busybox:1.0");
        CliRun images = CliRun.run(root, "images");
        assertThat(images.out()).startsWith("REPOSITORY   TAG       IMAGE ID       CREATED");
        assertThat(images.out()).contains("busybox      1.0       " + id.substring(7, 19) + "   ");
        assertThat(images.out()).endsWith("   8B\n");
        assertThat(CliRun.run(root, "image", "ls", "-q").out()).isEqualTo(id.substring(7, 19) + "\n");
        assertThat(CliRun.run(root, "images", "--no-trunc", "--format", "{{.ID}} {{.Repository}}:{{.Tag}}").out())
                .isEqualTo(id + " busybox:1.0\n");
    }

    @Test
    void changesApplyToTheImportedConfig() {
        importImage("app", "--change", "CMD [\"sh\"]", "-c", "ENV A=1 B=\"two words\"", "-c", "WORKDIR /srv",
                "-c", "EXPOSE 80", "-c", "LABEL k=v", "-m", "my message");
        CliRun run = CliRun.run(root, "inspect", "--format",
                "{{json .Config.Cmd}} {{json .Config.Env}} {{.Config.WorkingDir}} {{json .Config.ExposedPorts}} {{.Config.Labels.k}} {{.Comment}}", "app");
        assertThat(run.out()).isEqualTo("[\"sh\"] [\"A=1\",\"B=two words\"] /srv {\"80/tcp\":{}} v my message\n");
    }

    @Test
    void formatJsonPrintsTheSameArrayCompactOnOneLine() {
        String id = importImage("app:1", "-m", "a <b> & c");
        String indented = CliRun.run(root, "inspect", "app:1", "app:1").out();
        String compact = CliRun.run(root, "inspect", "--format", "json", "app:1", "app:1").out();
        assertThat(compact).startsWith("[{\"Id\":\"" + id + "\",").endsWith("}]\n").containsOnlyOnce("\n")
                .contains("\"Comment\":\"a \\u003cb\\u003e \\u0026 c\"");
        assertThat(dev.strata.json.JsonReader.parse(compact.getBytes()))
                .isEqualTo(dev.strata.json.JsonReader.parse(indented.getBytes()));
    }

    @Test
    void aChangeThatIsNotAConfigInstructionIsRefusedBeforeAnythingIsStored() {
        CliRun run = CliRun.run(root, ROOTFS, "import", "-c", "RUN rm -rf /", "-", "x");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("Error: run is not a valid change command\n");
        CliRun bogus = CliRun.run(root, ROOTFS, "import", "-c", "FOO bar", "-", "x");
        assertThat(bogus.err()).isEqualTo("Error: foo is not a valid change command\n");
        assertThat(CliRun.run(root, "images", "-q").out()).isEmpty();
    }

    @Test
    void referenceAndDanglingFiltersSelectRows() {
        importImage("web/front:1");
        importImage("web/back:2");
        CliRun first = CliRun.run(root, ROOTFS, "import", "-", "web/front:1");
        assertThat(first.exitCode()).isZero();
        assertThat(CliRun.run(root, "images", "--format", "{{.Repository}}:{{.Tag}}", "-f", "reference=web/*").out().lines().sorted().toList())
                .containsExactly("web/back:2", "web/front:1");
        assertThat(CliRun.run(root, "images", "--format", "{{.Repository}}:{{.Tag}}", "web/back").out()).isEqualTo("web/back:2\n");
        assertThat(CliRun.run(root, "images", "--format", "{{.Repository}}:{{.Tag}}", "-f", "dangling=true").out())
                .isEqualTo("<none>:<none>\n");
        CliRun bad = CliRun.run(root, "images", "-f", "colour=red");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).isEqualTo("Error: Invalid filter 'colour'\n");
    }

    @Test
    void rmiPrintsUntaggedAndDeletedLines() {
        String id = importImage("one");
        CliRun tag = CliRun.run(root, "tag", "one", "two:x");
        assertThat(tag.exitCode()).isZero();
        assertThat(CliRun.run(root, "rmi", "two:x").out()).isEqualTo("Untagged: two:x\n");
        CliRun rmi = CliRun.run(root, "rmi", "one");
        assertThat(rmi.out()).startsWith("Untagged: one:latest\nDeleted: " + id + "\nDeleted: sha256:");
        assertThat(CliRun.run(root, "images", "-q").out()).isEmpty();
    }

    @Test
    void errorsUseDockersWordsAndExitCodes() {
        CliRun missing = CliRun.run(root, "rmi", "nothere");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("Error: No such image: nothere:latest\n");
        CliRun badTag = CliRun.run(root, "tag", "x", "Bad");
        assertThat(badTag.exitCode()).isEqualTo(1);
        assertThat(badTag.err()).isEqualTo("Error parsing reference: \"Bad\" is not a valid repository/tag: "
                + "invalid reference format: repository name (library/Bad) must be lowercase\n");
        CliRun badRef = CliRun.run(root, "history", "a//b");
        assertThat(badRef.exitCode()).isEqualTo(1);
        assertThat(badRef.err()).isEqualTo("Error: invalid reference format\n");
        CliRun arity = CliRun.run(root, "tag");
        assertThat(arity.exitCode()).isEqualTo(1);
        assertThat(arity.err()).startsWith("strata: 'strata tag' requires 2 arguments\n\nUsage:  strata tag");
        CliRun inspect = CliRun.run(root, "inspect", "nothing");
        assertThat(inspect.out()).isEqualTo("[]\n");
        assertThat(inspect.err()).isEqualTo("Error: No such object: nothing\n");
    }

    @Test
    void saveThenLoadIntoAnotherStoreKeepsIdAndTags(@TempDir Path other, @TempDir Path files) throws java.io.IOException {
        String id = importImage("saved:1");
        Path archive = files.resolve("out.tar");
        CliRun save = CliRun.run(root, "save", "-o", archive.toString(), "saved:1");
        assertThat(save.exitCode()).as(save.err()).isZero();
        CliRun load = CliRun.run(other, "load", "-i", archive.toString());
        assertThat(load.out()).isEqualTo("Loaded image: saved:1\n");
        Validate.storedImage(dev.strata.engine.Engine.open(other), "saved:1");
        assertThat(CliRun.run(other, "images", "--no-trunc", "--format", "{{.ID}} {{.Repository}}:{{.Tag}}").out())
                .isEqualTo(id + " saved:1\n");
        CliRun missing = CliRun.run(other, "load", "-i", files.resolve("absent.tar").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("no such file or directory");
        assertThat(archive.resolveSibling(".out.tar.strata-tmp")).doesNotExist();
    }

    @Test
    void historyAndSystemCheck() {
        String id = importImage("h");
        CliRun history = CliRun.run(root, "history", "--no-trunc", "h");
        assertThat(history.out()).startsWith("IMAGE").contains(id).contains("Imported from -");
        CliRun check = CliRun.run(root, "system", "check");
        assertThat(check.exitCode()).isZero();
        assertThat(check.out()).isEqualTo("OK: 1 images, 1 layers, 2 blobs, 1 references checked\n");
    }
}
