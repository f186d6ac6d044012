package dev.strata.registry.server;

import dev.strata.registry.server.storage.FilesystemStore;
import dev.strata.registry.server.storage.ObjectStorage;
import dev.strata.registry.server.storage.ObjectStore;
import dev.strata.registry.server.storage.S3Store;
import dev.strata.registry.server.storage.Storage;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * {@code strata registry serve}: the distribution API on Jetty, one virtual thread per request, over the
 * configured storage, with TLS when the config names a certificate. Upload sessions older than
 * {@code storage.maintenance.uploadpurging.age} are purged every {@code interval}.
 */
public record RegistryServer(RegistryConfig config, Storage storage, Server server, ServerConnector connector,
                             AccessLog log, ScheduledExecutorService purger) implements AutoCloseable {

    /** The storage the config names: the filesystem driver at its root, or the s3 driver. */
    public static Storage openStorage(RegistryConfig config, Duration touchInterval) throws IOException {
        ObjectStore objects = config.storage().s3() != null ? new S3Store(config.storage().s3())
                : new FilesystemStore(config.storage().rootDirectory());
        return new ObjectStorage(objects, Clock.systemUTC(), touchInterval);
    }

    /** Starts serving; {@code errors} gets the access log and failures. */
    public static RegistryServer start(RegistryConfig config, PrintStream errors) throws Exception {
        Storage storage = openStorage(config, Duration.ofMinutes(1));
        try {
            return start(config, storage, errors);
        } catch (Exception e) {
            storage.close();
            throw e;
        }
    }

    static RegistryServer start(RegistryConfig config, Storage storage, PrintStream errors) throws Exception {
        if (System.getProperty("org.eclipse.jetty.LEVEL") == null) {
            System.setProperty("org.eclipse.jetty.LEVEL", "WARN"); // Jetty's start-up banner is not the registry's to print
        }
        Clock clock = Clock.systemUTC();
        RegistryConfig.Auth auth = config.auth();
        Htpasswd users = auth.htpasswd() == null ? null : new Htpasswd(auth.htpasswd());
        TokenIssuer issuer = auth.token()
                ? new TokenIssuer(auth.secret(), auth.issuer(), auth.service(), auth.tokenExpiration(), clock) : null;
        Upstream upstream = config.proxy() == null ? null : new ProxyCache(config.proxy(), storage, clock);
        Distribution distribution = new Distribution(storage, config, clock, upstream);
        AccessLog log = config.accessLog() ? new AccessLog(errors) : null;

        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("registry");
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(true);
        http.setRequestHeaderSize(16 * 1024);
        ServerConnector connector;
        if (config.tls() != null) {
            http.addCustomizer(new SecureRequestCustomizer(false));
            SslContextFactory.Server tls = new SslContextFactory.Server();
            char[] password = java.util.UUID.randomUUID().toString().toCharArray();
            tls.setKeyStore(Pem.keyStore(config.tls().certificate(), config.tls().key(), password));
            tls.setKeyStorePassword(new String(password));
            connector = new ServerConnector(server, 1, 1, new SslConnectionFactory(tls, "http/1.1"),
                    new HttpConnectionFactory(http));
        } else {
            connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        }
        InetSocketAddress address = address(config.addr());
        connector.setHost(address.getHostString());
        connector.setPort(address.getPort());
        connector.setIdleTimeout(TimeUnit.MINUTES.toMillis(5));
        server.addConnector(connector);
        server.setHandler(new RegistryHandler(distribution, new Access(auth, users, issuer), new Metrics(),
                new Search(storage, config.search()), log, errors, config.readOnly() || config.proxy() != null));
        server.setErrorHandler(new JsonErrors());
        server.setStopTimeout(0); // a stop closes open connections at once: clients retry, as after a crash
        try {
            server.start();
        } catch (java.io.IOException e) {
            server.stop();
            if (e.getCause() instanceof java.net.BindException bind) {
                throw new java.io.IOException("cannot listen on " + config.addr() + ": " + bind.getMessage());
            }
            throw e;
        }

        ScheduledExecutorService purger = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("registry-upload-purge").factory());
        long every = Math.max(1, config.storage().purgeInterval().toSeconds());
        purger.scheduleWithFixedDelay(() -> purge(storage, config.storage().uploadAge(), clock, errors), 0, every,
                TimeUnit.SECONDS);
        return new RegistryServer(config, storage, server, connector, log, purger);
    }

    /** Removes the upload sessions begun more than {@code age} ago. */
    static int purge(Storage storage, Duration age, Clock clock, PrintStream errors) {
        int[] purged = {0};
        try {
            java.time.Instant cutoff = clock.instant().minus(age);
            storage.forEachUpload(state -> {
                if (state.startedAt().isBefore(cutoff)) {
                    try {
                        storage.cancelUpload(state.id());
                    } catch (dev.strata.registry.server.storage.UploadUnknownException gone) {
                        // its info was lost to a crash: remove what is left by the path alone
                    }
                    purged[0]++;
                }
            });
        } catch (IOException | RuntimeException e) {
            errors.println("registry: purging expired uploads: " + e.getMessage());
        }
        return purged[0];
    }

    /** {@code HOST:PORT}, {@code :PORT} (every address, as Distribution's {@code :5000}). */
    static InetSocketAddress address(String addr) {
        int colon = addr.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("invalid address \"" + addr + "\": expected HOST:PORT");
        }
        String host = addr.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(addr.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid address \"" + addr + "\": the port is not a number");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("invalid address \"" + addr + "\": no such port");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return InetSocketAddress.createUnresolved(host.isEmpty() ? "0.0.0.0" : host, port);
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** Blocks until the server stops. */
    public void join() throws InterruptedException {
        server.join();
    }

    @Override
    public void close() throws Exception {
        purger.shutdownNow();
        server.stop();
        if (log != null) {
            log.close();
        }
        storage.close();
    }
}
