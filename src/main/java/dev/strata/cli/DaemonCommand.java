package dev.strata.cli;

import dev.strata.cli.flag.Arity;
import dev.strata.cli.flag.Flag;
import dev.strata.error.InvalidInputException;
import dev.strata.json.Json;
import dev.strata.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code strata daemon [-H ADDRESS]... [--root DIR] [--storage-driver NAME] [--config FILE]}: serves the
 * Docker Engine API until stopped (SIGTERM or SIGINT stop it, and the containers it runs). The config
 * file is dockerd's daemon.json subset: {@code {"hosts": [...], "data-root": "...", "storage-driver": "..."}},
 * and Strata's {@code "max-concurrent-streams"}; flags win over it. Only this command loads the daemon's classes and Jetty.
 */
public final class DaemonCommand extends ContextCommand {
    private final Flag<List<String>> hosts = flags.list("host", 'H',
            "Daemon socket(s) to listen on: unix:///run/strata.sock, tcp://127.0.0.1:2375, fd://");
    private final Flag<String> root = flags.string("root", "Root directory of persistent Strata state");
    private final Flag<String> driver = flags.string("storage-driver", "Storage driver to use, overlay2 or vfs");
    private final Flag<String> config = flags.string("config", "Daemon configuration file (JSON)");
    private final Flag<Long> maxStreams = flags.integer("max-concurrent-streams",
            "Most attach, exec, logs, events and wait streams open at once (default "
                    + dev.strata.api.Daemon.DEFAULT_MAX_STREAMS + ")");

    public DaemonCommand() {
        super("[OPTIONS]", Arity.none());
        flags.alias("data-root", root);
        flags.alias("config-file", config);
    }

    @Override
    protected int run(Context context, List<String> arguments) throws Exception {
        List<String> addresses = new ArrayList<>(hosts.get());
        String rootDir = root.changed() ? root.get() : null;
        String storageDriver = driver.changed() ? driver.get() : null;
        Integer streams = maxStreams.changed() ? Math.toIntExact(maxStreams.get()) : null;
        if (config.changed()) {
            JsonObject file = readConfig(Path.of(config.get()));
            if (addresses.isEmpty() && file.strings("hosts") != null) {
                addresses.addAll(file.strings("hosts"));
            }
            if (rootDir == null) {
                rootDir = file.string("data-root");
            }
            if (storageDriver == null) {
                storageDriver = file.string("storage-driver");
            }
            if (streams == null) {
                streams = file.intOrNull("max-concurrent-streams");
            }
        }
        if (streams != null && streams < 1) {
            throw new InvalidInputException("max-concurrent-streams must be at least 1, not " + streams);
        }
        List<dev.strata.api.http.Listen> listen = new ArrayList<>();
        for (String address : addresses) {
            listen.add(dev.strata.api.http.Listen.parse(address));
        }
        var options = new dev.strata.api.Daemon.Options(listen,
                rootDir != null ? Path.of(rootDir) : context.root(),
                storageDriver != null ? storageDriver : context.storageDriver(), context.env(),
                streams == null ? dev.strata.api.Daemon.DEFAULT_MAX_STREAMS : streams);
        var daemon = dev.strata.api.Daemon.start(options, context.err());
        Thread stopper = new Thread(() -> {
            try {
                daemon.close();
            } catch (IOException e) {
                context.err().println("strata daemon: " + e.getMessage());
            }
        }, "strata-daemon-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        daemon.join();
        // the server stops only from the hook: let it finish stopping the containers before the JVM halts
        stopper.join();
        return 0;
    }

    private static JsonObject readConfig(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CommandFailure(1, "Error: open " + file + ": no such file or directory");
        }
        try {
            return Json.requireObject(bytes);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("the daemon config file " + file + " is not valid JSON: " + e.getMessage());
        }
    }
}
