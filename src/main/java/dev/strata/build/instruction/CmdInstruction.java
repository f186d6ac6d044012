package dev.strata.build.instruction;

import dev.strata.build.dockerfile.SourceRange;

/** {@code CMD ["exec", "form"]} or {@code CMD shell form}. Not expanded by the builder. */
public record CmdInstruction(SourceRange where, CommandForm command) implements Instruction {
}
