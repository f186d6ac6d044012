package dev.strata.build.executor;

import dev.strata.digest.Digest;
import java.util.List;

/**
 * What a build made.
 *
 * @param image       the final image's ID
 * @param tags        the references it was given
 * @param stepsRun    how many steps ran (were not taken from the cache); RUN steps among them in {@code runsRun}
 * @param runsRun     how many RUN steps ran a container
 * @param filesHashed how many context files had to be read to checksum them
 */
public record BuildResult(Digest image, List<String> tags, int stepsRun, int runsRun, int filesHashed) {
    public BuildResult {
        tags = List.copyOf(tags);
    }
}
