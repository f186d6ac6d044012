package dev.strata.build.instruction;

import dev.strata.build.dockerfile.SourceRange;

/** {@code USER user[:group]}; the whole rest of the line is one raw word. */
public record UserInstruction(SourceRange where, String user) implements Instruction {
    @Override
    public UserInstruction expand(WordExpansion expansion) {
        return new UserInstruction(where, expansion.word(user, where));
    }
}
