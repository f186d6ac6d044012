package dev.strata.embed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Whether a process listens on a TCP port, read from the host in its own network namespace:
 * {@code /proc/PID/net/tcp} and {@code tcp6} list the namespace's sockets, one a line
 * ({@code sl local_address rem_address st …}, the address as {@code HEXIP:HEXPORT}, state {@code 0A}
 * for LISTEN). Nothing runs in the container, so it works for an image without a shell.
 */
final class ListeningPorts {
    private static final String LISTEN = "0A";

    private ListeningPorts() {
    }

    static boolean listens(int pid, int port) throws IOException {
        if (pid <= 0) {
            return false;
        }
        for (String table : List.of("tcp", "tcp6")) {
            List<String> lines;
            try {
                lines = Files.readAllLines(Path.of("/proc", Integer.toString(pid), "net", table));
            } catch (NoSuchFileException noSuchTableOrProcess) {
                continue;
            }
            if (listens(lines, port)) {
                return true;
            }
        }
        return false;
    }

    /** True if a line after the header is a socket in state LISTEN on local port {@code port}. */
    static boolean listens(List<String> table, int port) {
        for (String line : table.subList(Math.min(1, table.size()), table.size())) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length < 4 || !fields[3].equals(LISTEN)) {
                continue;
            }
            int colon = fields[1].lastIndexOf(':');
            if (colon > 0 && Integer.parseInt(fields[1].substring(colon + 1), 16) == port) {
                return true;
            }
        }
        return false;
    }
}
