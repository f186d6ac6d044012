package dev.strata.testing;

import dev.strata.digest.Digest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Every file under a directory with its sha256, to show a store is byte for byte unchanged. */
public final class StoreSnapshot {
    private StoreSnapshot() {
    }

    /**
     * Relative path → sha256 of content ("dir" for directories), excluding the lock file and the event
     * log, which records what was done, not what the store holds (an undone change keeps its event).
     */
    public static Map<String, String> of(Path root) {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            paths.forEach(p -> {
                String rel = root.relativize(p).toString();
                if (rel.equals("lock") || rel.equals("events") || rel.startsWith("events/")) {
                    return;
                }
                try {
                    out.put(rel, Files.isDirectory(p) ? "dir" : Digest.sha256(Files.readAllBytes(p)).toString());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
