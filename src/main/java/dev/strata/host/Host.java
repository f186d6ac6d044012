package dev.strata.host;

import dev.strata.container.Containers;
import dev.strata.container.MonitorLauncher;
import dev.strata.container.SnapshotRootFs;
import dev.strata.digest.ChainId;
import dev.strata.digest.Digest;
import dev.strata.engine.Engine;
import dev.strata.engine.GarbageCollector;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Strata on this machine: a store opened with what runs containers on it (root file systems from the
 * store's snapshots, the OCI runtime, a monitor process for detached containers), wired once for any
 * program that drives Strata: the CLI, the Engine API daemon, a Java program of its own. Both parts open
 * on first use, so a command that lists images never opens the container store, and the containers
 * join the engine's garbage collection only when a collection or a use check needs them.
 */
public final class Host implements AutoCloseable {
    private final Path root;
    private final String storageDriver;
    private final Map<String, String> env;
    private Engine engine;
    private Containers containers;

    private Host(Path root, String storageDriver, Map<String, String> env) {
        this.root = root.toAbsolutePath().normalize();
        this.storageDriver = storageDriver;
        this.env = Map.copyOf(env);
    }

    /**
     * Strata at {@code root} with snapshot driver {@code storageDriver} (null: overlay2 where it works,
     * else vfs); {@code env} is the environment containers are made in (PATH to find the runtime, values
     * for {@code -e KEY}).
     */
    public static Host open(Path root, String storageDriver, Map<String, String> env) {
        return new Host(root, storageDriver, env);
    }

    /** The store root a program uses unless told: see {@link Engine#defaultRoot}. */
    public static Path defaultRoot(Map<String, String> env) {
        // user.name is known at JVM start; binding geteuid through FFM would cost ~50 ms of start-up
        return Engine.defaultRoot(env, "root".equals(System.getProperty("user.name")));
    }

    public Path root() {
        return root;
    }

    /** The image store and its services. */
    public synchronized Engine engine() throws IOException {
        if (engine == null) {
            engine = Engine.open(root, storageDriver);
            engine.garbage().addRoots(new LazyRoots());
        }
        return engine;
    }

    /** The containers, with their monitor process started as {@link ContainerMonitor}. */
    public synchronized Containers containers() throws IOException {
        if (containers == null) {
            Engine opened = engine();
            List<String> monitorArguments = new ArrayList<>(List.of("--root", root.toString()));
            if (storageDriver != null) {
                monitorArguments.addAll(List.of("--storage-driver", storageDriver));
            }
            containers = Containers.create(opened, new SnapshotRootFs(opened),
                    MonitorLauncher.sameJvm(ContainerMonitor.class.getName(), monitorArguments), env);
            // the first look at the containers since the host booted starts those whose policy says so
            containers.restartAfterBoot();
        }
        return containers;
    }

    /** Stands in for the containers in the engine's garbage collection until it needs them. */
    private final class LazyRoots implements GarbageCollector.Roots {
        @Override
        public Set<ChainId> layers() throws IOException {
            return containers().layers();
        }

        @Override
        public List<GarbageCollector.Use> usersOf(Digest imageId) throws IOException {
            return containers().usersOf(imageId);
        }

        @Override
        public void layerRemoved(ChainId chainId) throws IOException {
            containers().layerRemoved(chainId);
        }

        @Override
        public void sweep(Set<ChainId> liveLayers) throws IOException {
            containers().sweep(liveLayers);
        }
    }

    @Override
    public void close() {
        if (engine != null) {
            engine.close();
        }
    }
}
