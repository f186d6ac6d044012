package dev.strata.registry.client.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where Strata keeps its own configuration: {@code $STRATA_CONFIG} when set, else {@code /etc/strata}
 * for root and {@code $XDG_CONFIG_HOME/strata} ({@code ~/.config/strata}) for other users. It holds
 * {@code config.json} (registry mirrors and insecure registries, with the keys of Docker's
 * daemon.json) and {@code certs.d/} (per-registry CA and client certificates, beside Docker's
 * {@code /etc/docker/certs.d}).
 *
 * @param path the directory
 */
public record ConfigDirectory(Path path) {
    public static final String ENV = "STRATA_CONFIG";

    /** The directory for the user running with {@code env}; {@code root} when the effective user is root. */
    public static ConfigDirectory of(Map<String, String> env, boolean root) {
        String explicit = env.get(ENV);
        if (explicit != null && !explicit.isEmpty()) {
            return new ConfigDirectory(Path.of(explicit));
        }
        if (root) {
            return new ConfigDirectory(Path.of("/etc/strata"));
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isEmpty()) {
            return new ConfigDirectory(Path.of(xdg, "strata"));
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return new ConfigDirectory(Path.of(home, ".config", "strata"));
    }

    /** For the user this JVM runs as, read from {@code user.name} (known at start, so it costs nothing). */
    public static ConfigDirectory of(Map<String, String> env) {
        return of(env, "root".equals(System.getProperty("user.name")));
    }

    public Path configFile() {
        return path.resolve("config.json");
    }

    public Path certsDirectory() {
        return path.resolve("certs.d");
    }
}
