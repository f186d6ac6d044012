package dev.strata.build.instruction;

import dev.strata.build.dockerfile.SourceRange;
import java.util.Optional;

/**
 * {@code HEALTHCHECK [OPTIONS] CMD command}, or {@code HEALTHCHECK NONE} (an empty probe), which
 * turns off any check inherited from the base image.
 */
public record HealthcheckInstruction(SourceRange where, Optional<HealthProbe> probe) implements Instruction {
    public boolean disables() {
        return probe.isEmpty();
    }
}
