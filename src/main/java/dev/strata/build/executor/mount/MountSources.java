package dev.strata.build.executor.mount;

import dev.strata.build.executor.copy.SourceTree;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** What a build gives its RUN steps' mounts: trees to bind from, secrets, and places of its own. */
public interface MountSources {
    /** The tree {@code from=} names: a stage, a named context or an image; the build context when empty. */
    SourceTree tree(Optional<String> from) throws IOException;

    /** The file given with {@code --secret id=ID,src=FILE}, if any. */
    Optional<Path> secret(String id);

    /** A new, empty directory of the build's own, removed when the build ends. */
    Path newDirectory(String prefix) throws IOException;

    /** Where {@code type=cache} directories live between builds. */
    Path cacheMounts();
}
