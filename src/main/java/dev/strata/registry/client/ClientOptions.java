package dev.strata.registry.client;

import dev.strata.registry.client.config.ConfigDirectory;
import dev.strata.registry.client.config.RegistryConfig;
import dev.strata.registry.client.partial.PartialBlobs;
import dev.strata.registry.client.tls.CertsDirectories;
import dev.strata.registry.client.transport.Transport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Everything a {@link RegistryClient} is set up with. {@link #defaults} reads the user's: Strata's
 * config file and {@code certs.d}, Docker's {@code certs.d}, Docker's config.json for credentials, and
 * a directory for partial downloads; the {@code with} methods change one part.
 *
 * @param config mirrors and insecure registries
 * @param configFile the file {@code config} came from, named in advice
 * @param certs the {@code certs.d} directories, in the order they are read
 * @param credentials where credentials are looked up
 * @param partials where partial downloads are kept
 * @param retry how requests are retried
 * @param transport timeouts and user agent
 * @param warnings where a skipped mirror is reported
 * @param clock for token lifetimes and {@code Retry-After} dates
 */
public record ClientOptions(RegistryConfig config, Path configFile, CertsDirectories certs, CredentialSource credentials,
                            PartialBlobs partials, RetryPolicy retry, Transport.Settings transport, PrintStream warnings,
                            Clock clock) {

    /** The user's settings, for the environment {@code env}, warnings to {@code warnings}. */
    public static ClientOptions defaults(Map<String, String> env, PrintStream warnings) throws IOException {
        boolean root = "root".equals(System.getProperty("user.name"));
        ConfigDirectory dir = ConfigDirectory.of(env, root);
        return new ClientOptions(RegistryConfig.load(dir.configFile()), dir.configFile(),
                new CertsDirectories(List.of(dir.certsDirectory(), CertsDirectories.DOCKER)),
                CredentialSource.dockerConfig(env), PartialBlobs.directory(defaultPartials(env, root)),
                RetryPolicy.defaults(), Transport.Settings.defaults(), warnings, Clock.systemUTC());
    }

    /** Nothing configured: no mirrors, no credentials, Docker's certs.d only, partials kept nowhere. */
    public static ClientOptions bare(PrintStream warnings) {
        return new ClientOptions(RegistryConfig.empty(), Path.of("/etc/strata/config.json"),
                new CertsDirectories(List.of(CertsDirectories.DOCKER)), CredentialSource.none(), PartialBlobs.none(),
                RetryPolicy.defaults(), Transport.Settings.defaults(), warnings, Clock.systemUTC());
    }

    /**
     * Where partial downloads go unless the engine says otherwise: {@code /var/cache/strata/partial} for
     * root, {@code $XDG_CACHE_HOME/strata/partial} ({@code ~/.cache/strata/partial}) for others.
     */
    public static Path defaultPartials(Map<String, String> env, boolean root) {
        if (root) {
            return Path.of("/var/cache/strata/partial");
        }
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isEmpty()) {
            return Path.of(xdg, "strata", "partial");
        }
        return Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".cache", "strata", "partial");
    }

    public ClientOptions withConfig(RegistryConfig value) {
        return new ClientOptions(value, configFile, certs, credentials, partials, retry, transport, warnings, clock);
    }

    public ClientOptions withCerts(CertsDirectories value) {
        return new ClientOptions(config, configFile, value, credentials, partials, retry, transport, warnings, clock);
    }

    public ClientOptions withCredentials(CredentialSource value) {
        return new ClientOptions(config, configFile, certs, value, partials, retry, transport, warnings, clock);
    }

    public ClientOptions withPartials(PartialBlobs value) {
        return new ClientOptions(config, configFile, certs, credentials, value, retry, transport, warnings, clock);
    }

    public ClientOptions withRetry(RetryPolicy value) {
        return new ClientOptions(config, configFile, certs, credentials, partials, value, transport, warnings, clock);
    }

    public ClientOptions withTransport(Transport.Settings value) {
        return new ClientOptions(config, configFile, certs, credentials, partials, retry, value, warnings, clock);
    }
}
