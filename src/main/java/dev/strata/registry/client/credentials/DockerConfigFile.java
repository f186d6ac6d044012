package dev.strata.registry.client.credentials;

import dev.strata.json.Json;
import dev.strata.json.JsonException;
import dev.strata.json.JsonIndent;
import dev.strata.json.JsonObject;
import dev.strata.json.JsonReader;
import dev.strata.registry.client.auth.Credentials;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Docker's client configuration file, {@code $DOCKER_CONFIG/config.json} ({@code ~/.docker/config.json}
 * by default), as far as credentials go: {@code auths} (per server, {@code auth} is
 * base64 of {@code user:password}, {@code identitytoken} a refresh token), {@code credsStore} (a helper
 * for every server) and {@code credHelpers} (a helper per server). Every other member is kept as it was
 * when the file is written back; the file is written as Docker writes it (tab-indented), with mode
 * 0600, through a temporary file renamed over it, so a reader never sees half of it.
 */
public final class DockerConfigFile {
    /** Docker Hub's key in {@code auths}, kept from the v1 registry API. */
    public static final String INDEX_SERVER = "https://index.docker.io/v1/";

    private final Path file;
    private final Map<String, Object> members;
    private final Map<String, String> env;

    private DockerConfigFile(Path file, Map<String, Object> members, Map<String, String> env) {
        this.file = file;
        this.members = members;
        this.env = env;
    }

