package dev.strata.build.instruction;

import dev.strata.build.dockerfile.SourceRange;

/** {@code WORKDIR path}; the whole rest of the line is one raw word. */
public record WorkdirInstruction(SourceRange where, String path) implements Instruction {
    @Override
    public WorkdirInstruction expand(WordExpansion expansion) {
        return new WorkdirInstruction(where, expansion.word(path, where));
    }
}
