package dev.strata.build.instruction;

import dev.strata.build.dockerfile.SourceRange;
import java.util.Optional;

/**
 * {@code FROM [--platform=P] IMAGE [AS NAME]}. The image and platform are raw; only the global ARGs
 * (those before the first FROM) can be used in them. The stage name is lower-cased, as Docker does.
 */
public record FromInstruction(SourceRange where, String image, Optional<String> stageName, Optional<String> platform)
        implements Instruction {
}