    /** The directory: {@code $DOCKER_CONFIG}, else {@code ~/.docker}. */
    public static Path directory(Map<String, String> env) {
        String dir = env.get("DOCKER_CONFIG");
        if (dir != null && !dir.isEmpty()) {
            return Path.of(dir);
        }
        return Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".docker");
    }

    /** Reads the file of {@code env}; a missing file is an empty configuration. */
    public static DockerConfigFile load(Map<String, String> env) throws IOException {
        return load(directory(env).resolve("config.json"), env);
    }

    @SuppressWarnings("unchecked")
    public static DockerConfigFile load(Path file, Map<String, String> env) throws IOException {
        Map<String, Object> members = new LinkedHashMap<>();
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (!new String(bytes, StandardCharsets.UTF_8).isBlank()) {
                Object tree = JsonReader.parse(bytes);
                if (!(tree instanceof Map<?, ?> map)) {
                    throw new IOException(file + ": the configuration file is not a JSON object");
                }
                members.putAll((Map<String, Object>) map);
            }
        } catch (NoSuchFileException e) {
            // no file yet: login creates it
        } catch (JsonException e) {
            throw new IOException("loading config file: " + file + ": " + e.getMessage(), e);
        }
        return new DockerConfigFile(file, members, env);
    }

    public Path file() {
        return file;
    }

    /**
     * Where the credentials of {@code serverAddress} are kept, as Docker chooses: its {@code credHelpers}
     * entry (by host name), else {@code credsStore}, else this file's {@code auths}.
     */
    public CredentialStore storeFor(String serverAddress) {
        JsonObject root = JsonObject.of(members, "");
        Map<String, String> helpers = root.stringMap("credHelpers");
        if (helpers != null) {
            String helper = helpers.get(hostname(serverAddress));
            if (helper != null && !helper.isEmpty()) {
                return new CredentialHelper(helper, env);
            }
        }
        String store = root.string("credsStore");
        if (store != null && !store.isEmpty()) {
            return new CredentialHelper(store, env);
        }
        return new FileStore();
    }

    /** The credentials Docker would send to {@code serverAddress}, if any. */
    public Optional<Credentials> credentialsFor(String serverAddress) throws IOException {
        return storeFor(serverAddress).get(serverAddress);
    }

    /**
     * Docker's {@code ConvertToHostname}: {@code https://host:5000/v1/} and {@code host:5000/path} are
     * both {@code host:5000}, so entries written by old clients still match.
     */
    public static String hostname(String address) {
        String stripped = address;
        if (stripped.contains("://")) {
            try {
                URI uri = URI.create(stripped);
                if (uri.getHost() != null) {
                    return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
                }
            } catch (IllegalArgumentException e) {
                // not a URL after all: cut at the first slash below
            }
            stripped = stripped.substring(stripped.indexOf("://") + 3);
        }
        int slash = stripped.indexOf('/');
        return slash < 0 ? stripped : stripped.substring(0, slash);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> auths(boolean create) {
        Object auths = members.get("auths");
        if (auths instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        if (!create) {
            return Map.of();
        }
        Map<String, Object> fresh = new LinkedHashMap<>();
        members.put("auths", fresh);
        return fresh;
    }

    /** Writes the file back: tab-indented as Docker writes it, mode 0600, atomically. */
    public void save() throws IOException {
        Path target = file;
        if (Files.isSymbolicLink(target)) {
            // as Docker: write where the link points, and keep the link
            target = target.toRealPath();
        }
        Path dir = target.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        byte[] text = JsonIndent.indent(Json.write(members), "\t");
        Path temp = dir.resolve("." + target.getFileName() + ".tmp-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        try {
            try (FileChannel channel = FileChannel.open(temp, java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
                channel.write(java.nio.ByteBuffer.wrap(text));
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot replace " + target + " atomically", e);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The {@code auths} member of this file. */
    private final class FileStore implements CredentialStore {
        @Override
        public Optional<Credentials> get(String serverAddress) throws IOException {
            Map<String, Object> auths = auths(false);
            Object entry = auths.get(serverAddress);
            if (entry == null) {
                // keys written as URLs by older clients
                for (var e : auths.entrySet()) {
                    if (hostname(e.getKey()).equals(serverAddress)) {
                        entry = e.getValue();
                        break;
                    }
                }
            }
            if (entry == null) {
                return Optional.empty();
            }
            JsonObject auth;
            try {
                auth = JsonObject.of(entry, "auths." + serverAddress);
            } catch (JsonException e) {
                throw new IOException(file + ": " + e.getMessage(), e);
            }
            String user = auth.string("username");
            String password = auth.string("password");
            String encoded = auth.string("auth");
            if (encoded != null && !encoded.isEmpty()) {
                String decoded;
                try {
                    decoded = new String(Base64.getDecoder().decode(encoded.strip()), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw new IOException(file + ": the auth of " + serverAddress + " is not base64: " + e.getMessage(), e);
                }
                int colon = decoded.indexOf(':');
                if (colon < 0) {
                    throw new IOException(file + ": the auth of " + serverAddress + " is not user:password in base64");
                }
                user = decoded.substring(0, colon);
                password = decoded.substring(colon + 1).strip().replaceAll("\u0000+$", "");
            }
            String token = auth.string("identitytoken");
            Credentials found = new Credentials(user, password, token);
            return found.hasPassword() || found.hasIdentityToken() ? Optional.of(found) : Optional.empty();
        }

        @Override
        public boolean store(String serverAddress, Credentials credentials) throws IOException {
            Map<String, Object> entry = new LinkedHashMap<>();
            if (!credentials.username().isEmpty() || !credentials.password().isEmpty()) {
                String pair = credentials.username() + ":" + credentials.password();
                entry.put("auth", Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
            }
            if (credentials.hasIdentityToken()) {
                entry.put("identitytoken", credentials.identityToken());
            }
            Map<String, Object> auths = auths(true);
            if (entry.equals(auths.get(serverAddress))) {
                // as Docker: the same credentials again leave the file alone
                return false;
            }
            auths.put(serverAddress, entry);
            save();
            return true;
        }

        @Override
        public void erase(String serverAddress) throws IOException {
            Map<String, Object> auths = auths(false);
            if (auths.containsKey(serverAddress)) {
                auths.remove(serverAddress);
                save();
            }
        }

        @Override
        public String describe() {
            return file.toString();
        }

        @Override
        public boolean isPlainFile() {
            return true;
        }
    }
}
