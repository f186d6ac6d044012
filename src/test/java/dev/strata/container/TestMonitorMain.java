package dev.strata.container;

import dev.strata.engine.Engine;
import java.nio.file.Path;
import java.util.List;

/**
 * The monitor process for tests: what {@code strata container-monitor ID} is for the CLI, wired to the
 * copying root file system provider. Arguments: engine root, provider data directory, container ID.
 */
public final class TestMonitorMain {
    public static void main(String[] args) throws Exception {
        Engine engine = Engine.open(Path.of(args[0]));
        Containers containers = Containers.open(engine, new CopyRootFs(engine, Path.of(args[1])),
                launcher(Path.of(args[0]), Path.of(args[1])), System.getenv());
        try {
            containers.monitor(args[2], System.out);
            System.exit(0);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    static MonitorLauncher launcher(Path engineRoot, Path data) {
        return MonitorLauncher.sameJvm(TestMonitorMain.class.getName(), List.of(engineRoot.toString(), data.toString()));
    }
}
