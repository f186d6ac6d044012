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
 * files' own owners, by number and, as Docker's daemon looks them up, by this host's names for them.
 * An image never changes, so each checksum is computed once per build. A symbolic link inside a
 * copied directory that points at nothing is left out of the directory's checksum.
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
        String hex = SourceHash.of(rel, path, stat, new SourceHash.Owner(stat.uid(), stat.gid(),
                HostNames.user(stat.uid()), HostNames.group(stat.gid())), null);
        checksums.put(rel, hex);
        return hex;
    }

    @Override
    public String danglingLinkChecksum(String rel) {
        return null;
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
