package dev.strata.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.engine.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A store of real containers for integration tests, registered as a static {@code @RegisterExtension}: an
 * engine in a fresh temporary directory with the busybox image, the copying root file system provider and
 * the test monitor. After each test every container and its runtime state are removed (and the test
 * fails if one cannot be); after the class, the directory.
 */
final class ContainerTestBed implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {
    private final String prefix;
    private Path base;
    private Path root;
    private Path data;
    private Engine engine;
    private Containers containers;

    ContainerTestBed(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        base = Files.createTempDirectory(prefix);
        root = base.resolve("root");
        data = base.resolve("rootfs");
        engine = Engine.open(root);
        containers = Containers.open(engine, new CopyRootFs(engine, data), TestMonitorMain.launcher(root, data),
                dev.strata.testing.TestBridge.with(System.getenv()));
        BusyboxImage.importInto(engine, BusyboxImage.buildRoot(base.resolve("busybox")));
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
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
        assertThat(containers.store().ids()).as("every container removed").isEmpty();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        ContainerStore.deleteTree(base);
    }

    Path base() {
        return base;
    }

    Path root() {
        return root;
    }

    Path data() {
        return data;
    }

    Engine engine() {
        return engine;
    }

    Containers containers() {
        return containers;
    }
}
