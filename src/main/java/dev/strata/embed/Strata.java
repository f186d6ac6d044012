package dev.strata.embed;

import dev.strata.host.Host;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Strata embedded in a Java program: an image store and the containers run from it, opened on a
 * directory, with no daemon. {@link #images()} pulls, pushes, imports, loads, saves, tags, lists and
 * removes images; {@link #containers()} runs containers and hands out a {@link Container} for each.
 *
 * <pre>{@code
 * try (Strata strata = Strata.open(Path.of("/var/lib/strata"))) {
 *     strata.images().pull("registry.example/busybox:1.36");
 *     try (Container c = strata.containers().run(ContainerSpec.of("registry.example/busybox:1.36")
 *             .command("sh", "-c", "echo hello"))) {
 *         c.waitForExit();
 *     }
 * }
 * }</pre>
 *
 * <p>The process owns the containers it runs: it watches them itself (no monitor process, no daemon),
 * {@link #close()} removes those still there (and so does the JVM's exit, if the program did not close),
 * and if the process is killed, the next {@code Strata.open} of the store removes what it left. A store may be shared with the
 * {@code strata} command and other processes at once: writers take a file lock, readers take none.
 * A {@code Strata} is safe to use from several threads.
 */
public final class Strata implements AutoCloseable {
    private final Host host;
    private final Map<String, String> env;
    private final StorageDriver driver;
    private final Images images;
    private final Containers containers;
    private final Thread onExit;
    private boolean closed;

    private Strata(Builder builder) throws IOException {
        Path root = builder.root != null ? builder.root : Host.defaultRoot(System.getenv());
        this.env = Map.copyOf(builder.env);
        this.host = Host.open(root, builder.driver == null ? null : builder.driver.driverName(), env);
        this.driver = StorageDriver.named(Errors.call(() -> host.engine().snapshots().driverName()));
        this.images = new Images(host, env);
        this.containers = new Containers(host, images);
        containers.removeOrphans();
        // a program that ends without closing (System.exit, the last thread done) still removes its containers
        this.onExit = new Thread(this::closeQuietly, "strata-close-at-exit");
        Runtime.getRuntime().addShutdownHook(onExit);
    }

    private void closeQuietly() {
        try {
            close();
        } catch (IOException | RuntimeException e) {
            System.getLogger("dev.strata.embed").log(System.Logger.Level.WARNING,
                    "cannot remove the containers of " + root() + " at exit: " + e.getMessage());
        }
    }

    /** Opens (creating if need be) the store at {@code root}, with the storage driver it has (see {@link StorageDriver}). */
    public static Strata open(Path root) throws IOException {
        return builder().root(root).open();
    }

    /**
     * Opens the store the {@code strata} command uses by default: {@code $STRATA_ROOT}, else
     * {@code /var/lib/strata} for root and {@code $XDG_DATA_HOME/strata} for anyone else.
     */
    public static Strata openDefault() throws IOException {
        return builder().open();
    }

    /** Options for opening a store: its root, its storage driver, the environment containers are made in. */
    public static Builder builder() {
        return new Builder();
    }

    /** How to open a store; {@link #open()} opens it. Each setter returns this builder. */
    public static final class Builder {
        private Path root;
        private StorageDriver driver;
        private Map<String, String> env = System.getenv();

        private Builder() {
        }

        /** The store's directory; unset, the default root of {@link #openDefault()}. */
        public Builder root(Path root) {
            this.root = Objects.requireNonNull(root, "root");
            return this;
        }

        /** The storage driver; unset, the one the store has layers of, else overlay2 where it works, else vfs. */
        public Builder storageDriver(StorageDriver driver) {
            this.driver = Objects.requireNonNull(driver, "driver");
            return this;
        }

        /**
         * The environment Strata works in: {@code PATH} to find runc, Docker's and Strata's config
         * directories for registries. Unset, this process's environment.
         */
        public Builder environment(Map<String, String> env) {
            this.env = Map.copyOf(env);
            return this;
        }

        /** Opens the store, creating it if it does not exist. */
        public Strata open() throws IOException {
            return new Strata(this);
        }
    }

    /** The store's directory. */
    public Path root() {
        return host.root();
    }

    /** The storage driver the store keeps its layers with. */
    public StorageDriver storageDriver() {
        return driver;
    }

    /** The images of this store. */
    public Images images() {
        return images;
    }

    /** The containers of this store. */
    public Containers containers() {
        return containers;
    }

    /**
     * Removes every container this {@code Strata} ran that is still there (stopping those that run),
     * then closes the store. A second call does nothing.
     */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (Thread.currentThread() != onExit) {
            try {
                Runtime.getRuntime().removeShutdownHook(onExit);
            } catch (IllegalStateException exiting) {
                // closed by another thread while the JVM exits: the hook finds it closed
            }
        }
        try {
            containers.closeAll();
        } finally {
            host.close();
        }
    }
}
