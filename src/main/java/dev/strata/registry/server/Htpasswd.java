package dev.strata.registry.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Users from an Apache htpasswd file of bcrypt hashes ({@code htpasswd -B}), as Distribution reads it:
 * {@code user:$2y$...} a line, '#' comments. Read again when the file changes, so users are added
 * without a restart. A check that passed is remembered (by a hash of the password) for a minute:
 * bcrypt is slow by design, and Docker sends the credentials with every request.
 */
final class Htpasswd {
    private final Path file;
    private volatile Map<String, String> users = Map.of();
    private volatile FileTime loaded;
    private final Map<String, Long> recent = new ConcurrentHashMap<>();

    Htpasswd(Path file) throws IOException {
        this.file = file;
        reload();
    }

    private synchronized void reload() throws IOException {
        FileTime modified = Files.getLastModifiedTime(file);
        if (modified.equals(loaded)) {
            return;
        }
        Map<String, String> read = new HashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String trimmed = line.trim();
            int colon = trimmed.indexOf(':');
            if (trimmed.isEmpty() || trimmed.startsWith("#") || colon <= 0) {
                continue;
            }
            read.put(trimmed.substring(0, colon), trimmed.substring(colon + 1));
        }
        users = Map.copyOf(read);
        loaded = modified;
        recent.clear();
    }

    boolean check(String user, String password) {
        try {
            reload();
        } catch (IOException e) {
            // keep the users last read
        }
        String hash = users.get(user);
        if (hash == null) {
            return false;
        }
        String key = user + "\0" + dev.strata.digest.Digest.sha256(hash + "\0" + password);
        Long until = recent.get(key);
        long now = System.nanoTime();
        if (until != null && until - now > 0) {
            return true;
        }
        boolean ok = Bcrypt.check(password, hash);
        if (ok) {
            if (recent.size() > 10_000) {
                recent.clear();
            }
            recent.put(key, now + 60_000_000_000L);
        }
        return ok;
    }
}
