package dev.strata.container;

import dev.strata.engine.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A store of real containers for integration tests: an engine in a fresh temporary directory, the busybox
 * image, the copying root file system provider and the test monitor; every container and its runtime
 * state removed after each test.
 */
final class ContainerTestBed {
    final Path base;
    final Path root;
    final Path data;
    final Engine engine;
    final Containers containers;

    private ContainerTestBed(String prefix) throws IOException {
        base = Files.createTempDirectory(prefix);
        root = base.resolve("root");
        data = base.resolve("rootfs");
        engine = Engine.open(root);
        containers = Containers.open(engine, new CopyRootFs(engine, data), TestMonitorMain.launcher(root, data),
                dev.strata.testing.TestBridge.with(System.getenv()));
        BusyboxImage.importInto(engine, BusyboxImage.buildRoot(base.resolve("busybox")));
    }

    static ContainerTestBed open(String prefix) throws IOException {
        return new ContainerTestBed(prefix);
    }

    /** Removes every container (forced) and whatever runtime state a failed test left; true if none is left. */
    boolean removeEveryContainer() throws IOException {
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
        return containers.store().ids().isEmpty();
    }

    void delete() throws IOException {
        ContainerStore.deleteTree(base);
    }
}
