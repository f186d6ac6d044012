package dev.strata.cli;

import dev.strata.container.Containers;
import dev.strata.container.MonitorLauncher;
import dev.strata.container.SnapshotRootFs;
import dev.strata.digest.ChainId;
import dev.strata.digest.Digest;
import dev.strata.engine.Engine;
import dev.strata.engine.GarbageCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * What every command runs with: the global options, the standard streams and, opened on first use,
 * the engine. One per invocation of {@link Main#run}; commands reach it with {@link #current()}.
 */
public final class Context {
    private static final ThreadLocal<Context> CURRENT = new ThreadLocal<>();

    private final Path root;
    private final String storageDriver;
    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;
    private final Map<String, String> env;
    private final boolean debug;
    private Engine engine;

    public Context(Path root, String storageDriver, PrintStream out, PrintStream err, InputStream in,
                   Map<String, String> env, boolean debug) {
        this.root = root;
        this.storageDriver = storageDriver;
        this.out = out;
        this.err = err;
        this.in = in;
        this.env = env;
        this.debug = debug;
    }

    /** The context of the command running on this thread. */
    public static Context current() {
        Context context = CURRENT.get();
        if (context == null) {
            throw new IllegalStateException("no strata command is running on this thread");
        }
        return context;
    }

    static void enter(Context context) {
        CURRENT.set(context);
    }

    static void leave() {
        CURRENT.remove();
    }

    public static Path rootFrom(Map<String, String> env) {
        // user.name is known at JVM start; binding geteuid through FFM would cost ~50 ms of start-up
        return Engine.defaultRoot(env, "root".equals(System.getProperty("user.name")));
    }

    public Path root() {
        return root;
    }

    /** The storage driver asked for with {@code --storage-driver}, or null for automatic. */
    public String storageDriver() {
        return storageDriver;
    }

    public Engine engine() {
        if (engine == null) {
            try {
                engine = Engine.open(root, storageDriver);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the store at " + root + ": " + e.getMessage(), e);
            }
            // containers keep images and layers alive; opened only if a collection or a use check asks
            engine.garbage().addRoots(new LazyRoots());
        }
        return engine;
    }

    /** The containers of this store, with the real root file systems and runtime; opened on first use. */
    public Containers containers() throws IOException {
        if (containers == null) {
            Engine engine = engine();
            List<String> monitorArguments = new ArrayList<>(List.of("--root", root.toString()));
            if (storageDriver != null) {
                monitorArguments.addAll(List.of("--storage-driver", storageDriver));
            }
            monitorArguments.add("container-monitor");
            containers = Containers.create(engine, new SnapshotRootFs(engine),
                    MonitorLauncher.sameJvm(Main.class.getName(), monitorArguments), env);
        }
        return containers;
    }

    private Containers containers;

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

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    public InputStream in() {
        return in;
    }

    public Map<String, String> env() {
        return env;
    }

    public boolean debug() {
        return debug;
    }

    /** "Now" for relative times, read once so every row of a table agrees. */
    public Instant now() {
        return now;
    }

    private final Instant now = Instant.now();
}
