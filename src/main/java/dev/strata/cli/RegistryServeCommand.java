package dev.strata.cli;

import dev.strata.cli.flag.Arity;
import dev.strata.cli.flag.Flag;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code strata registry serve [--addr HOST:PORT] [--config FILE]}: the registry server in the
 * foreground until it is stopped. Jetty and the S3 client load here, and only here.
 */
public final class RegistryServeCommand extends ContextCommand {
    private final Flag<String> addr = flags.string("addr", "Address to listen on (default from the config, else 127.0.0.1:5000)");
    private final Flag<String> config = flags.string("config",
            "JSON config file with Distribution's keys (storage, auth, http.tls, proxy, readonly)");

    public RegistryServeCommand() {
        super("[OPTIONS]", Arity.none(),
                "Serve the OCI distribution API (Docker Registry HTTP API v2) from this machine.\n"
                        + "Without --config, blobs are kept in ROOT/registry and anyone may push and pull.");
    }

    @Override
    protected int run(Context context, List<String> arguments) throws Exception {
        dev.strata.registry.server.RegistryConfig settings = RegistryConfigs.load(context, config.get());
        if (addr.changed()) {
            settings = settings.withAddr(addr.get());
        }
        dev.strata.registry.server.RegistryServer server = dev.strata.registry.server.RegistryServer.start(settings,
                context.err());
        context.err().println("registry: serving on " + (settings.tls() == null ? "http" : "https") + "://"
                + hostOf(settings.addr()) + ":" + server.port() + " from "
                + (settings.storage().s3() != null ? "s3://" + settings.storage().s3().bucket()
                        : settings.storage().rootDirectory().toString()));
        context.err().flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                // stopping anyway
            }
        }));
        server.join();
        return 0;
    }

    private static String hostOf(String addr) {
        String host = addr.substring(0, addr.lastIndexOf(':'));
        return host.isEmpty() ? "0.0.0.0" : host;
    }

    /** The config file, or the defaults over ROOT/registry. */
    static final class RegistryConfigs {
        private RegistryConfigs() {
        }

        static dev.strata.registry.server.RegistryConfig load(Context context, String file) throws java.io.IOException {
            Path root = context.root().resolve("registry");
            return file == null || file.isEmpty()
                    ? dev.strata.registry.server.RegistryConfig.defaults(root, "127.0.0.1:5000")
                    : dev.strata.registry.server.RegistryConfig.read(Path.of(file), root);
        }
    }
}
