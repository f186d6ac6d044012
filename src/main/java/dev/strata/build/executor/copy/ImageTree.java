package dev.strata.build.executor.copy;

import dev.strata.build.executor.context.PathStat;
import dev.strata.build.executor.context.SourceHash;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The files of a stage's or an image's root file system, mounted read-only, as {@code COPY --from} and
 * {@code RUN --mount=from=} read them: nothing is excluded, owners are kept, and checksums count the
 * files' own owners. An image never changes, so each checksum is computed once per build.
 */
public final class ImageTree implements SourceTree {
    private final Path root;
    private final String description;
    private final Map<String, String> checksums = new ConcurrentHashMap<>();

    public ImageTree(Path root, String description) {
        this.root = root;
        this.description = description;
    }

    @Override
    public Path root() {
        return root;
    }

    @Override
    public boolean excluded(String rel) {
        return false;
    }

    @Override
    public boolean mayIncludeUnder(String excludedDirectory) {
        return false;
    }

    @Override
    public String checksum(String rel, Path path, PathStat stat) throws IOException {
        String known = checksums.get(rel);
        if (known != null) {
            return known;
        }
        String hex = SourceHash.of(rel, path, stat, stat.uid(), stat.gid());
        checksums.put(rel, hex);
        return hex;
    }

    @Override
    public boolean keepsOwners() {
        return true;
    }

    @Override
    public String description() {
        return description;
    }
}
