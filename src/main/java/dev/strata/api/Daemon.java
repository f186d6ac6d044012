package dev.strata.api;

import dev.strata.api.http.ApiServer;
import dev.strata.api.http.Listen;
import dev.strata.api.stream.Attachments;
import dev.strata.container.Containers;
import dev.strata.engine.Engine;
import dev.strata.host.Host;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code strata daemon}: the Docker Engine API over one Strata store, served on unix sockets and TCP
 * addresses. It opens the same {@link Host} the CLI opens, so the CLI and the daemon work on one store
 * at once; the containers the daemon starts it watches itself (no monitor process), and when it stops it
 * stops them, as dockerd without live-restore does.
 */
public final class Daemon implements AutoCloseable {
    public static final String VERSION = "0.1.0";
    /**
     * The version the daemon reports (/version, /info): the Docker Engine release whose API it serves
     * (1.50 is Docker 28.2), with Strata's own as build metadata. Clients gate features on it
     * (Testcontainers refuses an engine "older than 1.6.0", which 0.1.0 would be).
     */
    public static final String REPORTED_VERSION = "28.2.0+strata." + VERSION;
    /** How many attach, exec, logs, events and wait streams may be open at once, unless told. */
    public static final int DEFAULT_MAX_STREAMS = 512;

    /**
     * What {@code strata daemon} was asked for; {@code env} is where it reads its registry settings from
     * (Strata's config directory and the partial downloads' cache, as the CLI finds them) and its PATH;
     * {@code maxStreams} bounds the streams open at once (a client past it gets a 503).
     */
    public record Options(List<Listen> hosts, Path root, String storageDriver, Map<String, String> env, int maxStreams) {
        public Options {
            if (maxStreams < 1) {
                throw new IllegalArgumentException("max streams must be at least 1, not " + maxStreams);
            }
            hosts = hosts == null || hosts.isEmpty() ? List.of(new Listen.Unix(Path.of(Listen.DEFAULT_SOCKET)))
                    : List.copyOf(hosts);
            env = Map.copyOf(env);
        }
    }

    private final Host host;
    private final Map<String, String> env;
    private final int maxStreams;
    private final PrintStream log;
    private final Attachments attachments = new Attachments();
    private final Instant startedAt = Instant.now();
    private ApiServer server;

    private Daemon(Host host, Map<String, String> env, int maxStreams, PrintStream log) {
        this.host = host;
        this.env = env;
        this.maxStreams = maxStreams;
        this.log = log;
    }

    /** Opens the store and starts serving; returns once every address listens. */
    public static Daemon start(Options options, PrintStream log) throws Exception {
        // the daemon's containers get no values from its own environment (-e KEY comes filled in from the
        // client)
        Map<String, String> hostEnv = new java.util.HashMap<>();
        options.env().forEach((key, value) -> {
            // PATH to find the runtime and the CNI plugins; the default bridge's device and subnet, if set
            if (key.equals("PATH") || key.startsWith("STRATA_BRIDGE_")) {
                hostEnv.put(key, value);
            }
        });
        Host host = Host.open(options.root(), options.storageDriver(), hostEnv);
        Daemon daemon = new Daemon(host, options.env(), options.maxStreams(), log);
        host.engine();
        host.containers();
        Router router = daemon.router();
        daemon.server = ApiServer.start(options.hosts(), router::dispatch);
        for (Listen address : options.hosts()) {
            log.println("strata daemon: API listening on " + address + " (store " + host.root() + ")");
        }
        return daemon;
    }

    /** Every endpoint group: a new one is a class with its routes, added here. */
    Router router() {
        RegistryEndpoints registries = new RegistryEndpoints(this);
        return new Router(maxStreams, log)
                .add(new SystemEndpoints(this))
                .add(new ImageEndpoints(this, registries))
                .add(new BuildEndpoints(this))
                .add(registries)
                .add(new ContainerEndpoints(this))
                .add(new StatsEndpoints(this))
                .add(new ArchiveEndpoints(this))
                .add(new ExecEndpoints(this))
                .add(new NetworkEndpoints(this))
                .add(new VolumeEndpoints(this))
                .add(new Events(this))
                .add(new PendingEndpoints());
    }

    Engine engine() throws IOException {
        return host.engine();
    }

    Containers containers() throws IOException {
        return host.containers();
    }

    Attachments attachments() {
        return attachments;
    }

    /** The environment the daemon was started with. */
    Map<String, String> env() {
        return env;
    }

    PrintStream log() {
        return log;
    }

    Instant startedAt() {
        return startedAt;
    }

    /** The TCP port the first {@code tcp://} address listens on (for {@code tcp://HOST:0}). */
    public int tcpPort() {
        return server.tcpPort();
    }

    /** Blocks until the server stops. */
    public void join() throws InterruptedException {
        server.join();
    }

    /** Stops serving, then stops the containers this daemon watches (SIGTERM, then SIGKILL after 10 s). */
    @Override
    public void close() throws IOException {
        try {
            server.close();
        } finally {
            for (String id : attachments.runningIds()) {
                try {
                    host.containers().stop(id, null);
                } catch (IOException | RuntimeException e) {
                    log.println("strata daemon: stopping container " + id + ": " + e.getMessage());
                }
            }
            host.close();
        }
    }
}
