package dev.strata.build.instruction;

import dev.strata.build.dockerfile.SourceRange;

/** {@code STOPSIGNAL signal}; the whole rest of the line is one raw word. */
public record StopSignalInstruction(SourceRange where, String signal) implements Instruction {
    @Override
    public StopSignalInstruction expand(WordExpansion expansion) {
        return new StopSignalInstruction(where, expansion.word(signal, where));
    }
}
