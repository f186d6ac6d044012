package dev.strata.build.instruction;

import dev.strata.build.dockerfile.SourceRange;
import java.util.List;

/** {@code SHELL ["executable", "parameters"]}: JSON form only. */
public record ShellInstruction(SourceRange where, List<String> shell) implements Instruction {
    public ShellInstruction {
        shell = List.copyOf(shell);
    }
}
