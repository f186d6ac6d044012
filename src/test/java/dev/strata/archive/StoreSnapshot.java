package dev.strata.archive;

import dev.strata.digest.Digest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Every file and directory under a store root, with each file's size and sha256: two equal snapshots
 * mean the store is byte for byte the same.
 */
record StoreSnapshot(Map<String, String> entries) {

    static StoreSnapshot of(Path root) {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                String name = root.relativize(path).toString();
                if (Files.isDirectory(path)) {
                    out.put(name + "/", "dir");
                } else {
                    byte[] bytes = Files.readAllBytes(path);
                    out.put(name, bytes.length + " " + Digest.sha256(bytes));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new StoreSnapshot(out);
    }
}
