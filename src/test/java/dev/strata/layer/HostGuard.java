package dev.strata.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Proof that an extraction left everything outside its root alone: files fingerprinted byte for byte
 * (content digest, link count, inode, mode, mtime) and directories listed, before and after.
 */
final class HostGuard {
    private record Fingerprint(String sha256, int nlink, long ino, int mode, long mtime) {
    }

    private final Map<Path, Fingerprint> files = new LinkedHashMap<>();
    private final Map<Path, Set<String>> listings = new LinkedHashMap<>();

    static HostGuard watch(List<Path> files, List<Path> directories) throws IOException {
        HostGuard guard = new HostGuard();
        for (Path file : files) {
            guard.files.put(file, fingerprint(file));
        }
        for (Path dir : directories) {
            guard.listings.put(dir, listing(dir));
        }
        return guard;
    }

    void assertUntouched() throws IOException {
        for (Map.Entry<Path, Fingerprint> file : files.entrySet()) {
            assertThat(fingerprint(file.getKey())).as("%s after extraction", file.getKey()).isEqualTo(file.getValue());
        }
        for (Map.Entry<Path, Set<String>> dir : listings.entrySet()) {
            assertThat(listing(dir.getKey())).as("listing of %s after extraction", dir.getKey())
                    .isEqualTo(dir.getValue());
        }
    }

    private static Fingerprint fingerprint(Path file) throws IOException {
        FileStat s = FileStat.of(file);
        return new Fingerprint(TreeSnapshot.sha256(file), s.nlink(), s.ino(), s.mode(), s.mtimeSeconds());
    }

    private static Set<String> listing(Path dir) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            return children.map(p -> p.getFileName().toString()).collect(TreeSet::new, Set::add, Set::addAll);
        }
    }
}
