package dev.strata.build.instruction;

import dev.strata.build.dockerfile.SourceRange;

/** {@code ENTRYPOINT ["exec", "form"]} or {@code ENTRYPOINT shell form}. Not expanded by the builder. */
public record EntrypointInstruction(SourceRange where, CommandForm command) implements Instruction {
}
