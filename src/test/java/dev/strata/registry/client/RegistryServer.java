package dev.strata.registry.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CNCF registry (Debian's {@code docker-registry}, Distribution 2.8) run by a test on 127.0.0.1 with
 * a port the kernel picks, read back from its "listening on" log line; a config the test writes: plain,
 * htpasswd, token auth, TLS.
 */
public final class RegistryServer implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/docker-registry");
    private static final Pattern LISTENING = Pattern.compile("listening on ([0-9a-f.:\\[\\]]+)");

    private final Process process;
    private final Path dir;
    private final String address;
    private final StringBuilder log = new StringBuilder();

    private RegistryServer(Path dir, String extraConfig) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
        Path config = dir.resolve("config.yml");
        Files.writeString(config, """
                version: 0.1
                log:
                  level: info
                  accesslog:
                    disabled: true
                storage:
                  filesystem:
                    rootdirectory: %s
                  delete:
                    enabled: true
                http:
                  addr: 127.0.0.1:0
                  secret: rc-test-secret
                %s""".formatted(dir.resolve("data"), extraConfig));
        process = new ProcessBuilder(BINARY.toString(), "serve", config.toString()).redirectErrorStream(true).start();
        CompletableFuture<String> listening = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (log) {
                        log.append(line).append('\n');
                    }
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        listening.complete(m.group(1));
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            listening.completeExceptionally(new IOException("the registry exited: " + log()));
        });
        try {
            address = listening.get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IOException("the registry did not start: " + log(), e);
        }
    }

    public static RegistryServer plain(Path dir) throws IOException {
        return new RegistryServer(dir, "");
    }

    static RegistryServer start(Path dir, String extraConfig) throws IOException {
        return new RegistryServer(dir, extraConfig);
    }

    /** With basic auth from an htpasswd file (bcrypt, made by htpasswd -B). */
    public static RegistryServer htpasswd(Path dir, String user, String password) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path file = dir.resolve("htpasswd");
        Process p = new ProcessBuilder("htpasswd", "-Bbc", file.toString(), user, password).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) {
            throw new IOException("htpasswd failed: " + new String(out, StandardCharsets.UTF_8));
        }
        return new RegistryServer(dir, """
                auth:
                  htpasswd:
                    realm: rc-basic-realm
                    path: %s
                """.formatted(file));
    }

    /** Behind token auth: tokens from {@code realm}, signed by the key of {@code certificate}. */
    static RegistryServer token(Path dir, String realm, String service, String issuer, Path certificate) throws IOException {
        return new RegistryServer(dir, """
                auth:
                  token:
                    realm: %s
                    service: %s
                    issuer: %s
                    rootcertbundle: %s
                """.formatted(realm, service, issuer, certificate));
    }

    /** Over TLS with the given certificate and key. */
    static RegistryServer tls(Path dir, Path certificate, Path key, Path clientCas) throws IOException {
        String clientAuth = clientCas == null ? "" : """
                    clientcas:
                      - %s
                """.formatted(clientCas);
        return new RegistryServer(dir, """
                  tls:
                    certificate: %s
                    key: %s
                %s""".formatted(certificate, key, clientAuth));
    }

    /** {@code 127.0.0.1:PORT}. */
    public String address() {
        return address;
    }

    int port() {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }

    Path dir() {
        return dir;
    }

    String log() {
        synchronized (log) {
            return log.toString();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
