package dev.strata.build.executor;

import dev.strata.digest.Digest;
import dev.strata.error.NotFoundException;
import dev.strata.reference.Reference;
import java.io.IOException;
import java.io.PrintStream;

/**
 * How a build gets an image from a registry: one the store lacks (FROM, {@code COPY --from}, a bind
 * mount's {@code from}), or every base again under {@code --pull}. The registry client is the caller's
 * (the CLI's, with the user's credentials and mirrors), so the build package depends on no transport.
 */
@FunctionalInterface
public interface Puller {
    /**
     * Pulls {@code reference} (tag or digest given) for this host's platform into the store, writing
     * Docker's pull lines ({@code 1: Pulling from x}, a line per layer, {@code Digest:}, {@code Status:})
     * to {@code out}, and returns the image ID.
     */
    Digest pull(Reference reference, PrintStream out) throws IOException;

    /** For builds given no registry: every pull is refused, saying so. */
    Puller NONE = (reference, out) -> {
        throw new NotFoundException("No such image: " + reference.familiarString()
                + " (this build has no registry to pull it from)");
    };
}
