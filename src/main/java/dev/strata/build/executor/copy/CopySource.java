package dev.strata.build.executor.copy;

import dev.strata.build.executor.context.PathStat;
import java.nio.file.Path;

/**
 * One thing a COPY or ADD copies, once its sources are matched and looked up.
 *
 * @param name     the source as Docker names it: its cleaned path in the tree ({@code sub/b}); its last
 *                 element names the copy in a destination directory
 * @param path     where it is on this host, symbolic links on the way and at the end followed inside the tree
 * @param stat     what {@code path} is
 * @param checksum {@code file:HEX} or {@code dir:HEX}, as Docker's history shows it
 * @param parents  with {@code --parents}, the path to keep under the destination ({@code a/b/c.txt},
 *                 or what follows a {@code /./} in the source); null otherwise
 */
public record CopySource(String name, Path path, PathStat stat, String checksum, String parents) {
    /** The last element of the name. */
    public String baseName() {
        int slash = name.lastIndexOf('/');
        return slash < 0 ? name : name.substring(slash + 1);
    }
}
