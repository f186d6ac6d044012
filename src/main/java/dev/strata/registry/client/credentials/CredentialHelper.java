package dev.strata.registry.client.credentials;

import dev.strata.json.Json;
import dev.strata.json.JsonException;
import dev.strata.json.JsonObject;
import dev.strata.registry.client.auth.Credentials;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A {@code docker-credential-NAME} program, spoken to by the protocol of docker-credential-helpers:
 * {@code get} and {@code erase} take the server address on standard input, {@code store} takes
 * {@code {"ServerURL","Username","Secret"}}; {@code get} prints that JSON back. A user name of
 * {@code <token>} marks the secret as an identity token. A helper that does not know the server prints
 * {@code credentials not found in native keychain} and fails, which is no credentials, not an error.
 */
public final class CredentialHelper implements CredentialStore {
    static final String NOT_FOUND = "credentials not found in native keychain";
    static final String TOKEN_USER = "<token>";
    private static final long TIMEOUT_SECONDS = 60;

    private final String name;
    private final Map<String, String> env;

    /** {@code name} is the helper's suffix ({@code pass} for {@code docker-credential-pass}), found on {@code env}'s PATH. */
    public CredentialHelper(String name, Map<String, String> env) {
        this.name = name;
        this.env = Map.copyOf(env);
    }

    public String program() {
        return "docker-credential-" + name;
    }

    @Override
    public Optional<Credentials> get(String serverAddress) throws IOException {
        Result result = run("get", serverAddress.getBytes(StandardCharsets.UTF_8));
        if (result.code != 0) {
            if (result.out.strip().equals(NOT_FOUND) || result.err.strip().equals(NOT_FOUND)) {
                return Optional.empty();
            }
            throw failure("get", result);
        }
        JsonObject reply;
        try {
            reply = Json.requireObject(result.out.getBytes(StandardCharsets.UTF_8));
        } catch (JsonException e) {
            throw new IOException(program() + " get: its answer is not JSON: " + e.getMessage(), e);
        }
        String user = reply.string("Username");
        String secret = reply.string("Secret");
        if (secret == null || secret.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(TOKEN_USER.equals(user) ? Credentials.identityToken("", secret) : Credentials.basic(user, secret));
    }

    @Override
    public boolean store(String serverAddress, Credentials credentials) throws IOException {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("ServerURL", serverAddress);
        boolean token = credentials.hasIdentityToken();
        request.put("Username", token ? TOKEN_USER : credentials.username());
        request.put("Secret", token ? credentials.identityToken() : credentials.password());
        Result result = run("store", Json.write(request));
        if (result.code != 0) {
            throw failure("store", result);
        }
        return true;
    }

    @Override
    public void erase(String serverAddress) throws IOException {
        Result result = run("erase", serverAddress.getBytes(StandardCharsets.UTF_8));
        if (result.code != 0 && !result.out.strip().equals(NOT_FOUND) && !result.err.strip().equals(NOT_FOUND)) {
            throw failure("erase", result);
        }
    }

    @Override
    public String describe() {
        return program();
    }

    @Override
    public boolean isPlainFile() {
        return false;
    }

    private IOException failure(String action, Result result) {
        String said = (result.out.isBlank() ? result.err : result.out).strip();
        return new IOException("error " + (action.equals("get") ? "getting" : action.equals("store") ? "storing" : "erasing")
                + " credentials - err: exit status " + result.code + ", out: `" + said + "`");
    }

    private record Result(int code, String out, String err) {
    }

    private Result run(String action, byte[] input) throws IOException {
        Path executable = find();
        ProcessBuilder builder = new ProcessBuilder(List.of(executable.toString(), action));
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(input);
        } catch (IOException e) {
            // the helper may exit without reading; its exit status tells why
        }
        // stderr read on a virtual thread, so that neither pipe can fill and block the helper
        var errBytes = new java.util.concurrent.CompletableFuture<byte[]>();
        Thread.ofVirtual().start(() -> {
            try (InputStream err = process.getErrorStream()) {
                errBytes.complete(err.readAllBytes());
            } catch (IOException e) {
                errBytes.complete(new byte[0]);
            }
        });
        byte[] out;
        try (InputStream stdout = process.getInputStream()) {
            out = stdout.readAllBytes();
        }
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(program() + " " + action + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                    new String(errBytes.join(), StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + program(), e);
        }
    }

    /** The program on the PATH of the environment given, which need not be this process's. */
    private Path find() throws IOException {
        String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program());
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IOException("error getting credentials - err: exec: \"" + program()
                + "\": executable file not found in $PATH, out: ``");
    }
}
