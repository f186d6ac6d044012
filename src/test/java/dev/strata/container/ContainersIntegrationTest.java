package dev.strata.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.engine.Engine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Real containers, run by runc from a busybox root file system (copied by {@link CopyRootFs}). Needs root
 * and runc. Every container, its runtime state and its cgroup are removed after each test.
 */
@Tag("integration")
class ContainersIntegrationTest {
    private static Path base;
    private static Path root;
    private static Path data;
    private static Engine engine;
    private static Containers containers;

    @BeforeAll
    static void createStoreAndImage() throws IOException {
        base = Files.createTempDirectory("strata-container-it-");
        root = base.resolve("root");
        data = base.resolve("rootfs");
        engine = Engine.open(root);
        containers = Containers.open(engine, new CopyRootFs(engine, data), TestMonitorMain.launcher(root, data),
                System.getenv());
        BusyboxImage.importInto(engine, BusyboxImage.buildRoot(base.resolve("busybox")));
    }

    @AfterAll
    static void deleteStore() throws IOException {
        ContainerStore.deleteTree(base);
    }

    @AfterEach
    void removeEveryContainer() throws IOException {
        for (String id : containers.store().ids()) {
            try {
                containers.remove(id, true, false);
            } catch (IOException e) {
                // reported by the test that left it
            }
        }
        Path state = root.resolve("runtime/runc");
        if (Files.isDirectory(state)) {
            try (var left = Files.newDirectoryStream(state)) {
                for (Path dir : left) {
                    CopyRootFs.run("runc", "--root", state.toString(), "delete", "--force", dir.getFileName().toString());
                }
            }
        }
        assertThat(containers.store().ids()).isEmpty();
    }

    private static CreateOptions.Builder image() {
        return CreateOptions.image(BusyboxImage.REFERENCE);
    }

    /** Runs attached with captured output; returns exit code, stdout, stderr. */
    private record Result(int exitCode, String out, String err) {
    }

    private static Result run(CreateOptions options) throws IOException {
        return run(options, null);
    }

    private static Result run(CreateOptions options, String stdin) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = containers.run(options, Attach.streams(
                stdin == null ? null : new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), out, err));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void runPrintsTheImagesFileAndRemovesTheContainer() throws IOException {
        Result result = run(image().autoRemove(true).command("cat", "/etc/os-release").build());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo(BusyboxImage.OS_RELEASE);
        assertThat(containers.store().ids()).isEmpty();
    }

    @Test
    void exitCodeIsTheContainersAndIsRecorded() throws IOException {
        Result result = run(image().name("three").command("sh", "-c", "echo out; echo err >&2; exit 3").build());

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.out()).isEqualTo("out\n");
        assertThat(result.err()).isEqualTo("err\n");
        ContainerJson inspect = containers.inspect("three");
        assertThat(inspect.state().status()).isEqualTo("exited");
        assertThat(inspect.state().exitCode()).isEqualTo(3);
        assertThat(containers.waitFor("three")).isEqualTo(3);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        containers.logs("three", LogOptions.all(), out, err);
        assertThat(out.toString()).isEqualTo("out\n");
        assertThat(err.toString()).isEqualTo("err\n");
        assertThat(containers.list(true, true)).singleElement().satisfies(row -> {
            assertThat(row.status()).matches("Exited \\(3\\) (Less than a second|\\d+ seconds?) ago");
            assertThat(row.names()).isEqualTo("three");
            assertThat(row.command()).isEqualTo("\"sh -c 'echo out; ec…\"");
        });
        assertThat(containers.list(false, true)).isEmpty();
    }
}
