package dev.strata.build.executor.copy;

import dev.strata.build.executor.context.PathStat;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A tree that COPY and ADD read from: the build context (with its {@code .dockerignore}), a named
 * context ({@code --build-context NAME=DIR}), or the files of a stage or image ({@code --from}).
 */
public interface SourceTree {
    /** The tree's directory on this host. */
    Path root();

    /** Whether {@code rel} (relative, {@code /}-separated) is left out, as {@code .dockerignore} says. */
    boolean excluded(String rel);

    /** Whether excluded directories may hold entries that are not ({@code !} rules), so a walk must look inside. */
    boolean mayIncludeUnder(String excludedDirectory);

    /** Docker's checksum ({@link dev.strata.build.executor.context.SourceHash}) of the entry {@code rel} at {@code path}. */
    String checksum(String rel, Path path, PathStat stat) throws IOException;

    /**
     * What a directory's checksum counts for a symbolic link in it that points at nothing in the tree:
     * Docker's context checksums count the link's own path, its image checksums leave it out (null).
     */
    String danglingLinkChecksum(String rel);

    /**
     * Whether what is copied keeps its owners when no {@code --chown} is given: files of a stage or image
     * do; files of a context become root's, as the docker CLI sends them.
     */
    boolean keepsOwners();

    /** How messages name the tree. */
    String description();
}
