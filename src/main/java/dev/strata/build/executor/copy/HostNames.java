package dev.strata.build.executor.copy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * This host's names for user and group IDs, from {@code /etc/passwd} and {@code /etc/group}: Docker's
 * daemon writes them into the checksums of a stage's files (Go's tar looks them up on the daemon's
 * host), so Strata's history, to read as Docker's, must look them up the same way. Read once.
 */
final class HostNames {
    private static final Map<Integer, String> USERS = read(Path.of("/etc/passwd"));
    private static final Map<Integer, String> GROUPS = read(Path.of("/etc/group"));

    private HostNames() {
    }

    static String user(int uid) {
        return USERS.getOrDefault(uid, "");
    }

    static String group(int gid) {
        return GROUPS.getOrDefault(gid, "");
    }

    private static Map<Integer, String> read(Path file) {
        Map<Integer, String> out = new HashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException unreadable) {
            return out;
        }
        for (String line : lines) {
            String[] fields = line.split(":", -1);
            if (fields.length >= 3) {
                try {
                    out.putIfAbsent(Integer.parseInt(fields[2]), fields[0]);
                } catch (NumberFormatException notAnId) {
                    // a comment or a damaged line names no one
                }
            }
        }
        return out;
    }
}
