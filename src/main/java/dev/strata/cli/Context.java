package dev.strata.cli;

import dev.strata.container.Containers;
import dev.strata.engine.Engine;
import dev.strata.host.Host;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * What every command runs with: the global options, the standard streams and the {@link Host} (the
 * engine and containers, opened on first use). One per invocation of {@link Main#run}; commands reach
 * it with {@link #current()}.
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
    private final Host host;

    public Context(Path root, String storageDriver, PrintStream out, PrintStream err, InputStream in,
                   Map<String, String> env, boolean debug) {
        this.root = root;
        this.storageDriver = storageDriver;
        this.out = out;
        this.err = err;
        this.in = in;
        this.env = env;
        this.debug = debug;
        this.host = Host.open(root, storageDriver, env);
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
        return Host.defaultRoot(env);
    }

    public Path root() {
        return root;
    }

    /** The storage driver asked for with {@code --storage-driver}, or null for automatic. */
    public String storageDriver() {
        return storageDriver;
    }

    /** The image store, opened on first use. */
    public Engine engine() {
        try {
            return host.engine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the store at " + root + ": " + e.getMessage(), e);
        }
    }

    /** The containers of this store, with the real root file systems and runtime; opened on first use. */
    public Containers containers() throws IOException {
        return host.containers();
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
